/// The context window of each model family, in tokens (prompt plus completion), matched by the
/// longest prefix of the model or Azure deployment name. Unknown models have no window here, so
/// no cliff is enforced for them unless a fault plan or `--context-window` sets one.
public struct ContextWindows: Sendable {
    /// Prefix → window.
    public var windows: [String: Int]
    /// A window for every model (from `--context-window`), overriding the table.
    public var override: Int?

    /// The published windows (OpenAI model pages, November 2026).
    public static let published: [String: Int] = [
        "gpt-3.5-turbo": 16_385, "gpt-3.5-turbo-0613": 4_097, "gpt-3.5-turbo-0301": 4_097, "gpt-3.5-turbo-instruct": 4_096,
        "gpt-35-turbo": 16_385, "gpt-35-turbo-0613": 4_097, "gpt-35-turbo-0301": 4_097,
        "gpt-4": 8_192, "gpt-4-32k": 32_768, "gpt-4-turbo": 128_000, "gpt-4-1106": 128_000, "gpt-4-0125": 128_000,
        "gpt-4-vision": 128_000, "gpt-4o": 128_000, "chatgpt-4o": 128_000, "gpt-4.1": 1_047_576, "gpt-4.5": 128_000,
        "o1": 200_000, "o1-mini": 128_000, "o1-preview": 128_000, "o3": 200_000, "o3-mini": 200_000, "o4-mini": 200_000,
        "gpt-5": 400_000,
    ]

    /// Creates a table.
    public init(windows: [String: Int] = ContextWindows.published, override: Int? = nil) {
        self.windows = windows
        self.override = override
    }

    /// The window of a model, if known.
    public func window(for model: String) -> Int? {
        if let override { return override }
        var name = model.lowercased()
        if name.hasPrefix("ft:") { name = String(name.dropFirst(3)) }
        var best: (length: Int, window: Int)?
        for (prefix, window) in windows where name.hasPrefix(prefix) {
            let boundary = name.count == prefix.count || !(name[name.index(name.startIndex, offsetBy: prefix.count)].isLetter)
            if boundary, prefix.count > (best?.length ?? -1) { best = (prefix.count, window) }
        }
        return best?.window
    }
}
