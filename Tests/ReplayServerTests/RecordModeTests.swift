import ChatWire
import DocHarnessTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Replay
import Testing
import Tokenization
@testable import ReplayServer

/// Record mode against a real upstream socket (another replay server, lenient, standing in for
/// the API): answers are proxied, saved without credentials, concurrent writes never corrupt the
/// cassette, and the cassette then replays in strict mode.
@Suite("Record mode")
struct RecordModeTests {
    @Test("proxies, redacts, records concurrent requests atomically, and the recording replays")
    func recordThenReplay() async throws {
        let fixture = try CassetteLoader.load(file: ServerRoutesTests.fixture)
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        let upstream = try await ReplayServer.start(ReplayService(configuration: ReplayServerConfiguration(cassettes: [fixture], mode: .lenient, vocabularies: store)))
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cassetteFile = directory.appendingPathComponent("recorded.json").path
        let recorder = ReplayService(configuration: ReplayServerConfiguration(
            cassettes: [], recording: RecordingConfiguration(upstream: upstream.baseURL, cassetteFile: cassetteFile), vocabularies: store
        ))
        let prompts = (0..<8).map { #"{"messages":[{"role":"user","content":"Prompt number \#($0)."}],"model":"gpt-4o-mini"}"# }
        var secretHeaders = HTTPFields()
        secretHeaders[.authorization] = "Bearer sk-live-SECRET"
        secretHeaders[HTTPField.Name("api-key")!] = "azure-SECRET"
        secretHeaders[HTTPField.Name("OpenAI-Organization")!] = "org-SECRET"
        secretHeaders[.contentType] = "application/json"
        let headers = secretHeaders
        let answers = try await ReplayServer.makeApplication(recorder).test(.router) { client in
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for (index, prompt) in prompts.enumerated() {
                    group.addTask {
                        try await client.execute(uri: "/v1/chat/completions", method: .post, headers: headers, body: ByteBuffer(string: prompt)) { response in
                            #expect(response.status == .ok)
                            return (index, String(buffer: response.body))
                        }
                    }
                }
                var answers = [String](repeating: "", count: prompts.count)
                for try await (index, body) in group { answers[index] = body }
                return answers
            }
        }
        await recorder.shutdown()
        await upstream.stop()
        #expect(recorder.counters.snapshot[.recorded] == 8)

        let text = try String(contentsOfFile: cassetteFile, encoding: .utf8)
        #expect(!text.contains("SECRET"))
        #expect(!text.lowercased().contains("authorization"))
        let recorded = try CassetteLoader.load(file: cassetteFile)
        #expect(recorded.interactions.count == 8)
        #expect(recorded.interactions.allSatisfy { $0.recordedAt != nil && $0.durationMilliseconds != nil })

        let replay = ReplayService(configuration: ReplayServerConfiguration(cassettes: [recorded], vocabularies: store))
        try await ReplayServer.makeApplication(replay).test(.router) { client in
            for (index, prompt) in prompts.enumerated() {
                try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: prompt)) { response throws in
                    #expect(response.status == .ok)
                    let replayed = try JSONParser.parse(Array(response.body.readableBytesView))
                    #expect(replayed.isEquivalent(to: try JSONParser.parse(answers[index])))
                }
            }
        }
        #expect(replay.counters.snapshot[.unmatched] == 0)
    }
}
