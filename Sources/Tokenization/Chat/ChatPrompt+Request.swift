import ChatWire

extension ChatPrompt {
    /// The counting view of a wire request: each message's text parts, tool-call arguments and
    /// names; whether tools or a response format are present.
    public init(request: ChatCompletionRequest, model: String) {
        var callNames: [String: String] = [:]
        var parallelCalls: Set<String> = []
        let messages = request.messages.map { message -> ChatPromptMessage in
            var text: [String] = []
            var hasNonText = false
            switch message.content {
            case .text(let content)?: text.append(content)
            case .parts(let parts)?:
                for part in parts {
                    if let partText = part.text { text.append(partText) } else { hasNonText = true }
                }
            case nil: break
            }
            // An assistant turn the model refused: the server counts the refusal's text (12 tokens
            // under-counted on a real refusal before).
            if let refusal = message.additionalFields.first(where: { $0.key == "refusal" })?.value.stringValue { text.append(refusal) }
            let calls = message.toolCalls ?? []
            for call in calls {
                if let id = call.id, let name = call.function?.name { callNames[id] = name }
                if calls.count > 1, let id = call.id { parallelCalls.insert(id) }
            }
            // The result of one of several calls made at once is written as a JSON string
            // (crewAI's three 87 KB search results were 4,392 tokens under, 514 with this).
            if message.role == "tool", let id = message.toolCallID, parallelCalls.contains(id) {
                text = text.map { JSONWriter.string(.string($0)) }
            }
            text += Self.toolCallText(calls)
            if let call = message.functionCall {
                if let name = call.name { text.append(name) }
                if let arguments = call.arguments { text.append(arguments) }
            }
            // A tool result is written as coming from the function that was called.
            let author = message.role == "tool" ? message.toolCallID.flatMap { callNames[$0] }.map { "functions." + $0 } : nil
            // Its `name` is then not written (raix names its tool results: 10 over with both).
            return ChatPromptMessage(role: message.role ?? "user", text: text, name: author == nil ? message.name : nil, author: author, hasNonTextParts: hasNonText)
        }
        let hasFormat = request.responseFormat.map { $0.type != "text" } ?? false
        self.init(model: model, messages: messages, hasTools: !(request.tools ?? []).isEmpty || !(request.functions ?? []).isEmpty, hasResponseFormat: hasFormat)
        self.request = request
        let functions = (request.tools ?? []).compactMap(\.function) + (request.functions ?? [])
        if !functions.isEmpty { functionsText = FunctionNamespace.render(functions) }
        toolCallCount = request.messages.reduce(0) { $0 + ($1.toolCalls ?? []).count }
        // Tool-call history, content parts, a predicted output or audio output: counted, but not
        // by the cookbook rule alone.
        let extras = request.additionalFields.contains { $0.key == "prediction" }
            || (request.additionalFields.first { $0.key == "modalities" }?.value.arrayValue?.contains { $0.stringValue == "audio" } ?? false)
        if countingClass == .plain, extras || request.messages.contains(where: { message in
            if case .parts? = message.content { return true }
            return !(message.toolCalls ?? []).isEmpty || message.role == "tool" || message.role == "function"
        }) {
            countingClass = .other
        }
        let choice = request.toolChoice ?? request.additionalFields.first { $0.key == "function_call" }?.value
        if let choice {
            forcedFunction = choice["function"]?["name"]?.stringValue ?? choice["name"]?.stringValue
            toolChoiceRequired = choice.stringValue == "required"
        }
        parallelToolCallTurns = request.messages.filter { ($0.toolCalls ?? []).count > 1 }.count
        if let format = request.responseFormat, format.type == "json_schema", let schema = format.jsonSchema {
            // docs/token-counting.md: the server renders a JSON schema response format as a
            // "Response Formats" section holding the schema's compact JSON, the keywords strict
            // mode implies left out.
            var text = "# Response Formats\n\n## \(schema["name"]?.stringValue ?? "")\n\n"
            if let description = schema["description"]?.stringValue { text += "// \(description)\n" }
            text += JSONWriter.string(ResponseFormatSchema.counted(schema["schema"] ?? .object([])))
            responseFormatText = text
        }
    }

    /// The text the server renders an assistant turn's tool calls as: one call is a message to
    /// `functions.NAME` holding its arguments; several at once are one call to
    /// `multi_tool_use.parallel` whose compact JSON lists them (docs/token-counting.md: exact on
    /// the recorded parallel calls of requests without tools).
    static func toolCallText(_ calls: [ToolCall]) -> [String] {
        if calls.count == 1, let function = calls[0].function {
            return [" to=functions." + (function.name ?? "")] + (function.arguments.map { [$0] } ?? [])
        }
        guard calls.count > 1 else { return [] }
        let uses: [JSONValue] = calls.compactMap { call in
            guard let function = call.function else { return nil }
            let arguments = function.arguments ?? "{}"
            let parameters = (try? JSONParser.parse(arguments)) ?? .string(arguments)
            return .object([JSONMember("recipient_name", .string("functions." + (function.name ?? ""))), JSONMember("parameters", parameters)])
        }
        return [" to=multi_tool_use.parallel", JSONWriter.string(.object([JSONMember("tool_uses", .array(uses))]))]
    }
}
