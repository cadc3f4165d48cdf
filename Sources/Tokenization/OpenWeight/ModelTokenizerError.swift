/// Why a model's tokenizer could not be loaded or used: each case names the file and what to do.
public enum ModelTokenizerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is not a well-formed GGUF or tokenizer.json.
    case malformed(path: String, reason: String)
    /// The tokenizer uses something DocHarness does not implement (named), rather than a guess.
    case unsupported(path: String, what: String)
    /// The file has no tokenizer (a GGUF without `tokenizer.ggml.*`).
    case noTokenizer(path: String)
    /// A named model's OpenAI vocabulary is not installed.
    case vocabularyMissing(model: String, encoding: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .malformed(let path, let reason):
            "\(path): \(reason)"
        case .unsupported(let path, let what):
            "\(path): \(what) is not supported; count with a tokenizer DocHarness supports, or open an issue naming the model"
        case .vocabularyMissing(let model, let encoding, let reason):
            "\(model): counting needs the \(encoding) vocabulary: \(reason)"
        case .noTokenizer(let path):
            "\(path): the file holds no tokenizer (no tokenizer.ggml.tokens); pass the model's GGUF or its tokenizer.json"
        }
    }
}
