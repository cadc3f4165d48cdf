import ChatWire

/// Which headers and query parameters are never written to a cassette: credentials, cookies, and
/// the organisation and project ids by name, and any header or query parameter whose name has a
/// part (split at `-`, `_`, `.`) that is `key`, `apikey`, `token`, `secret`, `password`,
/// `signature`, `credential(s)`, `cookie`, `session` or begins with `auth` (`x-goog-api-key`,
/// `x-auth-token`, `access_token`, `authorization-token`; not `x-ratelimit-remaining-tokens`).
/// Names compare without case; a trailing `*` matches a prefix. A query parameter keeps its name
/// and loses its value (`?key=REDACTED`), so the path still reads and matches.
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
        return Self.isSecretName(lower) || names.contains { pattern in
            pattern.hasSuffix("*") ? lower.hasPrefix(pattern.dropLast()) : lower == pattern
        }
    }

    static let secretParts: Set<Substring> = ["key", "apikey", "token", "secret", "password", "passwd", "signature", "credential", "credentials", "cookie", "session"]

    /// Whether a header or query parameter name looks like it carries a secret.
    public static func isSecretName(_ name: String) -> Bool {
        name.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).contains { part in
            secretParts.contains(part) || part.hasPrefix("auth")
        }
    }

    /// A recorded body with the value at each dotted path (`user`, `metadata.api_key`,
    /// `messages.*.name`) replaced by `"REDACTED"` where present.
    public static func redactBody(_ body: RecordedBody, paths: [String]) -> RecordedBody {
        guard !paths.isEmpty, case .json(var value) = body else { return body }
        for path in paths { value = redacting(path.split(separator: ".").map(String.init)[...], in: value) }
        return .json(value)
    }

    private static func redacting(_ path: ArraySlice<String>, in value: JSONValue) -> JSONValue {
        guard let first = path.first else { return .string("REDACTED") }
        switch value {
        case .object(let members):
            return .object(members.map { $0.key == first ? JSONMember($0.key, redacting(path.dropFirst(), in: $0.value)) : $0 })
        case .array(let elements) where first == "*":
            return .array(elements.map { redacting(path.dropFirst(), in: $0) })
        default: return value
        }
    }

    /// `path?query` with the value of every secret-named query parameter replaced by `REDACTED`.
    public static func redactQuery(_ pathAndQuery: String) -> String {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return pathAndQuery }
        let parameters = pathAndQuery[pathAndQuery.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map { parameter -> String in
            let name = parameter.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return isSecretName(name.removingPercentEncodingLeniently) ? name + "=REDACTED" : String(parameter)
        }
        return pathAndQuery[..<mark] + "?" + parameters.joined(separator: "&")
    }

    /// The headers without the redacted ones.
    public func redact(_ headers: HeaderFields) -> HeaderFields {
        headers.filter { !redacts($0.name) }
    }
}

extension String {
    /// `%XX` escapes decoded where they form valid UTF-8, the text kept otherwise.
    var removingPercentEncodingLeniently: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), high < utf8.endIndex,
               let low = utf8.index(high, offsetBy: 1, limitedBy: utf8.endIndex), low < utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(after: low)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
