import ChatWire
import Foundation
import Testing
@testable import Tokenization

/// What chat counting renders for the parts of a request the server does not count as plain
/// text: tool-call history, tool results, `tool_choice`, tool schemas and response formats
/// (docs/token-counting.md). Each case is one the recorded usage decided.
@Suite("chat rendering of tools and formats")
struct ChatRenderingTests {
    static func prompt(_ body: String) throws -> ChatPrompt {
        ChatPrompt(request: try ChatCompletionRequest(json: try JSONParser.parse(body)), model: "gpt-4o-mini")
    }

    static let parallelTurn = #"""
        {"model": "gpt-4o-mini", "messages": [
          {"role": "user", "content": "Weather in Oslo and Lima?"},
          {"role": "assistant", "content": null, "tool_calls": [
            {"id": "a", "type": "function", "function": {"name": "weather", "arguments": "{\"city\": \"Oslo\"}"}},
            {"id": "b", "type": "function", "function": {"name": "weather", "arguments": "{\"city\": \"Lima\"}"}}]},
          {"role": "tool", "tool_call_id": "a", "name": "weather", "content": "4 degrees\nrain"},
          {"role": "tool", "tool_call_id": "b", "content": "19 degrees"}]}
        """#

    @Test("several calls at once are one multi_tool_use.parallel call; their results are JSON strings from functions.NAME")
    func parallelCalls() throws {
        let prompt = try Self.prompt(Self.parallelTurn)
        #expect(prompt.messages[1].text == [" to=multi_tool_use.parallel",
                                            #"{"tool_uses":[{"recipient_name":"functions.weather","parameters":{"city":"Oslo"}},{"recipient_name":"functions.weather","parameters":{"city":"Lima"}}]}"#])
        #expect(prompt.messages[2].author == "functions.weather")
        #expect(prompt.messages[2].name == nil, "a tool result's name is not written beside its author")
        #expect(prompt.messages[2].text == [#""4 degrees\nrain""#])
        #expect(prompt.toolCallCount == 2 && prompt.parallelToolCallTurns == 1)
        #expect(prompt.countingClass == .other)
    }

    @Test("one call is a message to functions.NAME; its result is plain text")
    func singleCall() throws {
        let prompt = try Self.prompt(#"""
            {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Oslo?"},
              {"role": "assistant", "tool_calls": [{"id": "a", "type": "function", "function": {"name": "weather", "arguments": "{}"}}]},
              {"role": "tool", "tool_call_id": "a", "content": "4 degrees\nrain"}]}
            """#)
        #expect(prompt.messages[1].text == [" to=functions.weather", "{}"])
        #expect(prompt.messages[2].text == ["4 degrees\nrain"])
        #expect(prompt.parallelToolCallTurns == 0)
    }

    @Test("a named tool_choice is written into the reply's header; required is a flag")
    func toolChoice() throws {
        let named = try Self.prompt(#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function", "function": {"name": "f"}}], "tool_choice": {"type": "function", "function": {"name": "f"}}}"#)
        #expect(named.forcedFunction == "f" && !named.toolChoiceRequired)
        let required = try Self.prompt(#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function", "function": {"name": "f"}}], "tool_choice": "required"}"#)
        #expect(required.forcedFunction == nil && required.toolChoiceRequired)
    }

    @Test("$defs references are rendered in full; titles and examples are comments; nested objects indent by four")
    func schemaRendering() throws {
        let parameters = try JSONParser.parse(#"""
            {"$defs": {"Entity": {"type": "object", "properties": {"name": {"type": "string", "description": "Its name."}}, "required": ["name"]}},
             "properties": {"entities": {"title": "Entities", "type": "array", "items": {"$ref": "#/$defs/Entity"}},
                            "mode": {"type": "string", "examples": ["fast"]}},
             "required": ["entities"], "type": "object"}
            """#)
        let text = FunctionNamespace.render([FunctionDefinition(name: "extract", description: "Extract.", parameters: parameters)])
        #expect(text == """
            namespace functions {

            // Extract.
            type extract = (_: {
            // Entities
            //
            entities: {
                // Its name.
                name: string,
                }[],
            // Examples:
            // - "fast"
            mode?: string,
            }) => any;

            } // namespace functions
            """)
    }

    @Test("a self-referencing schema stops instead of recursing")
    func recursiveReference() throws {
        let parameters = try JSONParser.parse(##"{"$defs": {"Node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/Node"}}}}, "type": "object", "properties": {"root": {"$ref": "#/$defs/Node"}}}"##)
        let text = FunctionNamespace.render([FunctionDefinition(name: "tree", description: nil, parameters: parameters)])
        #expect(text.components(separatedBy: "child?:").count - 1 == 8)
        #expect(text.contains("child?: any,"))
    }

    @Test("a response format schema is counted without the keywords strict mode implies; a property so named stays")
    func responseFormatSchema() throws {
        let schema = try JSONParser.parse(#"{"type": "object", "title": "T", "properties": {"required": {"type": "integer", "minimum": 0, "maximum": 9}}, "required": ["required"], "additionalProperties": false}"#)
        #expect(JSONWriter.string(ResponseFormatSchema.counted(schema)) == #"{"type":"object","title":"T","properties":{"required":{"type":"integer"}}}"#)
        let open = try JSONParser.parse(#"{"type": "object", "additionalProperties": true}"#)
        #expect(JSONWriter.string(ResponseFormatSchema.counted(open)) == #"{"type":"object","additionalProperties":true}"#)
    }

    @Test("predicted outputs and audio output are not plain requests")
    func classes() throws {
        #expect(try Self.prompt(#"{"model": "m", "messages": [{"role": "user", "content": "x"}]}"#).countingClass == .plain)
        #expect(try Self.prompt(#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "prediction": {"type": "content", "content": "y"}}"#).countingClass == .other)
        #expect(try Self.prompt(#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "modalities": ["text", "audio"]}"#).countingClass == .other)
        #expect(try Self.prompt(#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "response_format": {"type": "json_object"}}"#).countingClass == .responseFormat)
    }
}
