/// A way to estimate how many tokens a text has. Adding an estimator takes one file: a type
/// conforming to this protocol, listed in `EstimatorCatalog`.
public protocol TokenEstimator: Sendable {
    /// The stable name users select it by (`chars/4`).
    static var name: String { get }
    /// One line saying what it does.
    static var summary: String { get }
    /// The estimate for a text. For a file read in chunks split where the encodings' patterns
    /// split too (`TextChunks`), the estimates of the chunks add up to the file's.
    func estimate(_ text: String) -> Int
    /// The estimate for a chat request's prompt; by default the estimate of its messages' roles,
    /// names and text joined by newlines (what a text-only estimator sees).
    func estimate(prompt: ChatPrompt) -> Int
    /// Where `bytes` (valid UTF-8) can be cut so that the estimates of the two sides add up to the
    /// estimate of the whole whatever follows, as a byte offset; nil when the estimator knows no
    /// such place (the default). `TextChunks` asks when a file has no line break to cut at.
    func safeCut(inUTF8 bytes: [UInt8]) -> Int?
}

extension TokenEstimator {
    public func estimate(prompt: ChatPrompt) -> Int {
        estimate(prompt.plainText)
    }

    public func safeCut(inUTF8 bytes: [UInt8]) -> Int? { nil }

    /// The type's name.
    public var name: String { Self.name }
}

/// Every estimator, by name.
public enum EstimatorCatalog {
    /// The names, in the order they are listed.
    public static let names = [CharsPerFour.name, CharsPerThree.name, WordsTimesFourThirds.name, SampledEstimator.name, ExactBPE.name,
                               ChatEstimator.name, ChatWithMargin.name]

    /// One-line descriptions, by name.
    public static let summaries: [String: String] = [
        CharsPerFour.name: CharsPerFour.summary, CharsPerThree.name: CharsPerThree.summary,
        WordsTimesFourThirds.name: WordsTimesFourThirds.summary, SampledEstimator.name: SampledEstimator.summary,
        ExactBPE.name: ExactBPE.summary, ChatEstimator.name: ChatEstimator.summary, ChatWithMargin.name: ChatWithMargin.summary,
    ]

    /// The estimator called `name`; `encoding` is used by those that tokenize.
    public static func estimator(named name: String, encoding: BPEEncoding?) -> (any TokenEstimator)? {
        switch name {
        case CharsPerFour.name: CharsPerFour()
        case CharsPerThree.name: CharsPerThree()
        case WordsTimesFourThirds.name: WordsTimesFourThirds()
        case SampledEstimator.name: encoding.map { SampledEstimator(encoding: $0) }
        case ExactBPE.name: encoding.map { ExactBPE(encoding: $0) }
        case ChatEstimator.name: encoding.map { ChatEstimator(encoding: $0) }
        case ChatWithMargin.name: encoding.map { ChatWithMargin(encoding: $0) }
        default: nil
        }
    }

    /// The estimator called `name` for `model`, loading the model's encoding (o200k_base when the
    /// model is unknown) from `store` when the estimator tokenizes; nil for an unknown name.
    /// With `openWeight` (an open-weight model's tokenizer and template), `chat` and `bpe` count
    /// with it instead.
    public static func estimator(named name: String, model: String, store: VocabularyStore, openWeight: ModelTokens? = nil) throws(VocabularyError) -> (any TokenEstimator)? {
        guard names.contains(name) else { return nil }
        if let openWeight, name == ChatEstimator.name || name == ExactBPE.name { return openWeight }
        let encoding = needsEncoding(name) ? try BPEEncoding.load(ModelEncodings.encoding(forModel: model) ?? .o200kBase, from: store) : nil
        return estimator(named: name, encoding: encoding)
    }

    /// Whether an estimator needs a vocabulary.
    public static func needsEncoding(_ name: String) -> Bool {
        name == SampledEstimator.name || name == ExactBPE.name || name == ChatEstimator.name || name == ChatWithMargin.name
    }
}
