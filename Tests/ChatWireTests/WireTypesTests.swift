import ChatWire
import DocHarnessTestSupport
import Foundation
import Replay
import Testing

@Suite("Wire types")
struct WireTypesTests {
    @Test("every recorded chat request, response and stream chunk of the shared cassettes reads and writes back the same JSON value",
          .requires(.sharedCassettes))
    func losslessOnRealTraffic() throws {
        let root = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)")
        var requests = 0
        var responses = 0
        var chunks = 0
        var rejected: [String] = []
        for cassette in try SharedCassetteCache.load(paths: [root.path]) {
            for (index, interaction) in cassette.interactions.enumerated() where interaction.request.chatRoute != nil {
                if let body = interaction.request.body.jsonValue {
                    do {
                        let request = try ChatCompletionRequest(json: body)
                        #expect(request.json.isEquivalent(to: body), "\(cassette.source(of: index))")
                        requests += 1
                    } catch {
                        rejected.append("\(cassette.source(of: index)): \(error)")
                    }
                }
                guard interaction.response.status == 200 else { continue }
                switch interaction.response.body {
                case .json(let body):
                    let completion = try ChatCompletion(json: body)
                    #expect(completion.json.isEquivalent(to: body), "\(cassette.source(of: index))")
                    responses += 1
                case .events(let events):
                    for event in events where !event.isDone {
                        let data = try JSONParser.parse(event.data)
                        let chunk = try ChatCompletionChunk(json: data)
                        #expect(chunk.json.isEquivalent(to: data))
                        chunks += 1
                    }
                default: break
                }
            }
        }
        // The API itself refused these bodies (recorded 400s with `missing_required_parameter`).
        #expect(rejected.count == 3, "\(rejected)")
        #expect(requests >= 1_080)
        #expect(responses >= 940)
        #expect(chunks >= 1_000)
        print("wire types: \(requests) requests, \(responses) responses, \(chunks) stream chunks read and written back unchanged")
    }

    @Test("typed fields, the context-length message, and the routes")
    func basics() throws {
        let request = try ChatCompletionRequest(jsonBytes: Array(#"{"model":"o3","messages":[{"role":"developer","content":[{"type":"text","text":"Be brief."},{"type":"image_url","image_url":{"url":"data:"}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"42"}],"max_completion_tokens":500,"stream":true,"stream_options":{"include_usage":true},"seed":7}"#.utf8))
        #expect(request.completionBudget == 500)
        #expect(request.includesStreamUsage)
        #expect(request.messages[0].text == "Be brief.")
        #expect(request.messages[1].toolCalls?.first?.function?.name == "f")
        #expect(request.messages[1].json["content"] == .null)
        #expect(request.additionalFields == [JSONMember("seed", 7)])
        #expect(APIError.contextLengthExceeded(window: 8192, messageTokens: 9000, completionTokens: 1000).message
            == "This model's maximum context length is 8192 tokens. However, you requested 10000 tokens (9000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.")
        #expect(ChatRoute(pathAndQuery: "/v1/chat/completions") == .openAI)
        #expect(ChatRoute(pathAndQuery: "https://api.deepseek.com/chat/completions") == .openAI)
        #expect(ChatRoute(pathAndQuery: "/openai/deployments/my%20dep/chat/completions?api-version=2024-10-21") == .azure(deployment: "my dep", apiVersion: "2024-10-21"))
        #expect(ChatRoute(pathAndQuery: "/v1/embeddings") == nil)
        #expect(throws: WireDecodingError.self) { try ChatCompletionRequest(jsonBytes: Array(#"{"model":"x"}"#.utf8)) }
    }
}
