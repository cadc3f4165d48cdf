/// The three APIs a recorded request can be for; each has its own request and usage shape.
public enum WireAPI: String, Sendable, Hashable, Codable, CaseIterable {
    /// `POST /v1/chat/completions` (OpenAI, Azure, OpenAI-compatible servers): `usage.prompt_tokens`.
    case chatCompletions = "chat completions"
    /// `POST /v1/responses` (OpenAI, Azure's `/openai/v1/responses`): `usage.input_tokens`.
    case responses = "Responses"
    /// `POST /v1/messages` (Anthropic): `usage.input_tokens` plus the cache's tokens.
    case messages = "Messages"

    /// The API a path (with or without its query) addresses, or nil: chat completions by
    /// `ChatRoute`'s rules, `…/responses` and `…/messages` by their last segment.
    public init?(path: String) {
        if ChatRoute(pathAndQuery: path) != nil {
            self = .chatCompletions
            return
        }
        let route = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = route.hasSuffix("/") ? route.dropLast() : route
        if trimmed.hasSuffix("/v1/responses") {
            self = .responses
        } else if trimmed.hasSuffix("/v1/messages") {
            self = .messages
        } else {
            return nil
        }
    }
}
