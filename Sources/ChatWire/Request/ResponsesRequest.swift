/// A `POST /v1/responses` body (OpenAI's Responses API; Azure's at `/openai/v1/responses`).
///
/// Kept as the JSON it arrived as; what DocHarness reads is typed: the model, whether it streams,
/// the output budget, and the conversation written as the chat-completions request a model sees
/// (`chatEquivalent()`), which is what the token estimators count.
public struct ResponsesRequest: ChatEquivalentRequest {
    /// The body as sent.
    public var json: JSONValue
    /// `model`.
    public var model: String?
    /// `stream`.
    public var stream: Bool
    /// `max_output_tokens`.
    public var maxOutputTokens: Int?
    /// `max_output_tokens`, the output budget.
    public var outputBudget: Int? { maxOutputTokens }

    public init(json: JSONValue, path: String) throws(WireError) {
        guard case .object = json else { throw WireError(path: path, reason: "expected an object") }
        guard let input = json["input"], input.stringValue != nil || input.arrayValue != nil else {
            throw WireError(path: Self.join(path, "input"), reason: "required: a string or an array of input items")
        }
        self.json = json
        model = json["model"]?.stringValue
        stream = json["stream"]?.boolValue ?? false
        maxOutputTokens = json["max_output_tokens"]?.intValue
    }

    /// The same conversation as a chat-completions request: `instructions` as the system message,
    /// message items as messages (`input_text`/`output_text` parts as text), `function_call`
    /// items as the assistant's tool calls, `function_call_output` as tool messages, function
    /// tools as tools, `text.format` as `response_format`, `max_output_tokens` as
    /// `max_completion_tokens`. What has no chat form throws, naming it: a conversation continued
    /// on the server (`previous_response_id`, `conversation`, `item_reference`), a stored `prompt`, built-in tools
    /// (web_search, file_search, …), reasoning items and other item types.
    public func chatEquivalent() throws(WireError) -> ChatCompletionRequest {
        var members: [JSONMember] = []
        if let model { members.append(JSONMember("model", .string(model))) }
        for stored in ["previous_response_id", "conversation"] where json[stored].map({ !$0.isNull }) ?? false {
            throw WireError(path: stored, reason: "a conversation continued on the server (\(stored))")
        }
        if let prompt = json["prompt"], !prompt.isNull {
            throw WireError(path: "prompt", reason: "a prompt stored on the server (prompt)")
        }
        var messages: [JSONValue] = []
        if let instructions = json["instructions"]?.stringValue {
            messages.append(.object([JSONMember("role", "system"), JSONMember("content", .string(instructions))]))
        }
        if let text = json["input"]?.stringValue {
            messages.append(.object([JSONMember("role", "user"), JSONMember("content", .string(text))]))
        } else if let items = json["input"]?.arrayValue {
            try Self.appendItems(items, to: &messages)
        }
        members.append(JSONMember("messages", .array(messages)))
        if let tools = json["tools"]?.arrayValue, !tools.isEmpty {
            members.append(JSONMember("tools", .array(try tools.enumerated().map { index, tool throws(WireError) in try Self.chatTool(tool, index: index) })))
        }
        if let choice = json["tool_choice"] {
            if case .object = choice, choice["type"]?.stringValue == "function", let name = choice["name"]?.stringValue {
                members.append(JSONMember("tool_choice", .object([JSONMember("type", "function"), JSONMember("function", .object([JSONMember("name", .string(name))]))])))
            } else if choice.stringValue != nil {
                members.append(JSONMember("tool_choice", choice))
            }
        }
        if let format = json["text"]?["format"], let type = format["type"]?.stringValue {
            switch type {
            case "json_schema":
                var schema: [JSONMember] = []
                for key in ["name", "description", "schema", "strict"] { if let value = format[key] { schema.append(JSONMember(key, value)) } }
                members.append(JSONMember("response_format", .object([JSONMember("type", "json_schema"), JSONMember("json_schema", .object(schema))])))
            case "json_object":
                members.append(JSONMember("response_format", .object([JSONMember("type", "json_object")])))
            default: break
            }
        }
        if let effort = json["reasoning"]?["effort"], effort.stringValue != nil { members.append(JSONMember("reasoning_effort", effort)) }
        if let budget = maxOutputTokens { members.append(JSONMember("max_completion_tokens", .integer(budget))) }
        if stream { members.append(JSONMember("stream", true)) }
        return try ChatCompletionRequest(json: .object(members), path: "")
    }

    /// Input items as chat messages; consecutive function calls become one assistant turn.
    static func appendItems(_ items: [JSONValue], to messages: inout [JSONValue]) throws(WireError) {
        var calls: [JSONValue] = []
        func flushCalls() {
            guard !calls.isEmpty else { return }
            messages.append(.object([JSONMember("role", "assistant"), JSONMember("content", .null), JSONMember("tool_calls", .array(calls))]))
            calls = []
        }
        for (index, item) in items.enumerated() {
            let type = item["type"]?.stringValue ?? (item["role"] != nil ? "message" : "")
            switch type {
            case "message":
                flushCalls()
                guard let role = item["role"]?.stringValue else { throw WireError(path: "input[\(index)].role", reason: "required") }
                messages.append(.object([JSONMember("role", .string(role)), JSONMember("content", try chatContent(item["content"], path: "input[\(index)].content"))]))
            case "function_call":
                let arguments = item["arguments"]?.stringValue ?? "{}"
                calls.append(.object([
                    JSONMember("id", item["call_id"] ?? .string("call_\(index)")), JSONMember("type", "function"),
                    JSONMember("function", .object([JSONMember("name", item["name"] ?? ""), JSONMember("arguments", .string(arguments))])),
                ]))
            case "function_call_output":
                flushCalls()
                let output = try chatContent(item["output"], path: "input[\(index)].output")
                messages.append(.object([JSONMember("role", "tool"), JSONMember("tool_call_id", item["call_id"] ?? ""), JSONMember("content", output)]))
            default:
                throw WireError(path: "input[\(index)].type", reason: "an input item with no chat form (\(type.isEmpty ? "untyped" : type))")
            }
        }
        flushCalls()
    }

    /// Message content: a string, or parts (`input_text`, `output_text` as text; images and files
    /// as the chat API's image and file parts).
    static func chatContent(_ content: JSONValue?, path: String) throws(WireError) -> JSONValue {
        guard let content else { return .string("") }
        if content.stringValue != nil { return content }
        guard let parts = content.arrayValue else { throw WireError(path: path, reason: "expected a string or an array of content parts") }
        return .array(try parts.enumerated().map { index, part throws(WireError) -> JSONValue in
            switch part["type"]?.stringValue {
            case "input_text", "output_text", "text":
                return .object([JSONMember("type", "text"), JSONMember("text", part["text"] ?? "")])
            case "refusal":
                return .object([JSONMember("type", "text"), JSONMember("text", part["refusal"] ?? "")])
            case "input_image":
                return .object([JSONMember("type", "image_url"), JSONMember("image_url", .object([JSONMember("url", part["image_url"] ?? part["file_id"] ?? "")]))])
            case "input_file":
                return .object([JSONMember("type", "file"), JSONMember("file", part)])
            case "input_audio":
                return .object([JSONMember("type", "input_audio"), JSONMember("input_audio", part["input_audio"] ?? part)])
            case let other:
                throw WireError(path: "\(path)[\(index)].type", reason: "a content part with no chat form (\(other ?? "untyped"))")
            }
        })
    }

    /// A function tool in the chat form; built-in tools have none.
    static func chatTool(_ tool: JSONValue, index: Int) throws(WireError) -> JSONValue {
        let type = tool["type"]?.stringValue ?? ""
        guard type == "function" else { throw WireError(path: "tools[\(index)].type", reason: "a built-in tool (\(type))") }
        var function: [JSONMember] = []
        for key in ["name", "description", "parameters", "strict"] { if let value = tool[key], !value.isNull { function.append(JSONMember(key, value)) } }
        return .object([JSONMember("type", "function"), JSONMember("function", .object(function))])
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
