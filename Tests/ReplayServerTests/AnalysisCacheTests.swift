import ChatWire
import Replay
import Testing
@testable import ReplayServer

/// The cache of parsed request bodies is bounded in bytes (issue 23): bounded by count, 53
/// distinct 7.5 MiB requests held 6 GB and never gave it back.
struct AnalysisCacheTests {
    static func analysis() -> ChatRequestAnalysis {
        ChatRequestAnalysis(value: .null, chat: ChatCompletionRequest(model: "m", messages: [.text("user", "hi")]),
                            key: RequestKey(method: "POST", path: "/v1/chat/completions", body: ""), model: "m", window: nil, promptTokensIfNeeded: nil)
    }

    @Test func heldBytesStayUnderTheBoundAndHugeBodiesAreNotKept() {
        let cache = ChatRequestAnalysisCache(capacityBytes: 1 << 20)
        for index in 0 ..< 500 {
            let body = [UInt8](repeating: UInt8(index % 251), count: 4_000) + Array(String(index).utf8)
            cache.store(Self.analysis(), path: "/v1/chat/completions", body: body)
            #expect(cache.heldBytes <= 1 << 20)
        }
        let last = [UInt8](repeating: UInt8(499 % 251), count: 4_000) + Array("499".utf8)
        #expect(cache.analysis(path: "/v1/chat/completions", body: last) != nil)
        // 100 KB counts 1.2 MB: more than a sixteenth of the bound, so it is analysed every time.
        let huge = [UInt8](repeating: 0x61, count: 100_000)
        cache.store(Self.analysis(), path: "/v1/chat/completions", body: huge)
        #expect(cache.analysis(path: "/v1/chat/completions", body: huge) == nil)
    }
}
