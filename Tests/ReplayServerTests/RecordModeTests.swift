import AsyncHTTPClient
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

/// Record mode over real sockets in front of a real upstream socket (another replay server,
/// lenient, standing in for the API): answers are proxied, saved without credentials, concurrent
/// writes never corrupt the cassette, and the cassette then replays in strict mode.
@Suite("Record mode")
struct RecordModeTests {
    /// A lenient server over the route fixtures, standing in for the API, and the vocabularies.
    static func lenientUpstream() throws -> (ReplayService, VocabularyStore) {
        let fixture = try CassetteLoader.load(file: ServerRoutesTests.fixture)
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        return (ReplayService(configuration: ReplayServerConfiguration(cassettes: [fixture], mode: .lenient, vocabularies: store)), store)
    }

    @Test("a stream is recorded only when it reached its API's end: [DONE], message_stop, response.completed or incomplete")
    func streamEnds() {
        func response(_ events: [ServerSentEvent], status: Int = 200) -> RecordedResponse {
            RecordedResponse(status: status, headers: HeaderFields(), body: .events(events))
        }
        let chunk = ServerSentEvent(data: #"{"object":"chat.completion.chunk","choices":[]}"#)
        #expect(UpstreamRecorder.isRecordable(response([chunk, ServerSentEvent(data: "[DONE]")])))
        #expect(!UpstreamRecorder.isRecordable(response([chunk])))
        #expect(!UpstreamRecorder.isRecordable(response([chunk, ServerSentEvent(data: "[DONE]")], status: 429)))
        let start = ServerSentEvent(event: "message_start", data: #"{"type":"message_start","message":{}}"#)
        #expect(UpstreamRecorder.isRecordable(response([start, ServerSentEvent(event: "message_stop", data: #"{"type":"message_stop"}"#)])))
        // An overloaded_error mid-stream, or a cut after message_delta: passed on, never recorded.
        #expect(!UpstreamRecorder.isRecordable(response([start, ServerSentEvent(event: "error", data: #"{"type":"error","error":{"type":"overloaded_error"}}"#)])))
        #expect(!UpstreamRecorder.isRecordable(response([start, ServerSentEvent(event: "message_delta", data: #"{"type":"message_delta"}"#)])))
        // Responses: the type in the data alone is enough (some servers send no event: lines).
        #expect(UpstreamRecorder.isRecordable(response([ServerSentEvent(data: #"{"type": "response.completed", "response": {}}"#)])))
        #expect(UpstreamRecorder.isRecordable(response([ServerSentEvent(event: "response.incomplete", data: "{}")])))
        #expect(!UpstreamRecorder.isRecordable(response([ServerSentEvent(event: "response.failed", data: #"{"type":"response.failed"}"#)])))
    }

    @Test("Messages API requests go to --anthropic-upstream, everything else to --upstream")
    func messagesUpstream() {
        var configuration = RecordingConfiguration(upstream: "https://api.openai.com/", cassetteFile: "c.json")
        #expect(configuration.upstream(for: "/v1/messages") == "https://api.openai.com")
        configuration.messagesUpstream = "https://api.anthropic.com/"
        #expect(configuration.upstream(for: "/v1/messages") == "https://api.anthropic.com")
        #expect(configuration.upstream(for: "/v1/messages?beta=true") == "https://api.anthropic.com")
        #expect(configuration.upstream(for: "/v1/messages/count_tokens") == "https://api.anthropic.com")
        #expect(configuration.upstream(for: "/v1/responses") == "https://api.openai.com")
        #expect(configuration.upstream(for: "/v1/messagesx") == "https://api.openai.com")
    }

    @Test("proxies, redacts, records concurrent requests atomically, and the recording replays")
    func recordThenReplay() async throws {
        let (upstreamService, store) = try Self.lenientUpstream()
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cassetteFile = directory.appendingPathComponent("recorded.json").path
        let prompts = (0..<8).map { #"{"messages":[{"role":"user","content":"Prompt number \#($0)."}],"model":"gpt-4o-mini"}"# }
        // The last five (and the query's keys) were written into cassettes before (issue 23).
        let secretHeaders = [("Authorization", "Bearer sk-live-SECRET"), ("api-key", "azure-SECRET"), ("OpenAI-Organization", "org-SECRET"),
                             ("Content-Type", "application/json"), ("x-goog-api-key", "g-SECRET"), ("X-Auth-Token", "t-SECRET"),
                             ("x-azure-api-key", "a-SECRET"), ("x-openai-api-key", "o-SECRET"), ("authorization-token", "at-SECRET")]
        var collected = [String](repeating: "", count: prompts.count)
        let (_, recordedCount) = try await InProcessReplayServer.with(upstreamService) { upstream in
            try await InProcessReplayServer.record(from: upstream, into: cassetteFile) { recorder in
                collected = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                    for (index, prompt) in prompts.enumerated() {
                        group.addTask {
                            var request = HTTPClientRequest(url: recorder + "/v1/chat/completions?API-Key=q-SECRET&access_token=q2-SECRET&Key=q3-SECRET&keep=1")
                            request.method = .POST
                            for (name, value) in secretHeaders { request.headers.add(name: name, value: value) }
                            request.body = .bytes(ByteBuffer(string: prompt))
                            // A generous time-out: a loaded machine is slow, not wrong.
                            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(600))
                            #expect(response.status == .ok)
                            return (index, String(buffer: try await response.body.collect(upTo: 1 << 20)))
                        }
                    }
                    var answers = [String](repeating: "", count: prompts.count)
                    for try await (index, body) in group { answers[index] = body }
                    return answers
                }
            }
        }
        #expect(recordedCount == 8)
        let answers = collected

        let text = try String(contentsOfFile: cassetteFile, encoding: .utf8)
        #expect(!text.contains("SECRET"))
        #expect(!text.lowercased().contains("authorization"))
        #expect(text.contains("?API-Key=REDACTED&access_token=REDACTED&Key=REDACTED&keep=1"))
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

    /// A full disk (here: the cassette's folder gone) used to turn the upstream's paid-for answer
    /// into a bare 502. It is passed on with a warning header; the interaction is kept and written
    /// with the next recording that succeeds (issue 23 item 5).
    @Test("a cassette that cannot be written still gets the client the upstream's answer, with a warning")
    func unwritableCassette() async throws {
        let (upstreamService, store) = try Self.lenientUpstream()
        let root = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("cassettes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cassetteFile = folder.appendingPathComponent("recorded.json").path
        func send(_ base: String, _ number: Int) async throws -> (status: Int, warning: String?, body: String) {
            var request = HTTPClientRequest(url: base + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"messages":[{"role":"user","content":"Prompt \#(number)."}],"model":"gpt-4o-mini"}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(600))
            return (Int(response.status.code), response.headers.first(name: "x-docharness-warning"), String(buffer: try await response.body.collect(upTo: 1 << 20)))
        }
        try await InProcessReplayServer.with(upstreamService) { upstream in
            let recording = ReplayService(configuration: ReplayServerConfiguration(
                cassettes: [], recording: RecordingConfiguration(upstream: upstream, cassetteFile: cassetteFile), vocabularies: store))
            try await InProcessReplayServer.with(recording) { base in
                let first = try await send(base, 1)
                #expect(first.status == 200 && first.warning == nil)
                try FileManager.default.removeItem(at: folder)
                let second = try await send(base, 2)
                #expect(second.status == 200, "the upstream's answer, not a 502: \(second.body)")
                #expect(second.body.contains("choices"))
                #expect(second.warning?.hasPrefix("not recorded: \(cassetteFile) cannot be written") == true, "\(second.warning ?? "no warning")")
                #expect(recording.counters.snapshot[.notWritten] == 1)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let third = try await send(base, 3)
                #expect(third.status == 200 && third.warning == nil)
            }
        }
        // Every interaction was kept in memory and written with the third (the folder, and the
        // first write with it, were gone).
        let written = try CassetteLoader.load(file: cassetteFile)
        #expect(written.interactions.count == 3)
    }
}
