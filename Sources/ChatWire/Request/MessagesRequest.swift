/// A `POST /v1/messages` body (Anthropic's Messages API).
///
/// Kept as the JSON it arrived as; what DocHarness reads is typed: the model, whether it streams,
/// `max_tokens`, and the conversation written as a chat-completions request
/// (`chatEquivalent()`) for the token estimators. Claude's tokenizer is not public, so every
/// count of these requests is an estimate (docs/token-counting.md says how far off).
public struct MessagesRequest: ChatEquivalentRequest {
    /// The body as sent.
    public var json: JSONValue
    /// `model`.
    public var model: String?
    /// `stream`.
    public var stream: Bool
    /// `max_tokens` (required by the API).
    public var maxTokens: Int?
    /// `max_tokens`, the output budget.
    public var outputBudget: Int? { maxTokens }

    public init(json: JSONValue, path: String) throws(WireError) {
        guard case .object = json else { throw WireError(path: path, reason: "expected an object") }
        guard json["messages"]?.arrayValue != nil else {
            throw WireError(path: ResponsesRequest.join(path, "messages"), reason: "required: the conversation, an array of messages")
        }
        self.json = json
        model = json["model"]?.stringValue
        stream = json["stream"]?.boolValue ?? false
        maxTokens = json["max_tokens"]?.intValue
    }

    /// The same conversation as a chat-completions request: `system` as the system message, text
    /// blocks as text parts, `tool_use` blocks as the assistant's tool calls (the input as JSON
    /// arguments), `tool_result` blocks as tool messages, custom tools (`input_schema`) as function
    /// tools, `tool_choice` any/tool as required/named, a structured output's schema
    /// (`output_config.format`, `output_format`) as a `json_schema` response format. Thinking blocks are left out (the API does
    /// not count earlier turns' thinking). What has no chat form throws, naming it: server tools
    /// (web search, code execution, …), MCP servers and other block types.
    public func chatEquivalent() throws(WireError) -> ChatCompletionRequest {
        if let servers = json["mcp_servers"]?.arrayValue, !servers.isEmpty {
            throw WireError(path: "mcp_servers", reason: "tools the server fetches from MCP servers (mcp_servers)")
        }
        var members: [JSONMember] = []
        if let model { members.append(JSONMember("model", .string(model))) }
        var messages: [JSONValue] = []
        if let system = json["system"] {
            if let text = system.stringValue {
                messages.append(.object([JSONMember("role", "system"), JSONMember("content", .string(text))]))
            } else if let blocks = system.arrayValue {
                let texts = blocks.compactMap { $0["text"]?.stringValue }
                messages.append(.object([JSONMember("role", "system"), JSONMember("content", .string(texts.joined(separator: "\n")))]))
            }
        }
        for (index, message) in (json["messages"]?.arrayValue ?? []).enumerated() {
            guard let role = message["role"]?.stringValue else { throw WireError(path: "messages[\(index)].role", reason: "required") }
            if let text = message["content"]?.stringValue {
                messages.append(.object([JSONMember("role", .string(role)), JSONMember("content", .string(text))]))
                continue
            }
            var parts: [JSONValue] = []
            var calls: [JSONValue] = []
            var results: [JSONValue] = []
            for (blockIndex, block) in (message["content"]?.arrayValue ?? []).enumerated() {
                let path = "messages[\(index)].content[\(blockIndex)]"
                switch block["type"]?.stringValue {
                case "text":
                    parts.append(.object([JSONMember("type", "text"), JSONMember("text", block["text"] ?? "")]))
                case "image":
                    parts.append(.object([JSONMember("type", "image_url"), JSONMember("image_url", .object([JSONMember("url", block["source"]?["url"] ?? "")]))]))
                case "document":
                    parts.append(.object([JSONMember("type", "file"), JSONMember("file", block)]))
                case "tool_use":
                    calls.append(.object([
                        JSONMember("id", block["id"] ?? ""), JSONMember("type", "function"),
                        JSONMember("function", .object([JSONMember("name", block["name"] ?? ""), JSONMember("arguments", .string(JSONWriter.string(block["input"] ?? .object([]))))])),
                    ]))
                case "tool_result":
                    let content: JSONValue
                    if let blocks = block["content"]?.arrayValue {
                        content = .string(blocks.compactMap { $0["text"]?.stringValue }.joined(separator: "\n"))
                    } else {
                        content = block["content"] ?? ""
                    }
                    results.append(.object([JSONMember("role", "tool"), JSONMember("tool_call_id", block["tool_use_id"] ?? ""), JSONMember("content", content)]))
                case "thinking", "redacted_thinking":
                    continue
                case let other:
                    throw WireError(path: "\(path).type", reason: "a content block with no chat form (\(other ?? "untyped"))")
                }
            }
            messages.append(contentsOf: results)
            if !parts.isEmpty || !calls.isEmpty || results.isEmpty {
                var turn = [JSONMember("role", .string(role)), JSONMember("content", parts.isEmpty && !calls.isEmpty ? .null : .array(parts))]
                if !calls.isEmpty { turn.append(JSONMember("tool_calls", .array(calls))) }
                messages.append(.object(turn))
            }
        }
        members.append(JSONMember("messages", .array(messages)))
        if let tools = json["tools"]?.arrayValue, !tools.isEmpty {
            members.append(JSONMember("tools", .array(try tools.enumerated().map { index, tool throws(WireError) -> JSONValue in
                if let type = tool["type"]?.stringValue, type != "custom" {
                    throw WireError(path: "tools[\(index)].type", reason: "a server tool (\(type))")
                }
                var function: [JSONMember] = [JSONMember("name", tool["name"] ?? "")]
                if let description = tool["description"] { function.append(JSONMember("description", description)) }
                function.append(JSONMember("parameters", tool["input_schema"] ?? .object([])))
                return .object([JSONMember("type", "function"), JSONMember("function", .object(function))])
            })))
        }
        if let choice = json["tool_choice"], let type = choice["type"]?.stringValue {
            switch type {
            case "any": members.append(JSONMember("tool_choice", "required"))
            case "tool":
                members.append(JSONMember("tool_choice", .object([JSONMember("type", "function"), JSONMember("function", .object([JSONMember("name", choice["name"] ?? "")]))])))
            case "none": members.append(JSONMember("tool_choice", "none"))
            default: break
            }
        }
        // Structured outputs: `output_format` (beta) or `output_config.format`, a JSON schema.
        if let format = json["output_config"]?["format"] ?? json["output_format"], let schema = format["schema"] {
            members.append(JSONMember("response_format", .object([
                JSONMember("type", "json_schema"),
                JSONMember("json_schema", .object([JSONMember("name", format["name"] ?? "output"), JSONMember("schema", schema)])),
            ])))
        }
        if let budget = maxTokens { members.append(JSONMember("max_tokens", .integer(budget))) }
        if stream { members.append(JSONMember("stream", true)) }
        return try ChatCompletionRequest(json: .object(members), path: "")
    }
}
