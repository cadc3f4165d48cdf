import ChatWire
import SeededRandom

/// The retries of one request as a state machine: told how each attempt ended, it says what to do
/// next — send again, wait first, deliver the completion, or give up — and keeps the counts.
/// `ChatClient.send` drives it with a transport and a clock; tests drive it with outcomes alone.
public struct RetryStateMachine: Sendable {
    /// How one attempt ended, as far as retrying is concerned.
    public enum Outcome: Sendable, Equatable {
        /// A whole completion.
        case completion(ChatCompletion)
        /// HTTP 429, with the server's `Retry-After` if it gave one.
        case rateLimited(retryAfter: Double?, reason: String)
        /// HTTP 408, 409 or 5xx, with the server's `Retry-After` if it gave one.
        case serverError(status: Int, retryAfter: Double?, reason: String)
        /// A timeout, a dropped connection, a truncated body or a stream cut before `[DONE]`.
        case transport(reason: String)
        /// Any other status: the server refused the request and sending it again will not help.
        case rejected(status: Int, code: String?, message: String)
        /// The rate limiter or the clock stopped waiting (the run was cancelled).
        case cancelled
    }

    /// What to do next.
    public enum Action: Sendable, Equatable {
        /// Send the request (again).
        case send
        /// Wait this many seconds, then send again.
        case wait(seconds: Double)
        /// Done: the completion came back.
        case deliver(ChatCompletion)
        /// Done: no completion, for this reason.
        case giveUp(ChatClient.Failure)
    }

    /// The policy.
    public let policy: RetryPolicy
    /// The counts so far (attempts, 429s, server errors, transport errors, backoff).
    public private(set) var exchange = ChatClient.Exchange()
    private var random: SplitMix64
    private var lastReason = ""

    /// A machine for one request; `seed` fixes the jitter.
    public init(policy: RetryPolicy, seed: UInt64) {
        self.policy = policy
        random = SplitMix64(seed: seed)
    }

    /// The first action: send.
    public mutating func start() -> Action {
        exchange.attempts = 1
        return .send
    }

    /// The action after an attempt ended with `outcome`.
    public mutating func next(after outcome: Outcome) -> Action {
        var retryAfter: Double?
        switch outcome {
        case .completion(let completion):
            return .deliver(completion)
        case .rejected(let status, let code, let message):
            return giveUp(.rejected(status: status, code: code, message: message))
        case .cancelled:
            return giveUp(.exhausted(attempts: exchange.attempts, lastReason: lastReason.isEmpty ? "cancelled" : lastReason))
        case .rateLimited(let after, let reason):
            exchange.rateLimited += 1
            retryAfter = after
            lastReason = reason
        case .serverError(_, let after, let reason):
            exchange.serverErrors += 1
            retryAfter = after
            lastReason = reason
        case .transport(let reason):
            exchange.transportErrors += 1
            lastReason = reason
        }
        if let retryAfter, !(retryAfter <= policy.maximumWait) {
            let asked = retryAfter < 1e9 ? String(Int(retryAfter.rounded(.up))) + " s" : "forever"
            return giveUp(.exhausted(attempts: exchange.attempts, lastReason: "the server asked to wait \(asked) before retrying (Retry-After), longer than the \(Int(policy.maximumWait)) s DocHarness waits (--max-wait); \(lastReason)"))
        }
        guard exchange.attempts < policy.maximumAttempts else {
            return giveUp(.exhausted(attempts: exchange.attempts, lastReason: lastReason))
        }
        let wait = policy.delay(retry: exchange.attempts, retryAfter: retryAfter, unit: random.nextUnit())
        exchange.backoff += wait
        return .wait(seconds: wait)
    }

    /// The action after a wait: send again.
    public mutating func waited() -> Action {
        exchange.attempts += 1
        return .send
    }

    private mutating func giveUp(_ failure: ChatClient.Failure) -> Action {
        exchange.failure = failure
        return .giveUp(failure)
    }
}
