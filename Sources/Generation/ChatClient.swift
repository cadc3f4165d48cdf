import ChatWire
import Replay
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

    /// Sends `request`, counting `tokens` (prompt estimate + `max_tokens`) against the limits.
    public func send(_ request: ChatCompletionRequest, tokens: Int) async -> Exchange {
        var exchange = Exchange()
        let body = JSONWriter.bytes(request.json)
        var lastReason = ""
        while exchange.attempts < policy.maximumAttempts {
            if Task.isCancelled { break }
            exchange.attempts += 1
            do {
                try await limiter.acquire(tokens: tokens)
            } catch {
                break
            }
            let started = ContinuousClock.now
            var retryAfter: Double?
            do {
                let reply = try await transport.post(body, to: endpoint, timeout: policy.attemptTimeout)
                exchange.latency = Self.seconds(ContinuousClock.now - started)
                await limiter.observe(headers: reply.headers)
                switch reply.status {
                case 200 ..< 300 where request.stream == true:
                    do {
                        exchange.completion = try StreamedCompletion.assemble(reply.body)
                        return exchange
                    } catch {
                        exchange.transportErrors += 1
                        lastReason = error.description
                    }
                case 200 ..< 300:
                    do {
                        let value = try JSONParser.parse(reply.body)
                        exchange.completion = try ChatCompletion(json: value, path: "")
                        return exchange
                    } catch {
                        exchange.transportErrors += 1
                        lastReason = "the reply body is not a whole chat completion (\(error))"
                    }
                case 429:
                    exchange.rateLimited += 1
                    retryAfter = RetryPolicy.retryAfter(headers: reply.headers)
                    if let retryAfter { await limiter.pause(for: retryAfter) }
                    lastReason = "HTTP 429: \(Self.message(reply.body))"
                case let status where RetryPolicy.isRetryable(status: status):
                    exchange.serverErrors += 1
                    retryAfter = RetryPolicy.retryAfter(headers: reply.headers)
                    lastReason = "HTTP \(status): \(Self.message(reply.body))"
                default:
                    let error = Self.apiError(reply.body)
                    exchange.failure = .rejected(status: reply.status, code: error?.code,
                                                 message: error?.message ?? String(decoding: reply.body.prefix(500), as: UTF8.self))
                    return exchange
                }
            } catch {
                exchange.latency = Self.seconds(ContinuousClock.now - started)
                exchange.transportErrors += 1
                lastReason = "\(error)"
            }
            guard exchange.attempts < policy.maximumAttempts else { break }
            let unit = random.withLock { $0.nextUnit() }
            let wait = policy.delay(retry: exchange.attempts, retryAfter: retryAfter, unit: unit)
            exchange.backoff += wait
            do { try await clock.sleep(seconds: wait) } catch { break }
        }
        exchange.failure = .exhausted(attempts: exchange.attempts, lastReason: lastReason.isEmpty ? "cancelled" : lastReason)
        return exchange
    }

    /// Releases the transport's connections.
    public func shutdown() async {
        await transport.shutdown()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The OpenAI error a body carries (ChatWire's `APIError`), if it is one.
    static func apiError(_ body: [UInt8]) -> APIError? {
        (try? JSONParser.parse(body)).flatMap { try? APIError(json: $0, path: "") }
    }

    /// The error's message, else the start of the body.
    static func message(_ body: [UInt8]) -> String {
        apiError(body)?.message ?? String(decoding: body.prefix(500), as: UTF8.self)
    }
}
