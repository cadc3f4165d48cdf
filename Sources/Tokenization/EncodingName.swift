/// A BPE encoding DocHarness can count with, and where its vocabulary comes from.
public enum EncodingName: String, Sendable, Hashable, CaseIterable, Codable {
    /// GPT-3.5 and GPT-4 (and Azure `gpt-35-turbo`).
    case cl100kBase = "cl100k_base"
    /// GPT-4o, GPT-4.1, GPT-4.5, the o-series and GPT-5.
    case o200kBase = "o200k_base"

    /// The vocabulary file's name.
    public var fileName: String { rawValue + ".tiktoken" }

    /// The file's published SHA-256 (see ../shared/data/README.md).
    public var sha256: String {
        switch self {
        case .cl100kBase: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
        case .o200kBase: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
        }
    }

    /// Where OpenAI publishes the file.
    public var officialURL: String { "https://openaipublic.blob.core.windows.net/encodings/\(fileName)" }

    /// The special tokens and their ids, as tiktoken defines them.
    public var specialTokens: [String: Int] {
        switch self {
        case .cl100kBase:
            ["<|endoftext|>": 100_257, "<|fim_prefix|>": 100_258, "<|fim_middle|>": 100_259,
             "<|fim_suffix|>": 100_260, "<|endofprompt|>": 100_276]
        case .o200kBase:
            ["<|endoftext|>": 199_999, "<|endofprompt|>": 200_018]
        }
    }
}
