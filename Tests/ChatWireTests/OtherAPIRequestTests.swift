import ChatWire
import Testing

/// The Responses and Messages API bodies in their chat-completions form, which the estimators count.
@Suite("Responses and Messages requests")
struct OtherAPIRequestTests {
    @Test("a Responses body: instructions, messages, function calls and outputs, function tools, text.format")
    func responses() throws {
        let body = try JSONParser.parse(#"""
            {"model":"gpt-4o","instructions":"Be brief.","input":[
              {"role":"user","content":[{"type":"input_text","text":"Weather?"}]},
              {"type":"function_call","call_id":"c1","name":"weather","arguments":"{\"city\":\"Oslo\"}"},
              {"type":"function_call","call_id":"c2","name":"weather","arguments":"{\"city\":\"Rome\"}"},
              {"type":"function_call_output","call_id":"c1","output":"rain"},
              {"type":"function_call_output","call_id":"c2","output":"sun"}],
             "tools":[{"type":"function","name":"weather","description":"Weather now.","parameters":{"type":"object"},"strict":true}],
             "tool_choice":{"type":"function","name":"weather"},
             "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"}}},
             "max_output_tokens":50,"stream":true}
            """#)
        let request = try ResponsesRequest(json: body, path: "")
        #expect(request.model == "gpt-4o" && request.stream && request.maxOutputTokens == 50)
        let chat = try request.chatEquivalent()
        #expect(chat.messages.map(\.role) == ["system", "user", "assistant", "tool", "tool"])
        #expect(chat.messages[2].toolCalls?.count == 2, "consecutive calls are one assistant turn")
        #expect(chat.tools?.first?.function?.name == "weather")
        #expect(chat.toolChoice?["function"]?["name"]?.stringValue == "weather")
        #expect(chat.responseFormat?.type == "json_schema")
        #expect(chat.maxCompletionTokens == 50 && chat.stream == true)
        let text = try ResponsesRequest(json: try JSONParser.parse(#"{"model":"gpt-5","input":"Hi"}"#), path: "").chatEquivalent()
        #expect(text.messages.map(\.role) == ["user"] && text.messages[0].text == "Hi")
    }

    @Test("what has no chat form is named: stored conversations, built-in tools, reasoning items, a missing input")
    func responsesUntranslatable() throws {
        func reason(_ json: String) throws -> String? {
            do {
                _ = try ResponsesRequest(json: try JSONParser.parse(json), path: "").chatEquivalent()
                return nil
            } catch {
                return (error as? WireError)?.reason
            }
        }
        #expect(try reason(#"{"input":"Hi","previous_response_id":"resp_1"}"#) == "a conversation continued on the server (previous_response_id)")
        #expect(try reason(#"{"input":"Hi","tools":[{"type":"web_search"}]}"#) == "a built-in tool (web_search)")
        #expect(try reason(#"{"input":[{"type":"reasoning","summary":[]}]}"#) == "an input item with no chat form (reasoning)")
        #expect(throws: WireError.self) { try ResponsesRequest(json: try JSONParser.parse(#"{"model":"gpt-4o"}"#), path: "") }
    }

    @Test("a Messages body: system blocks, tool_use and tool_result, custom tools, tool_choice any, output_format")
    func messages() throws {
        let body = try JSONParser.parse(#"""
            {"model":"claude-haiku-4-5","max_tokens":64,"system":[{"type":"text","text":"Be brief."}],"messages":[
              {"role":"user","content":"Weather in Oslo?"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"…"},{"type":"text","text":"Checking."},{"type":"tool_use","id":"t1","name":"weather","input":{"city":"Oslo"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"rain"}]},{"type":"text","text":"And?"}]}],
             "tools":[{"name":"weather","description":"Weather now.","input_schema":{"type":"object"}}],
             "tool_choice":{"type":"any"},"output_format":{"type":"json_schema","schema":{"type":"object"}},"stream":true}
            """#)
        let request = try MessagesRequest(json: body, path: "")
        #expect(request.maxTokens == 64 && request.stream)
        let chat = try request.chatEquivalent()
        #expect(chat.messages.map(\.role) == ["system", "user", "assistant", "tool", "user"])
        #expect(chat.messages[0].text == "Be brief.")
        #expect(chat.messages[2].toolCalls?.first?.function?.arguments == #"{"city":"Oslo"}"#)
        #expect(chat.messages[3].text == "rain")
        #expect(chat.tools?.first?.function?.parameters != nil)
        #expect(chat.toolChoice?.stringValue == "required")
        #expect(chat.responseFormat?.type == "json_schema")
        #expect(throws: WireError.self) {
            try MessagesRequest(json: try JSONParser.parse(#"{"messages":[],"tools":[{"type":"web_search_20250305","name":"web_search"}]}"#), path: "").chatEquivalent()
        }
        #expect(throws: WireError.self) {
            try MessagesRequest(json: try JSONParser.parse(#"{"messages":[],"mcp_servers":[{"type":"url","url":"https://example.invalid"}]}"#), path: "").chatEquivalent()
        }
    }

    @Test("the API of a path")
    func paths() {
        #expect(WireAPI(path: "/v1/chat/completions") == .chatCompletions)
        #expect(WireAPI(path: "/openai/deployments/d/chat/completions?api-version=2024-06-01") == .chatCompletions)
        #expect(WireAPI(path: "/v1/responses") == .responses)
        #expect(WireAPI(path: "/openai/v1/responses?api-version=preview") == .responses)
        #expect(WireAPI(path: "/v1/messages?beta=true") == .messages)
        #expect(WireAPI(path: "/v1/messages/count_tokens") == nil)
        #expect(WireAPI(path: "/v1/embeddings") == nil)
    }
}
