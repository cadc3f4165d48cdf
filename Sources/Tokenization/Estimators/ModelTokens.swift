/// The exact count of an open-weight model's own tokenizer (a GGUF's vocabulary), as llama.cpp
/// counts a text; for a chat request, its chat template rendered and counted (`ChatTemplateCounter`).
public struct ModelTokens: TokenEstimator {
    public static let name = "model"
    public static let summary = "the exact token count of an open-weight model's own tokenizer (--tokenizer FILE.gguf), as llama.cpp counts"

    /// The tokenizer.
    public let tokenizer: ModelTokenizer

    /// An estimator over a model's tokenizer.
    public init(tokenizer: ModelTokenizer) {
        self.tokenizer = tokenizer
    }

    public func estimate(_ text: String) -> Int {
        tokenizer.count(text)
    }
}
