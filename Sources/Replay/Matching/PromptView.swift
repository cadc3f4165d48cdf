import ChatWire

/// A request as lines a person can diff: the route, the model, each message with its role and
/// its text line by line, each tool, the response format, then the other fields. A Responses or
/// Messages API request shows its conversation the same way (as chat messages), then its own
/// other fields.
public enum PromptView {
    /// The lines of a request.
    public static func lines(of request: RecordedRequest, matcher: RequestMatcher = RequestMatcher()) -> [String] {
        var lines = ["\(request.method) \(RequestMatcher.normalizedPath(request.path))"]
        if let value = request.body.jsonValue, let api = WireAPI(path: request.path), api != .chatCompletions,
           let chat = try? api.request(json: value)?.chatEquivalent()
        {
            // The conversation as chat messages (text line by line), then every field it did not come from.
            let conversation: Set<String> = api == .responses ? ["model", "instructions", "input", "tools", "text"] : ["model", "system", "messages", "tools", "output_format", "output_config"]
            lines.append("(\(api.rawValue) API; the conversation as chat messages)")
            lines.append(contentsOf: conversationLines(chat))
            if case .object(let members) = value.canonical {
                for member in members where !conversation.contains(member.key) { lines.append("\(member.key): " + JSONWriter.string(member.value)) }
            }
            return lines
        }
        guard let value = request.body.jsonValue, let chat = try? ChatCompletionRequest(json: value) else {
            let body = matcher.canonicalBody(request.body)
            if let json = try? JSONParser.parse(body) {
                lines.append(contentsOf: JSONWriter.string(json, layout: .pretty).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            } else {
                lines.append(contentsOf: body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            }
            return lines
        }
        lines.append(contentsOf: conversationLines(chat))
        var rest = chat
        rest.messages = []
        rest.tools = nil
        rest.functions = nil
        rest.responseFormat = nil
        rest.model = nil
        if case .object(let members) = rest.json.canonical {
            for member in members where member.key != "messages" {
                lines.append("\(member.key): " + JSONWriter.string(member.value))
            }
        }
        return lines
    }

    /// The model, each message with its role and its text line by line, each tool, the response format.
    static func conversationLines(_ chat: ChatCompletionRequest) -> [String] {
        var lines = ["model: \(chat.model ?? "null")"]
        for (index, message) in chat.messages.enumerated() {
            var heading = "messages[\(index)] \(message.role ?? "?")"
            if let name = message.name { heading += " (name: \(name))" }
            if let id = message.toolCallID { heading += " (tool_call_id: \(id))" }
            lines.append(heading + ":")
            switch message.content {
            case .text(let text)?:
                lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
            case .parts(let parts)?:
                for part in parts {
                    if let text = part.text {
                        lines.append("  [\(part.type)]")
                        lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
                    } else {
                        lines.append("  [\(part.type)] " + JSONWriter.string(part.json.canonical))
                    }
                }
            case nil: break
            }
            for call in message.toolCalls ?? [] { lines.append("  tool_call: " + JSONWriter.string(call.json.canonical)) }
            if let call = message.functionCall { lines.append("  function_call: " + JSONWriter.string(call.json.canonical)) }
        }
        for tool in chat.tools ?? [] { lines.append("tool: " + JSONWriter.string(tool.json.canonical)) }
        for function in chat.functions ?? [] { lines.append("function: " + JSONWriter.string(function.json.canonical)) }
        if let format = chat.responseFormat { lines.append("response_format: " + JSONWriter.string(format.json.canonical)) }
        return lines
    }
}
