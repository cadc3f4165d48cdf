import ChatWire
import Synchronization

/// Counts a chat request's prompt tokens for the rate limits and the context-window cliff: an
/// open-weight model's chat template and tokenizer when one is given (`serve --tokenizer`), else
/// the exact `chat` rule with the model's encoding when its vocabulary is installed, else chars/4.
public final class RequestTokenCounter: Sendable {
    private let store: VocabularyStore
    private let openWeight: ModelTokens?
    private let encodings = Mutex<[EncodingName: BPEEncoding?]>([:])

    /// Creates a counter reading vocabularies from a store, or counting with `openWeight`.
    public init(store: VocabularyStore, openWeight: ModelTokens? = nil) {
        self.store = store
        self.openWeight = openWeight
    }

    /// Whether a count can exceed the body's size in bytes: a chat template adds text the body
    /// does not hold, so the cliff's "tokens never outnumber bytes" shortcut does not apply.
    public var countsTemplates: Bool { openWeight?.chat != nil }

    /// How a count was made.
    public enum Method: String, Sendable {
        /// The chat rule over exact BPE.
        case exact
        /// chars/4, the vocabulary being missing.
        case approximate
        /// The open-weight model's chat template and tokenizer.
        case openWeight
    }

    /// The prompt tokens of a request for a model.
    public func promptTokens(_ request: ChatCompletionRequest, model: String, api: WireAPI = .chatCompletions) -> (tokens: Int, method: Method) {
        var prompt = ChatPrompt(request: request, model: model)
        prompt.api = api
        if let openWeight { return (openWeight.estimate(prompt: prompt), .openWeight) }
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
