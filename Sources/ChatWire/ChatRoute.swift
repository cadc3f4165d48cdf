/// Which API a request path addresses: OpenAI's (`/v1/chat/completions`, or any base URL ending in
/// `/chat/completions`) or an Azure deployment's
/// (`/openai/deployments/{name}/chat/completions?api-version=…`).
public enum ChatRoute: Sendable, Hashable, CustomStringConvertible {
    /// OpenAI and OpenAI-compatible servers.
    case openAI
    /// An Azure OpenAI deployment.
    case azure(deployment: String, apiVersion: String?)

    /// The route of a path with its query (`/openai/deployments/d/chat/completions?api-version=x`),
    /// or of a full URL; nil when it is not a chat-completions path.
    public init?(pathAndQuery: String) {
        if pathAndQuery == "/v1/chat/completions" {
            self = .openAI
            return
        }
        var text = Substring(pathAndQuery)
        if !text.hasPrefix("/"), let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") {
            text = text[text.index(colon, offsetBy: 3)...]
            text = text.firstIndex(of: "/").map { text[$0...] } ?? "/"
        }
        let path: Substring
        var query: Substring = ""
        if let mark = text.firstIndex(of: "?") {
            path = text[..<mark]
            query = text[text.index(after: mark)...]
        } else {
            path = text
        }
        let trimmed = path.hasSuffix("/") ? path.dropLast() : path
        guard trimmed.hasSuffix("/chat/completions") else { return nil }
        let segments = trimmed.split(separator: "/")
        if let deployments = segments.firstIndex(of: "deployments"), deployments + 1 < segments.count,
            deployments > 0, segments[deployments - 1] == "openai"
        {
            let name = String(segments[deployments + 1]).percentDecoded
            self = .azure(deployment: name, apiVersion: Self.queryValue("api-version", in: query))
        } else {
            self = .openAI
        }
    }

    /// The canonical path: what matching compares (the host and the API version are not part of it).
    public var canonicalPath: String {
        switch self {
        case .openAI: return "/v1/chat/completions"
        case .azure(let deployment, _): return "/openai/deployments/\(deployment)/chat/completions"
        }
    }

    public var description: String {
        switch self {
        case .openAI: return "POST /v1/chat/completions"
        case .azure(let deployment, let version):
            return "POST /openai/deployments/\(deployment)/chat/completions" + (version.map { "?api-version=\($0)" } ?? "")
        }
    }

    static func queryValue(_ name: String, in query: Substring) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init)?.percentDecoded == name {
                return parts.count > 1 ? String(parts[1]).percentDecoded : ""
            }
        }
        return nil
    }
}

extension String {
    /// The string with `%XX` escapes decoded (and `+` left alone); invalid escapes kept as written.
    var percentDecoded: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = Array(utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
