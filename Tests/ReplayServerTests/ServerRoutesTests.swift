import ChatWire
import DocHarnessTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Replay
import Synchronization
import Testing
import Tokenization
@testable import ReplayServer

/// The server's routes in-process (Hummingbird's router test mode): admin endpoints, bad input,
/// rate limits on an injected clock, lenient mode, unknown routes.
@Suite("Replay server routes")
struct ServerRoutesTests {
    static let fixture = TestEnvironment.packageRoot.appendingPathComponent("Tests/ReplayServerTests/Fixtures/sdk-scenarios.json").path
    static let hello = #"{"messages":[{"role":"user","content":"Say hello in one word."}],"model":"gpt-4o-mini"}"#

    static func service(_ plan: FaultPlan = FaultPlan(), mode: ReplayEngine.Mode = .strict, maximumBodyBytes: Int = 8 << 20, clock: (@Sendable () -> Double)? = nil) throws -> ReplayService {
        let cassette = try CassetteLoader.load(file: fixture)
        return ReplayService(
            configuration: ReplayServerConfiguration(cassettes: [cassette], mode: mode, faultPlan: plan, maximumBodyBytes: maximumBodyBytes, vocabularies: VocabularyStore(environment: ProcessInfo.processInfo.environment)),
            now: clock
        )
    }

    static func json(_ buffer: ByteBuffer) throws -> JSONValue {
        try JSONParser.parse(Array(buffer.readableBytesView))
    }

    @Test("health, stats, reset and models")
    func adminEndpoints() async throws {
        let service = try Self.service()
        try await ReplayServer.makeApplication(service).test(.router) { client in
            try await client.execute(uri: "/__admin/health", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(try Self.json(response.body)["interactions"]?.intValue == 9)
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.hello))
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: #"{"messages":[],"model":"x"}"#))
            try await client.execute(uri: "/__admin/stats", method: .get) { response throws in
                let stats = try Self.json(response.body)
                #expect(stats["matched"]?.intValue == 1)
                #expect(stats["unmatched"]?.intValue == 1)
                #expect(stats["faulted"]?.intValue == 0)
            }
            try await client.execute(uri: "/__admin/reset", method: .post) { #expect($0.status == .ok) }
            try await client.execute(uri: "/__admin/stats", method: .get) { response throws in
                #expect(try Self.json(response.body)["matched"]?.intValue == 0)
            }
            try await client.execute(uri: "/v1/models", method: .get) { response throws in
                let ids = try Self.json(response.body)["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
                #expect(ids == ["docs-deployment", "gpt-4o-mini", "gpt-4o-mini-drop", "gpt-4o-mini-retry"])
            }
        }
    }

    @Test("identical requests replay their episodes in order, then the last again; reset starts over")
    func episodesInOrder() async throws {
        let service = try Self.service()
        let count = #"{"messages":[{"role":"user","content":"Count."}],"model":"gpt-4o-mini"}"#
        try await ReplayServer.makeApplication(service).test(.router) { client in
            var answers: [String] = []
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: count)) { response throws in
                    answers.append(try Self.json(response.body)["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue ?? "")
                }
            }
            #expect(answers == ["One.", "Two.", "Two."])
            try await client.execute(uri: "/__admin/reset", method: .post)
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: count)) { response throws in
                #expect(try Self.json(response.body)["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue == "One.")
            }
        }
    }

    @Test("malformed JSON is a 400, a wrong shape is a 400 naming the field, a large body a 413, an unknown route a 404 — and the server keeps serving")
    func badInput() async throws {
        let service = try Self.service(maximumBodyBytes: 1_000)
        try await ReplayServer.makeApplication(service).test(.router) { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: "{\"messages\": [")) { response throws in
                #expect(response.status == .badRequest)
                let error = try APIError(json: Self.json(response.body))
                #expect(error.type == "invalid_request_error")
                #expect(error.message.hasPrefix("We could not parse the JSON body of your request: line 1, column 15"))
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: #"{"model":"gpt-4o","messages":[{"role":"user","content":5}]}"#)) { response throws in
                #expect(response.status == .badRequest)
                #expect(try APIError(json: Self.json(response.body)).param == "messages[0].content")
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: String(repeating: " ", count: 2_000) + Self.hello)) { response throws in
                #expect(response.status == .contentTooLarge)
                #expect(try APIError(json: Self.json(response.body)).code == "request_too_large")
            }
            try await client.execute(uri: "/v1/embeddingz", method: .post, body: ByteBuffer(string: "{}")) { response throws in
                #expect(response.status == .notFound)
                #expect(try APIError(json: Self.json(response.body)).message == "Invalid URL (POST /v1/embeddingz)")
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.hello)) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("x-docharness-replay")!]?.contains("sdk-scenarios.json:") == true)
            }
            try await client.execute(uri: "/__admin/stats", method: .get) { response throws in
                #expect(try Self.json(response.body)["rejected"]?.intValue == 4)
            }
        }
    }

    @Test("requests and tokens per minute: 429 with Retry-After, retry-after-ms and x-ratelimit headers, refilled as time passes")
    func rateLimits() async throws {
        let time = Mutex<Double>(0)
        let service = try Self.service(FaultPlan(requestsPerMinute: 2), clock: { time.withLock { $0 } })
        try await ReplayServer.makeApplication(service).test(.router) { client in
            let count = #"{"messages":[{"role":"user","content":"Count."}],"model":"gpt-4o-mini"}"#
            for expectedRemaining in ["1", "0"] {
                try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: count)) { response throws in
                    #expect(response.status == .ok)
                    #expect(response.headers[HTTPField.Name("x-ratelimit-remaining-requests")!] == expectedRemaining)
                    #expect(response.headers[HTTPField.Name("x-ratelimit-limit-requests")!] == "2")
                }
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: count)) { response throws in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[HTTPField.Name("retry-after")!] == "30")
                #expect(response.headers[HTTPField.Name("retry-after-ms")!] == "30000")
                let error = try APIError(json: Self.json(response.body))
                #expect(error.code == "rate_limit_exceeded")
                #expect(error.message.contains("requests per min (RPM)"))
            }
            time.withLock { $0 = 30 }
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: count)) { response throws in
                #expect(response.status == .ok)
            }
        }
        // Tokens per minute: the prompt's exact tokens plus max_tokens.
        let tokenTime = Mutex<Double>(0)
        let tokenService = try Self.service(FaultPlan(tokensPerMinute: 1_000), clock: { tokenTime.withLock { $0 } })
        try await ReplayServer.makeApplication(tokenService).test(.router) { client in
            let big = #"{"messages":[{"role":"user","content":"Say hello in one word."}],"model":"gpt-4o-mini","max_tokens":600}"#
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: big)) { response throws in
                // Unmatched (max_tokens differs), but it was admitted: 613 tokens taken.
                #expect(response.status == .badRequest)
                #expect(response.headers[HTTPField.Name("x-ratelimit-remaining-tokens")!] == "387")
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: big)) { response throws in
                #expect(response.status == .tooManyRequests)
                let error = try APIError(json: Self.json(response.body))
                #expect(error.type == "tokens")
                #expect(response.headers[HTTPField.Name("retry-after-ms")!] == "13560")
            }
        }
    }

    @Test("lenient mode answers an unmatched prompt with the nearest recording")
    func lenientMode() async throws {
        let service = try Self.service(mode: .lenient)
        try await ReplayServer.makeApplication(service).test(.router) { client in
            let changed = #"{"messages":[{"role":"user","content":"Say hello in two words."}],"model":"gpt-4o-mini"}"#
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: changed)) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("x-docharness-replay")!]?.hasPrefix("nearest ") == true)
            }
        }
        #expect(service.counters.snapshot[.unmatched] == 1)
    }

    @Test("faults: every n-th request a 503, with the fault counted")
    func injectedStatuses() async throws {
        let service = try Self.service(FaultPlan(faults: [FaultPlan.Fault(status: 503, every: 2)]))
        try await ReplayServer.makeApplication(service).test(.router) { client in
            var statuses: [Int] = []
            for _ in 0..<4 {
                try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.hello)) { statuses.append($0.status.code) }
            }
            #expect(statuses == [200, 503, 200, 503])
        }
        #expect(service.counters.snapshot[.faulted] == 2)
    }
}
