import Files
import Jinja

/// The exact count of an open-weight model's own tokenizer (a GGUF's vocabulary), as llama.cpp
/// counts a text; for a chat request, the model's chat template rendered over it and counted
/// (`ChatTemplateCounter`), as the model's server counts `usage.prompt_tokens`.
public struct ModelTokens: TokenEstimator {
    public static let name = "model"
    public static let summary = "the exact prompt tokens of an open-weight model (--tokenizer FILE.gguf): its chat template rendered and its own tokenizer, as llama.cpp's servers count"

    /// The tokenizer.
    public let tokenizer: ModelTokenizer
    /// The chat-template counter, when the model has a template (or one was given).
    public let chat: ChatTemplateCounter?

    /// An estimator over a model's tokenizer alone (plain text; chat prompts by their text).
    public init(tokenizer: ModelTokenizer) {
        self.tokenizer = tokenizer
        chat = nil
    }

    /// An estimator that counts chat prompts through a chat template.
    public init(chat: ChatTemplateCounter) {
        tokenizer = chat.tokenizer
        self.chat = chat
    }

    /// Loads the tokenizer at `path` (a GGUF file, or a ``NamedModel`` name when no such file
    /// exists, its vocabulary from `store`) with its own chat template, or the one at
    /// `templatePath`; `date` and `variables` go to the template.
    public static func load(tokenizer path: String, chatTemplate templatePath: String?, flavor: ChatTemplateCounter.Flavor,
                            date: JinjaDate? = nil, variables: [String: String] = [:], store: VocabularyStore) throws(OpenWeightLoadError) -> ModelTokens {
        let tokenizer: ModelTokenizer
        do {
            tokenizer = try ModelTokenizer.load(argument: path, store: store)
        } catch {
            throw .tokenizer(error)
        }
        var source: String?
        if let templatePath {
            switch FileBytes.read(path: templatePath) {
            case .success(let bytes): source = String(decoding: bytes, as: UTF8.self)
            case .failure(let error): throw .unreadableTemplate(error)
            }
        }
        do {
            return ModelTokens(chat: try ChatTemplateCounter(tokenizer: tokenizer, templateSource: source, flavor: flavor, date: date, variables: variables))
        } catch {
            throw .template(error)
        }
    }

    public func estimate(_ text: String) -> Int {
        tokenizer.count(text)
    }

    /// The template's count; a prompt the template refuses (`raise_exception`) or cannot render
    /// falls back to its text's count.
    public func estimate(prompt: ChatPrompt) -> Int {
        if let chat, let count = try? chat.count(prompt) { return count }
        return estimate(prompt.plainText)
    }
}

/// Why `--tokenizer` / `--chat-template` could not be loaded.
public enum OpenWeightLoadError: Error, Sendable, CustomStringConvertible {
    case tokenizer(ModelTokenizerError)
    case template(ChatTemplateError)
    case unreadableTemplate(FileReadError)

    public var description: String {
        switch self {
        case .tokenizer(let error): error.description
        case .template(let error): error.description
        case .unreadableTemplate(let error): "the chat template \(error)"
        }
    }
}
