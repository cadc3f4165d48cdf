import LLMClient

/// Why a symbol got no docstring: each cause its own case, so callers sort failures by kind
/// instead of searching messages. `description` is the message reports and the terminal show.
public enum GenerationFailure: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Nothing was sent: the prompt alone, with every droppable unit gone, left no response
    /// budget in the safe zone.
    case noResponseBudget(estimatedPrompt: Int, safeZone: Int)
    /// Strict replay had no recording of the request; the message names the nearest recording
    /// and the diff.
    case unmatchedRecording(status: Int, message: String)
    /// The server refused the request (a 4xx other than 408, 409 and 429), with its error code.
    case rejected(status: Int, code: String?, message: String)
    /// Every attempt failed (429s, 5xx, timeouts, dropped connections, truncated bodies).
    case exhausted(attempts: Int, lastReason: String)
    /// A completion came back but its content is not a docstring answer (not JSON, or against
    /// the schema).
    case invalidAnswer(reason: String)

    /// The failure of a request the client gave up on; the replay server's `unmatched_request`
    /// code marks a missing recording.
    public init(_ failure: ChatClient.Failure) {
        switch failure {
        case .rejected(let status, "unmatched_request"?, let message): self = .unmatchedRecording(status: status, message: message)
        case .rejected(let status, let code, let message): self = .rejected(status: status, code: code, message: message)
        case .exhausted(let attempts, let reason): self = .exhausted(attempts: attempts, lastReason: reason)
        }
    }

    public var description: String {
        switch self {
        case .noResponseBudget(let estimated, let safeZone):
            "the prompt alone (\(estimated) tokens) leaves no response budget in the safe zone of \(safeZone); trim the input"
        case .unmatchedRecording(let status, let message): ChatClient.Failure.rejected(status: status, code: "unmatched_request", message: message).description
        case .rejected(let status, let code, let message): ChatClient.Failure.rejected(status: status, code: code, message: message).description
        case .exhausted(let attempts, let reason): ChatClient.Failure.exhausted(attempts: attempts, lastReason: reason).description
        case .invalidAnswer(let reason): reason
        }
    }

    /// The cause in a few words, for grouping failures: `no recording`, `HTTP 401 invalid_api_key`,
    /// `gave up (HTTP 503)`, `invalid answer`, `no response budget`.
    public var cause: String {
        switch self {
        case .noResponseBudget: "no response budget"
        case .unmatchedRecording: "no recording"
        case .rejected(let status, let code, _): "HTTP \(status)" + (code.map { " " + $0 } ?? "")
        case .exhausted(_, let reason): "gave up (" + (reason.split(separator: ":").first.map(String.init) ?? reason) + ")"
        case .invalidAnswer: "invalid answer"
        }
    }

    /// Whether strict replay had no recording.
    public var isUnmatchedRecording: Bool {
        if case .unmatchedRecording = self { true } else { false }
    }
}
