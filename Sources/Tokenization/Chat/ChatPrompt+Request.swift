import ChatWire

extension ChatPrompt {
    /// The counting view of a wire request: each message's text parts, tool-call arguments and
    /// names; whether tools or a response format are present.
    public init(request: ChatCompletionRequest, model: String) {
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
            for call in message.toolCalls ?? [] {
                if let name = call.function?.name { text.append(name) }
                if let arguments = call.function?.arguments { text.append(arguments) }
            }
            if let call = message.functionCall {
                if let name = call.name { text.append(name) }
                if let arguments = call.arguments { text.append(arguments) }
            }
            return ChatPromptMessage(role: message.role ?? "user", text: text, name: message.name, hasNonTextParts: hasNonText)
        }
        let hasFormat = request.responseFormat.map { $0.type != "text" } ?? false
        self.init(model: model, messages: messages, hasTools: !(request.tools ?? []).isEmpty || !(request.functions ?? []).isEmpty, hasResponseFormat: hasFormat)
        self.request = request
        let functions = (request.tools ?? []).compactMap(\.function) + (request.functions ?? [])
        if !functions.isEmpty {
            functionsText = FunctionNamespace.render(functions)
            toolCallCount = request.messages.reduce(0) { $0 + ($1.toolCalls ?? []).count }
        }
        if let format = request.responseFormat, format.type == "json_schema", let schema = format.jsonSchema {
            // docs/token-counting.md: the server renders a JSON schema response format as a
            // "Response Formats" section holding the schema's compact JSON, titles left out.
            var text = "# Response Formats\n\n## \(schema["name"]?.stringValue ?? "")\n\n"
            if let description = schema["description"]?.stringValue { text += "// \(description)\n" }
            text += JSONWriter.string(ResponseFormatSchema.withoutTitles(schema["schema"] ?? .object([])))
            responseFormatText = text
        }
    }
}
