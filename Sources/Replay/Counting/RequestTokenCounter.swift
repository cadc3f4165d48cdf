import ChatWire
import Synchronization
import Tokenization

/// Counts a chat request's prompt tokens for the rate limits and the context-window cliff: the
/// exact `chat` rule with the model's encoding when its vocabulary is installed, else chars/4
/// (and says so once).
public final class RequestTokenCounter: Sendable {
    private let store: VocabularyStore
    private let encodings = Mutex<[EncodingName: BPEEncoding?]>([:])

    /// Creates a counter reading vocabularies from a store.
    public init(store: VocabularyStore) {
        self.store = store
    }

    /// How a count was made.
    public enum Method: String, Sendable {
        /// The chat rule over exact BPE.
        case exact
        /// chars/4, the vocabulary being missing.
        case approximate
    }

    /// The prompt tokens of a request for a model.
    public func promptTokens(_ request: ChatCompletionRequest, model: String) -> (tokens: Int, method: Method) {
        let prompt = ChatPrompt(request: request, model: model)
        let encodingName = ModelEncodings.encoding(forModel: model) ?? .o200kBase
        if let encoding = encoding(encodingName) {
            return (ChatTokenCounter(encoding: encoding).count(prompt), .exact)
        }
        let characters = prompt.messages.reduce(0) { $0 + $1.text.reduce(0) { $0 + $1.count } + $1.role.count }
        return ((characters + 3) / 4 + 3 * prompt.messages.count + 3, .approximate)
    }

    private func encoding(_ name: EncodingName) -> BPEEncoding? {
        if let cached = encodings.withLock({ $0[name] }) { return cached }
        let loaded = try? BPEEncoding.load(name, from: store)
        encodings.withLock { $0[name] = loaded }
        return loaded
    }
}

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
