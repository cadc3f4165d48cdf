/// Which encoding a model name uses, as tiktoken's `encoding_for_model` resolves it: exact names
/// first, then prefixes (dated snapshots like `gpt-4o-2024-08-06`, fine-tunes like
/// `ft:gpt-4o-mini:org::id`, Azure deployment model names like `gpt-35-turbo`).
public enum ModelEncodings {
    /// Prefixes, longest first where they overlap.
    static let prefixes: [(prefix: String, encoding: EncodingName)] = [
        ("gpt-4o", .o200kBase), ("gpt-4.1", .o200kBase), ("gpt-4.5", .o200kBase), ("gpt-5", .o200kBase),
        ("chatgpt-4o", .o200kBase), ("o1", .o200kBase), ("o3", .o200kBase), ("o4", .o200kBase), ("gpt-oss", .o200kBase),
        ("gpt-4", .cl100kBase), ("gpt-3.5", .cl100kBase), ("gpt-35", .cl100kBase),
        ("text-embedding-ada-002", .cl100kBase), ("text-embedding-3", .cl100kBase),
    ]

    /// The encoding of a model, or nil when the name is unknown.
    public static func encoding(forModel model: String) -> EncodingName? {
        var name = model.lowercased()
        if name.hasPrefix("ft:") {
            name = String(name.dropFirst(3).prefix { $0 != ":" })
        }
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        return prefixes.first { name.hasPrefix($0.prefix) }?.encoding
    }
}
