/// Which headers are never written to a cassette: credentials, cookies, and the organisation and
/// project ids. Names compare without case; a trailing `*` matches a prefix.
public struct HeaderRedaction: Sendable, Hashable {
    /// The names (lowercased).
    public var names: [String]

    /// The default list.
    public static let standard = HeaderRedaction(names: [
        "authorization", "proxy-authorization", "api-key", "x-api-key", "cookie", "set-cookie",
        "openai-organization", "openai-project", "ocp-apim-subscription-key",
    ])

    /// Creates a list.
    public init(names: [String]) {
        self.names = names.map { $0.lowercased() }
    }

    /// Whether a header is dropped.
    public func redacts(_ name: String) -> Bool {
        let lower = name.lowercased()
        return names.contains { pattern in
            pattern.hasSuffix("*") ? lower.hasPrefix(pattern.dropLast()) : lower == pattern
        }
    }

    /// The headers without the redacted ones.
    public func redact(_ headers: HeaderFields) -> HeaderFields {
        headers.filter { !redacts($0.name) }
    }
}
