import ChatWire
import DocHarnessTestSupport
import Foundation
import Replay
import Testing
import Tokenization
@testable import ReplayServer

/// Per-test cassettes (`/c/NAME/…`, `x-docharness-cassette`): identical requests recorded in two
/// cassettes answer each scope with its own recording and its own episode counters; the admin
/// endpoints reset, list unused recordings and log per scope; a recording is never served in the
/// other stream form silently.
@Suite("Scoped replay")
struct ScopedReplayTests {
    static let prompt = #"{"messages":[{"role":"user","content":"Name a colour."}],"model":"gpt-4o-mini"}"#
    static let streamed = #"{"messages":[{"role":"user","content":"Name a colour."}],"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true}}"#

    static func completion(_ text: String) -> RecordedResponse {
        let body: JSONValue = .object([
            JSONMember("id", .string("chatcmpl-\(text)")), JSONMember("object", "chat.completion"), JSONMember("created", 1_700_000_000),
            JSONMember("model", "gpt-4o-mini-2024-07-18"),
            JSONMember("choices", .array([.object([
                JSONMember("index", 0), JSONMember("message", .object([JSONMember("role", "assistant"), JSONMember("content", .string(text))])),
                JSONMember("logprobs", .null), JSONMember("finish_reason", "stop"),
            ])])),
            JSONMember("usage", .object([JSONMember("prompt_tokens", 12), JSONMember("completion_tokens", 1), JSONMember("total_tokens", 13)])),
        ])
        return RecordedResponse(status: 200, body: .json(body))
    }

    static func interaction(_ text: String, body: String = prompt) -> Interaction {
        Interaction(request: RecordedRequest(method: "POST", path: "/v1/chat/completions", body: RecordedBody(decoded: Array(body.utf8))),
                    response: completion(text))
    }

    /// `root/a.json` (red, then green) and `root/sub/b.json` (blue), the same request in both.
    static func service(ignoring fields: [String] = [], converting: Bool = false) -> ReplayService {
        let root = "/cassettes"
        let a = Cassette(path: root + "/a.json", interactions: [interaction("red"), interaction("green")])
        let b = Cassette(path: root + "/sub/b.json", interactions: [interaction("blue")])
        var configuration = ReplayServerConfiguration(cassettes: [a, b], ignoredFields: fields, vocabularies: VocabularyStore(environment: [:]))
        configuration.cassetteRoots = [root]
        configuration.convertsStreams = converting
        return ReplayService(configuration: configuration)
    }

    static func post(_ service: ReplayService, _ path: String, body: String = prompt, headers: [(String, String)] = []) async -> (Int, JSONValue?, ServerAnswer) {
        let answer = await service.answer(ServerRequest(method: "POST", path: path, headers: HeaderFields(headers.map { HeaderFields.Field($0.0, $0.1) }), body: Array(body.utf8)))
        if case .bytes(let bytes) = answer.body { return (answer.status, try? JSONParser.parse(bytes), answer) }
        return (answer.status, nil, answer)
    }

    static func get(_ service: ReplayService, _ path: String) async throws -> JSONValue {
        let answer = await service.answer(ServerRequest(method: "GET", path: path))
        guard case .bytes(let bytes) = answer.body else { throw CassetteError(file: path, line: nil, reason: "not JSON", fix: "") }
        return try JSONParser.parse(bytes)
    }

    static func text(_ value: JSONValue?) -> String? {
        value?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue
    }

    @Test("each scope answers from its own cassette with its own episodes; unscoped requests keep the global pool")
    func scopesAnswerFromTheirOwnCassette() async throws {
        let service = Self.service()
        #expect(Self.text(await Self.post(service, "/c/sub/b/v1/chat/completions").1) == "blue")
        #expect(Self.text(await Self.post(service, "/c/a/v1/chat/completions").1) == "red")
        #expect(Self.text(await Self.post(service, "/v1/chat/completions", headers: [("x-docharness-cassette", "sub/b.json")]).1) == "blue")
        #expect(Self.text(await Self.post(service, "/c/a.json/v1/chat/completions").1) == "green")
        #expect(Self.text(await Self.post(service, "/c/a/v1/chat/completions").1) == "green", "the last episode again")
        #expect(Self.text(await Self.post(service, "/c/sub%2Fb/v1/chat/completions").1) == "blue", "an escaped slash")
        // The global pool: every cassette's recordings are episodes of one another, in load order.
        let global = await [Self.post(service, "/v1/chat/completions"), Self.post(service, "/v1/chat/completions"), Self.post(service, "/v1/chat/completions")]
        #expect(global.map { Self.text($0.1) } == ["red", "green", "blue"])
        #expect(global[0].2.headers["x-docharness-replay"]?.hasPrefix("/cassettes/a.json") == true)
    }

    @Test("a cassette under an `openai` or `v1` folder is still one scope; a test name's punctuation is kept")
    func routeNamedFolders() async throws {
        let root = "/cassettes"
        let nested = Cassette(path: root + "/llms/openai/v1/c.yaml", interactions: [Self.interaction("violet")])
        let punctuated = Cassette(path: root + "/Future-House+ldp/test_call[Anthropic-model: 'x'].yaml", interactions: [Self.interaction("teal")])
        var configuration = ReplayServerConfiguration(cassettes: [nested, punctuated], vocabularies: VocabularyStore(environment: [:]))
        configuration.cassetteRoots = [root]
        let service = ReplayService(configuration: configuration)
        #expect(Self.text(await Self.post(service, "/c/llms/openai/v1/c.yaml/v1/chat/completions").1) == "violet")
        #expect(Self.text(await Self.post(service, "/c/llms/openai/v1/c/openai/v1/chat/completions").1) == "violet", "Azure's v1 path")
        #expect(Self.text(await Self.post(service, "/c/Future-House%2Bldp/test_call%5BAnthropic-model%3A%20%27x%27%5D.yaml/v1/chat/completions").1) == "teal")
        #expect(Self.text(await Self.post(service, "/c/llms/openai/v1/c.yaml/api/v1/chat/completions").1) == "violet", "OpenRouter's /api/v1")
    }

    @Test("a body the reader decoded is served without the recorded content-encoding and framing headers")
    func decodedBodyHeaders() async throws {
        var response = Self.completion("amber")
        response.headers = HeaderFields([HeaderFields.Field("Content-Encoding", "gzip"), HeaderFields.Field("Content-Length", "3"),
                                         HeaderFields.Field("Transfer-Encoding", "chunked"), HeaderFields.Field("x-request-id", "req_1")])
        let cassette = Cassette(path: "/cassettes/a.json", interactions: [Interaction(request: Self.interaction("amber").request, response: response)])
        let service = ReplayService(configuration: ReplayServerConfiguration(cassettes: [cassette], vocabularies: VocabularyStore(environment: [:])))
        let (status, body, answer) = await Self.post(service, "/v1/chat/completions")
        #expect(status == 200 && Self.text(body) == "amber")
        #expect(answer.headers["content-encoding"] == nil && answer.headers["content-length"] == nil && answer.headers["transfer-encoding"] == nil)
        #expect(answer.headers["x-request-id"] == "req_1")
    }

    @Test("a bad or unknown scope is a 400 that says why; traversal is refused")
    func badScopes() async throws {
        let service = Self.service()
        for path in ["/c/../etc/v1/chat/completions", "/c//v1/chat/completions", "/c/a/b", "/c/%zz/v1/chat/completions", "/c/a%0Arm/v1/chat/completions", "/c/a%5Cb/v1/chat/completions", "/c/sub/./b/v1/chat/completions"] {
            let (status, body, _) = await Self.post(service, path)
            #expect(status == 400, "\(path)")
            #expect(body?["error"]?["code"]?.stringValue == "invalid_cassette_scope", "\(path): \(String(describing: body))")
        }
        let (status, body, _) = await Self.post(service, "/c/a/v1/chat/completions", headers: [("x-docharness-cassette", "sub/b")])
        #expect(status == 400 && body?["error"]?["message"]?.stringValue?.contains("name one") == true)
        let (missing, error, _) = await Self.post(service, "/c/tests/test_new/v1/chat/completions")
        #expect(missing == 400)
        #expect(error?["error"]?["message"]?.stringValue?.contains("the cassette `tests/test_new` has no recordings") == true, "\(String(describing: error))")
    }

    @Test("reset, unused and the log, per scope and in all")
    func adminPerScope() async throws {
        let service = Self.service()
        _ = await Self.post(service, "/c/a/v1/chat/completions")
        var unused = try await Self.get(service, "/__admin/unused")
        #expect(unused["count"]?.intValue == 2)
        #expect(unused["unused"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["/cassettes/a.json (interaction 2)", "/cassettes/sub/b.json (interaction 1)"])
        unused = try await Self.get(service, "/__admin/unused?scope=sub/b")
        #expect(unused["count"]?.intValue == 1)
        unused = try await Self.get(service, "/c/a/__admin/unused")
        #expect(unused["count"]?.intValue == 1)
        #expect(service.unusedRecordings().count == 2)

        _ = await Self.post(service, "/c/a/v1/chat/completions")
        _ = await Self.post(service, "/c/a/__admin/reset")
        #expect(Self.text(await Self.post(service, "/c/a/v1/chat/completions").1) == "red", "the scope starts over")
        _ = await Self.post(service, "/c/nowhere/v1/chat/completions")

        let log = try await Self.get(service, "/__admin/log")
        let entries = log["entries"]?.arrayValue ?? []
        #expect(entries.map { $0["outcome"]?.stringValue } == ["matched", "matched", "matched", "unmatched"])
        #expect(entries.first?["scope"]?.stringValue == "a")
        #expect(entries.first?["path"]?.stringValue == "/v1/chat/completions")
        #expect(entries.first?["detail"]?.stringValue == "/cassettes/a.json (interaction 1) episode 1/2")
        #expect(entries.last?["detail"]?.stringValue?.contains("`nowhere` has no recordings") == true)
        let scoped = try await Self.get(service, "/__admin/log?scope=nowhere&limit=5")
        #expect(scoped["entries"]?.arrayValue?.count == 1)
        #expect(try await Self.get(service, "/__admin/stats")["matched"]?.intValue == 3, "scoped requests count in the shared stats")
    }

    @Test("a JSON recording is never an empty stream: refused with the reason, or converted when asked")
    func streamSafety() async throws {
        let refusing = Self.service(ignoring: ["stream", "stream_options"])
        let (status, body, _) = await Self.post(refusing, "/c/a/v1/chat/completions", body: Self.streamed)
        #expect(status == 400)
        #expect(body?["error"]?["code"]?.stringValue == "stream_mismatch")
        #expect(body?["error"]?["message"]?.stringValue?.contains("--convert-streams") == true)

        let converting = Self.service(ignoring: ["stream", "stream_options"], converting: true)
        let (_, _, answer) = await Self.post(converting, "/c/a/v1/chat/completions", body: Self.streamed)
        guard case .events(let events, _, _) = answer.body else {
            Issue.record("expected a stream, got \(answer.body)")
            return
        }
        #expect(answer.status == 200)
        #expect(answer.headers["content-type"]?.hasPrefix("text/event-stream") == true)
        #expect(events.last?.isDone == true)
        let chunks = try events.dropLast().map { try JSONParser.parse(Array($0.data.utf8)) }
        #expect(chunks.allSatisfy { $0["object"]?.stringValue == "chat.completion.chunk" && $0["id"]?.stringValue == "chatcmpl-red" })
        let text = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }.joined()
        #expect(text == "red")
        #expect(chunks.last?["usage"]?["total_tokens"]?.intValue == 13)
        #expect(chunks.last?["choices"]?.arrayValue?.isEmpty == true)
        // And back: the converted stream assembles to the recorded completion.
        let assembled = try ChatStreamConversion.completion(from: events)
        #expect(assembled.isEquivalent(to: try #require(Self.completion("red").body.jsonValue)))
    }
}

