import ChatWire
import Files

/// What two requests must share to match: the method, the normalized path and the canonical body.
///
/// The path of a chat completion is normalized to its route (`/v1/chat/completions` for OpenAI
/// and OpenAI-compatible base URLs, `/openai/deployments/{name}/chat/completions` for Azure, the
/// `api-version` and the host left out); the body is its canonical JSON (keys sorted, numbers in
/// one form) without the ignored fields.
public struct RequestKey: Sendable, Hashable, CustomStringConvertible {
    /// The method.
    public let method: String
    /// The normalized path.
    public let path: String
    /// The canonical body text.
    public let body: String
    /// The hash, computed once: keys are looked up on every request.
    private let storedHash: Int

    /// Creates a key.
    public init(method: String, path: String, body: String) {
        self.method = method
        self.path = path
        self.body = body
        var hasher = Hasher()
        hasher.combine(method)
        hasher.combine(path)
        var text = body
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        storedHash = hasher.finalize()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storedHash)
    }

    public static func == (left: RequestKey, right: RequestKey) -> Bool {
        left.storedHash == right.storedHash && left.method == right.method && left.path == right.path && left.body == right.body
    }

    public var description: String { "\(method) \(path) \(body.prefix(80))" }

    /// A string that orders keys: method, path, then body.
    public var sortKey: String { "\(method) \(path) \(body)" }

    /// A short stable id: FNV-1a 64 of the key, in hex.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in method.utf8 + [0] + path.utf8 + [0] + body.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Builds `RequestKey`s; the body fields to ignore are configurable (`user`, `metadata`, a seed…).
public struct RequestMatcher: Sendable {
    /// Body fields left out of matching, as dotted paths from the top (`metadata`, `stream_options.include_usage`).
    public var ignoredFields: [String]

    /// Creates a matcher.
    public init(ignoredFields: [String] = []) {
        self.ignoredFields = ignoredFields
    }

    /// The key of a request.
    public func key(for request: RecordedRequest) -> RequestKey {
        RequestKey(method: request.method, path: Self.normalizedPath(request.path), body: canonicalBody(request.body))
    }

    /// The normalized path: the chat route's, else the path with its query parameters sorted.
    public static func normalizedPath(_ pathAndQuery: String) -> String {
        if let route = ChatRoute(pathAndQuery: pathAndQuery) { return route.canonicalPath }
        // Secret-named parameters compare by name: the recording holds `REDACTED` for their value.
        let redacted = HeaderRedaction.redactQuery(pathAndQuery)
        guard let mark = redacted.firstIndex(of: "?") else { return redacted }
        let path = redacted[..<mark]
        let parameters = redacted[redacted.index(after: mark)...].split(separator: "&")
            .filter { !$0.hasPrefix("api-version=") }.sorted()
        return parameters.isEmpty ? String(path) : path + "?" + parameters.joined(separator: "&")
    }

    /// The canonical text of a body.
    public func canonicalBody(_ body: RecordedBody) -> String {
        switch body {
        case .empty: return ""
        case .json(let value):
            var canonical = value.canonical
            for field in ignoredFields { canonical = Self.removing(field.split(separator: ".").map(String.init)[...], from: canonical) }
            return JSONWriter.string(canonical)
        case .text(let text): return text
        case .bytes(let bytes): return Base64.encode(bytes)
        case .events(let events): return events.map(\.data).joined(separator: "\n")
        }
    }

    private static func removing(_ path: ArraySlice<String>, from value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        switch value {
        case .object(let members):
            if path.count == 1 { return .object(members.filter { $0.key != first }) }
            return .object(members.map { $0.key == first ? JSONMember($0.key, removing(path.dropFirst(), from: $0.value)) : $0 })
        case .array(let elements) where first == "*":
            return .array(elements.map { removing(path.dropFirst(), from: $0) })
        default: return value
        }
    }
}
