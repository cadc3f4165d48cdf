import Files

/// Open-weight models whose tokenizer is an OpenAI BPE vocabulary under the model's own special
/// tokens, counted by name (`--tokenizer phi4`, `--tokenizer gpt-oss`) from the cl100k/o200k
/// files DocHarness already keeps (`docharness encodings install`): no GGUF needed.
///
/// - `phi4` (Microsoft Phi-4, Phi-4-reasoning): cl100k_base's 100,256 ranks; its chat markers
///   `<|im_start|>` 100264, `<|im_end|>` 100265, `<|im_sep|>` 100266 and 88 `<|dummy_N|>`
///   reservations fill 100,256–100,351. The chat format is llama.cpp's built-in `phi4` one
///   (`<|im_start|>{role}<|im_sep|>{content}<|im_end|>`, then `<|im_start|>assistant<|im_sep|>`),
///   which is also what Microsoft's template renders for system, user and assistant turns.
/// - `gpt-oss` (OpenAI gpt-oss-20b/120b, tiktoken's `o200k_harmony`): o200k_base's ranks and split
///   under the Harmony special tokens 199,998–201,087 (`<|start|>` 200006, `<|message|>` 200008,
///   `<|end|>` 200007, `<|channel|>` 200005, `<|return|>` 200002, …). Its chat template (330 lines
///   that inject the date, knowledge cutoff and reasoning level) is not bundled: pass the model's
///   own with `--chat-template` (llama.cpp ships it as `models/templates/openai-gpt-oss-120b.jinja`).
public enum NamedModel: String, Sendable, CaseIterable {
    case phi4
    case gptOSS = "gpt-oss"

    /// The model a `--tokenizer` argument names, spelled as users spell it; nil for anything else.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "phi4", "phi-4": self = .phi4
        case "gpt-oss", "gpt_oss", "gptoss", "o200k_harmony": self = .gptOSS
        default: return nil
        }
    }

    /// The OpenAI vocabulary whose ranks and split the model uses.
    public var encoding: EncodingName {
        switch self {
        case .phi4: .cl100kBase
        case .gptOSS: .o200kBase
        }
    }

    /// The model's special tokens (text, id).
    var specialTokens: [(String, Int)] {
        switch self {
        case .phi4:
            let named: [(String, Int)] = [
                ("<|endoftext|>", 100257), ("<|fim_prefix|>", 100258), ("<|fim_middle|>", 100259), ("<|fim_suffix|>", 100260),
                ("<|im_start|>", 100264), ("<|im_end|>", 100265), ("<|im_sep|>", 100266), ("<|endofprompt|>", 100276),
            ]
            // The dummies are numbered across the gaps: <|dummy_0|> is 100256, <|dummy_1|> 100261.
            let taken = Set(named.map(\.1))
            let dummies = (100256 ..< 100352).filter { !taken.contains($0) }.enumerated().map { ("<|dummy_\($0.offset)|>", $0.element) }
            return named + dummies
        case .gptOSS:
            let named: [(String, Int)] = [
                ("<|startoftext|>", 199998), ("<|endoftext|>", 199999), ("<|return|>", 200002), ("<|constrain|>", 200003),
                ("<|channel|>", 200005), ("<|start|>", 200006), ("<|end|>", 200007), ("<|message|>", 200008),
                ("<|call|>", 200012), ("<|endofprompt|>", 200018),
            ]
            // As tiktoken's o200k_harmony: 200018 answers to both <|endofprompt|> and <|reserved_200018|>.
            let reserved = [200000, 200001, 200004, 200009, 200010, 200011] + Array(200013 ..< 201088)
            return named + reserved.map { ("<|reserved_\($0)|>", $0) }
        }
    }

    /// The beginning- and end-of-sequence tokens (neither model adds BOS to a prompt).
    var bosToken: String { self == .phi4 ? "<|endoftext|>" : "<|startoftext|>" }
    var eosToken: String { self == .phi4 ? "<|im_end|>" : "<|return|>" }

    /// The chat template when DocHarness can write it without copying the model's files.
    var chatTemplate: String? {
        switch self {
        case .phi4:
            "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '<|im_sep|>' + (message['content'] or '') + '<|im_end|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant<|im_sep|>' }}{% endif %}"
        case .gptOSS: nil
        }
    }
}

extension ModelTokenizer {
    /// What `--tokenizer` names: a GGUF file, or a ``NamedModel`` when no file has that name.
    public static func load(argument: String, store: VocabularyStore) throws(ModelTokenizerError) -> ModelTokenizer {
        if let named = NamedModel(argument: argument), !FileBytes.exists(path: argument) {
            return try load(named: named, store: store)
        }
        do {
            return try load(path: argument)
        } catch .unreadable(let path, let reason) where !FileBytes.exists(path: argument) && !argument.contains("/") && !argument.hasSuffix(".gguf") {
            throw .unreadable(path: path, reason: "\(reason), and no model is named so (named models: \(NamedModel.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    /// The tokenizer of a named model, its vocabulary read from `store`.
    public static func load(named model: NamedModel, store: VocabularyStore) throws(ModelTokenizerError) -> ModelTokenizer {
        let encoding: BPEEncoding
        do {
            encoding = try BPEEncoding.load(model.encoding, from: store)
        } catch {
            throw .vocabularyMissing(model: model.rawValue, encoding: model.encoding.rawValue, reason: error.description)
        }
        return ModelTokenizer(named: model, encoding: encoding)
    }
}
