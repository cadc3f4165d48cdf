import ChatWire
import SeededRandom
import Synchronization

/// Sends chat-completions requests through the rate limiter, retrying what is worth retrying
/// (429 with its `Retry-After`, 408/409/5xx, timeouts, dropped connections, truncated bodies,
/// streams cut before `[DONE]`) with exponential backoff and full jitter. A streamed request
/// (`stream: true`) is put back together by `StreamedCompletion`.
public final class ChatClient: Sendable {
    /// Where requests go.
    public let endpoint: ChatEndpoint
    private let transport: any ChatTransport
    private let limiter: RequestRateLimiter
    private let policy: RetryPolicy
    private let clock: any GenerationClock
    private let random: Mutex<SplitMix64>

    /// Creates a client; `seed` fixes the backoff jitter.
    public init(endpoint: ChatEndpoint, transport: any ChatTransport, limiter: RequestRateLimiter, policy: RetryPolicy = RetryPolicy(),
                clock: any GenerationClock, seed: UInt64 = 0xD0C) {
        self.endpoint = endpoint
        self.transport = transport
        self.limiter = limiter
        self.policy = policy
        self.clock = clock
        random = Mutex(SplitMix64(seed: seed))
    }

    /// What one request cost and how it ended.
    public struct Exchange: Sendable {
        /// The completion, when one came back.
        public var completion: ChatCompletion?
        /// Why there is none.
        public var failure: Failure?
        /// Attempts made (1 when the first succeeded).
        public var attempts = 0
        /// 429 answers received.
        public var rateLimited = 0
        /// 408/409/5xx answers received.
        public var serverErrors = 0
        /// Timeouts, dropped connections and truncated bodies.
        public var transportErrors = 0
        /// Seconds from sending the successful (or last) attempt to its whole reply.
        public var latency = 0.0
        /// Seconds spent in backoff (not counting the limiter's waits).
        public var backoff = 0.0
    }

    /// Why a request produced no completion.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The server refused the request (4xx other than 408/409/429): status, code and message.
        case rejected(status: Int, code: String?, message: String)
        /// Every attempt failed; the last reason.
        case exhausted(attempts: Int, lastReason: String)

        public var description: String {
            switch self {
            case .rejected(let status, let code, let message): "HTTP \(status)\(code.map { " \($0)" } ?? ""): \(message)"
            case .exhausted(let attempts, let reason): "gave up after \(attempts) attempts: \(reason)"
            }
        }
    }

    /// Sends `request`, counting `tokens` (prompt estimate + `max_tokens`) against the limits,
    /// and retries as the `RetryStateMachine` says, sleeping on the injected clock.
    public func send(_ request: ChatCompletionRequest, tokens: Int) async -> Exchange {
        let body = JSONWriter.bytes(request.json)
        var machine = RetryStateMachine(policy: policy, seed: random.withLock { $0.next() })
        var latency = 0.0
        var action = machine.start()
        while true {
            switch action {
            case .send:
                let outcome = Task.isCancelled ? .cancelled : await attempt(body, streamed: request.stream == true, tokens: tokens, latency: &latency)
                action = machine.next(after: outcome)
            case .wait(let seconds):
                do {
                    try await clock.sleep(seconds: seconds)
                    action = machine.waited()
                } catch {
                    action = machine.next(after: .cancelled)
                }
            case .deliver(let completion):
                var exchange = machine.exchange
                exchange.completion = completion
                exchange.latency = latency
                return exchange
            case .giveUp:
                var exchange = machine.exchange
                exchange.latency = latency
                return exchange
            }
        }
    }

    /// One attempt: a place under the limits, the post, and how it ended; `latency` is set to the
    /// seconds the post took on the injected clock.
    private func attempt(_ body: [UInt8], streamed: Bool, tokens: Int, latency: inout Double) async -> RetryStateMachine.Outcome {
        do {
            try await limiter.acquire(tokens: tokens)
        } catch {
            return .cancelled
        }
        let started = clock.now()
        do {
            let reply = try await transport.post(body, to: endpoint, timeout: policy.attemptTimeout)
            latency = clock.now() - started
            await limiter.observe(headers: reply.headers)
            let outcome = RetryStateMachine.Outcome(reply: reply, streamed: streamed)
            // Other requests pause too, for no longer than a retry would wait (a huge or infinite
            // Retry-After used to overflow the clock).
            if case .rateLimited(let retryAfter?, _) = outcome, retryAfter >= 0 { await limiter.pause(for: min(retryAfter, policy.maximumWait)) }
            return outcome
        } catch {
            latency = clock.now() - started
            return .transport(reason: "\(error)")
        }
    }

    /// Releases the transport's connections.
    public func shutdown() async {
        await transport.shutdown()
    }
}
