import ChatWire

/// How a request asks for a docstring answer in the schema's shape, in the order DocHarness falls
/// back through them when a server refuses one: OpenAI's strict `json_schema`, llama.cpp's
/// grammar-constrained `json_object` with a `schema`, and the schema in the prompt alone.
public enum StructuredOutput: String, Sendable, Hashable, Codable, CaseIterable {
    /// `response_format: {"type": "json_schema", "json_schema": {name, schema, strict}}` (OpenAI,
    /// Azure, vLLM, Ollama).
    case jsonSchema = "json_schema"
    /// `response_format: {"type": "json_object", "schema": …}` (llama.cpp's server, which answers
    /// `json_schema` with HTTP 500).
    case jsonObject = "json_object"
    /// No `response_format`: the schema is written into the system prompt.
    case prompt

    /// The form to try after this one is refused, or nil when none is left.
    public var fallback: StructuredOutput? {
        switch self {
        case .jsonSchema: .jsonObject
        case .jsonObject: .prompt
        case .prompt: nil
        }
    }

    /// Asks for the answer in this form: sets `response_format`, or adds the schema to the system
    /// message.
    public func apply(to request: inout ChatCompletionRequest) {
        switch self {
        case .jsonSchema:
            request.responseFormat = DocstringAnswer.responseFormat
        case .jsonObject:
            request.responseFormat = ResponseFormat(type: "json_object", additionalFields: [JSONMember("schema", DocstringAnswer.schema)])
        case .prompt:
            request.responseFormat = nil
            let instruction = "\n\nAnswer with one JSON object, and nothing else, that matches this JSON schema:\n" + JSONWriter.string(DocstringAnswer.schema)
            if let index = request.messages.firstIndex(where: { $0.role == "system" }), case .text(let text)? = request.messages[index].content {
                request.messages[index].content = .text(text + instruction)
            } else {
                request.messages.insert(.text("system", String(instruction.dropFirst(2))), at: 0)
            }
        }
    }

    /// Whether a failure says the server refused this form (its message names `response_format`
    /// or the form), so the next form is worth trying.
    public func isRefused(by failure: GenerationFailure) -> Bool {
        let message: String
        switch failure {
        case .rejected(_, _, let text), .exhausted(_, let text): message = text
        default: return false
        }
        return message.contains("response_format") || message.contains(rawValue)
    }
}
