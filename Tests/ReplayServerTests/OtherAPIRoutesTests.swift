import ChatWire
import DocHarnessTestSupport
import Foundation
import Replay
import Testing
import Tokenization
@testable import ReplayServer

/// The Responses API (OpenAI's and Azure's `/openai/v1/` path) and the Messages API go through the
/// same pipeline as chat completions: strict diff, context cliff, faults, stream safety and
/// conversion; errors the server makes for the Messages API come in Anthropic's envelope.
@Suite("Responses and Messages routes")
struct OtherAPIRoutesTests {
    static let responsesBody = #"{"model":"gpt-4o-mini","input":"Name a colour.","max_output_tokens":20}"#
    static let messagesBody = #"{"model":"claude-haiku-4-5","max_tokens":20,"system":"Be brief.","messages":[{"role":"user","content":"Name a colour."}]}"#

    static let response: JSONValue = try! JSONParser.parse(#"""
        {"id":"resp_1","object":"response","created_at":1700000000,"status":"completed","model":"gpt-4o-mini-2024-07-18",
         "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Red.","annotations":[]}]}],
         "usage":{"input_tokens":11,"output_tokens":2,"total_tokens":13}}
        """#)
    static let message: JSONValue = try! JSONParser.parse(#"""
        {"id":"msg_01","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001","content":[{"type":"text","text":"Red."}],
         "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":14,"output_tokens":3}}
        """#)

    static func service(ignoring fields: [String] = [], converting: Bool = false, plan: FaultPlan = FaultPlan()) -> ReplayService {
        let cassette = Cassette(path: "/cassettes/apis.json", interactions: [
            Interaction(request: RecordedRequest(method: "POST", path: "/v1/responses", body: RecordedBody(decoded: Array(responsesBody.utf8))),
                        response: RecordedResponse(status: 200, body: .json(response))),
            Interaction(request: RecordedRequest(method: "POST", path: "/v1/messages", body: RecordedBody(decoded: Array(messagesBody.utf8))),
                        response: RecordedResponse(status: 200, body: .json(message))),
        ])
        var configuration = ReplayServerConfiguration(cassettes: [cassette], ignoredFields: fields, faultPlan: plan,
                                                      vocabularies: VocabularyStore(environment: ProcessInfo.processInfo.environment))
        configuration.convertsStreams = converting
        return ReplayService(configuration: configuration)
    }

    static func post(_ service: ReplayService, _ path: String, _ body: String) async -> (ServerAnswer, JSONValue?) {
        let answer = await service.answer(ServerRequest(method: "POST", path: path, body: Array(body.utf8)))
        if case .bytes(let bytes) = answer.body { return (answer, try? JSONParser.parse(bytes)) }
        return (answer, nil)
    }

    static func streamed(_ body: String) -> String { String(body.dropLast()) + #","stream":true}"# }

    @Test("replays both APIs; a changed prompt is a 400 whose diff shows the conversation, in each API's error shape")
    func strictDiff() async {
        let service = Self.service()
        #expect(await Self.post(service, "/v1/responses", Self.responsesBody).1 == Self.response)
        #expect(await Self.post(service, "/v1/messages", Self.messagesBody).1 == Self.message)
        let (answer, error) = await Self.post(service, "/v1/messages", Self.messagesBody.replacingOccurrences(of: "Name a colour.", with: "Name a fruit."))
        #expect(answer.status == 400)
        #expect(error?["type"]?.stringValue == "error" && error?["error"]?["type"]?.stringValue == "invalid_request_error")
        let text = error?["error"]?["message"]?.stringValue ?? ""
        #expect(text.contains("messages[1] user:\n-    Name a colour.\n+    Name a fruit."), "\(text)")
        let (openAI, openAIError) = await Self.post(service, "/v1/responses", Self.responsesBody.replacingOccurrences(of: "colour", with: "fruit"))
        #expect(openAI.status == 400 && openAIError?["error"]?["message"]?.stringValue?.contains("-    Name a colour.\n+    Name a fruit.") == true)
    }

    @Test("the context cliff: a prompt and budget past the window is the API's own 400")
    func cliff() async {
        let service = Self.service(plan: FaultPlan(contextWindow: 24))
        let (messages, error) = await Self.post(service, "/v1/messages", Self.messagesBody)
        #expect(messages.status == 400)
        #expect(error?["error"]?["message"]?.stringValue?.hasPrefix("prompt is too long: ") == true, "\(String(describing: error))")
        let (responses, openAIError) = await Self.post(service, "/v1/responses", Self.responsesBody)
        #expect(responses.status == 400 && openAIError?["error"]?["code"]?.stringValue == "context_length_exceeded")
        let (azure, _) = await Self.post(service, "/openai/v1/responses", Self.responsesBody)
        #expect(azure.status == 400, "Azure's v1 path is the Responses API too")
        #expect(await Self.post(Self.service(plan: FaultPlan(contextWindow: 10_000)), "/v1/messages", Self.messagesBody).0.status == 200)
    }

    @Test("faults by route: an injected 529 on messages is Anthropic's overloaded_error; responses untouched")
    func faults() async {
        let plan = FaultPlan(faults: [FaultPlan.Fault(status: 529, route: "messages")])
        let service = Self.service(plan: plan)
        let (answer, error) = await Self.post(service, "/v1/messages", Self.messagesBody)
        #expect(answer.status == 529 && error?["error"]?["type"]?.stringValue == "overloaded_error", "\(String(describing: error))")
        #expect(await Self.post(service, "/v1/responses", Self.responsesBody).0.status == 200)
    }

    @Test("a JSON recording is refused to a stream request, or converted into the API's own events")
    func streams() async throws {
        let refusing = Self.service(ignoring: ["stream"])
        let (refused, error) = await Self.post(refusing, "/v1/messages", Self.streamed(Self.messagesBody))
        #expect(refused.status == 400 && error?["error"]?["message"]?.stringValue?.contains("--convert-streams") == true)
        let converting = Self.service(ignoring: ["stream"], converting: true)
        for (path, body) in [("/v1/messages", Self.messagesBody), ("/v1/responses", Self.responsesBody)] {
            let (answer, _) = await Self.post(converting, path, Self.streamed(body))
            guard case .events(let events, _, _) = answer.body else {
                Issue.record("\(path): not a stream")
                continue
            }
            #expect(events.last?.completesStream == true, "\(path): \(events.map(\.event))")
            let back = path == "/v1/messages" ? try MessagesStreamConversion.message(from: events) : try ResponsesStreamConversion.response(from: events)
            #expect(back == (path == "/v1/messages" ? Self.message : Self.response))
        }
    }
}
