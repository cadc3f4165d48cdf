import Foundation
/// Where chat-completions requests go: an OpenAI-compatible base URL, or an Azure OpenAI
/// deployment.
public struct ChatEndpoint: Sendable, Hashable {
    /// The URL a request is posted to.
    public let url: String
    /// The path and query (what the replay server matches on).
    public let path: String
    /// Authentication and content headers.
    public let headers: [Header]

    /// One header.
    public struct Header: Sendable, Hashable {
        /// The name.
        public var name: String
        /// The value.
        public var value: String
    }

    /// An OpenAI-compatible server: `baseURL` as the SDKs take it (`https://api.openai.com/v1`, or
    /// a bare host, to which `/v1` is added); `apiKey` sent as a bearer token when given.
    public static func openAI(baseURL: String, apiKey: String?) -> ChatEndpoint {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let hostEnd = base.range(of: "://").map { base[$0.upperBound...].firstIndex(of: "/") ?? base.endIndex } ?? base.endIndex
        let hasPath = hostEnd < base.endIndex
        let prefix = String(base[..<hostEnd])
        let path = (hasPath ? String(base[hostEnd...]) : "/v1") + "/chat/completions"
        return ChatEndpoint(url: prefix + path, path: path, headers: [Header(name: "content-type", value: "application/json")]
            + (apiKey.map { [Header(name: "authorization", value: "Bearer \($0)")] } ?? []))
    }

    /// An Azure OpenAI deployment: `endpoint` is `https://NAME.openai.azure.com`.
    public static func azure(endpoint: String, deployment: String, apiVersion: String, apiKey: String?) -> ChatEndpoint {
        var base = endpoint
        while base.hasSuffix("/") { base.removeLast() }
        let path = "/openai/deployments/\(deployment)/chat/completions?api-version=\(apiVersion)"
        return ChatEndpoint(url: base + path, path: path, headers: [Header(name: "content-type", value: "application/json")]
            + (apiKey.map { [Header(name: "api-key", value: $0)] } ?? []))
    }
}
