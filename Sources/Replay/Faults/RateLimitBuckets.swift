import RateLimits

/// Requests-per-minute and tokens-per-minute limits enforced as OpenAI and Azure do: each limit
/// is a bucket that refills continuously at limit/60 per second; a request takes one request
/// and its estimated tokens, or is refused with the wait until it would fit.
///
/// Time is passed in (seconds on any monotonic clock), so tests drive it without sleeping.
public struct RateLimitBuckets: Sendable {
    /// The limits; nil means unlimited.
    public let requestsPerMinute: Int?
    /// Tokens per minute; nil means unlimited.
    public let tokensPerMinute: Int?
    private var requests: TokenBucket?
    private var tokens: TokenBucket?

    /// Creates full buckets.
    public init(requestsPerMinute: Int?, tokensPerMinute: Int?) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        requests = requestsPerMinute.map { TokenBucket(limit: $0, window: 60) }
        tokens = tokensPerMinute.map { TokenBucket(limit: $0, window: 60) }
    }

    /// Whether any limit is set.
    public var isLimited: Bool { requestsPerMinute != nil || tokensPerMinute != nil }

    /// The outcome of asking for capacity.
    public struct Decision: Sendable, Equatable {
        /// Whether the request may go ahead (its capacity is then taken).
        public var allowed: Bool
        /// Which limit refused it: `requests` or `tokens`.
        public var limitedBy: String?
        /// Seconds until the request would fit (0 when allowed; nil when it never fits).
        public var retryAfter: Double?
        /// The `x-ratelimit-*` headers describing the buckets after the decision.
        public var headers: [(String, String)]

        public static func == (left: Decision, right: Decision) -> Bool {
            left.allowed == right.allowed && left.limitedBy == right.limitedBy && left.retryAfter == right.retryAfter
                && left.headers.map { $0.0 + ":" + $0.1 } == right.headers.map { $0.0 + ":" + $0.1 }
        }
    }

    /// Takes one request and `tokenCost` tokens at time `now`, or says how long to wait.
    public mutating func take(tokenCost: Int, now: Double) -> Decision {
        requests?.refill(to: now)
        tokens?.refill(to: now)
        let cost = Double(tokenCost)
        var waits: [(String, Double?)] = []
        if let requests, requests.level < 1 { waits.append(("requests", requests.wait(for: 1))) }
        if let tokens, tokens.level < cost { waits.append(("tokens", tokens.wait(for: cost))) }
        if let refusal = waits.max(by: { ($0.1 ?? .infinity) < ($1.1 ?? .infinity) }) {
            return Decision(allowed: false, limitedBy: refusal.0, retryAfter: refusal.1, headers: headers())
        }
        requests?.take(1)
        tokens?.take(cost)
        return Decision(allowed: true, limitedBy: nil, retryAfter: 0, headers: headers())
    }

    /// The headers OpenAI sends: limits, what remains, and the time until the bucket is full.
    private func headers() -> [(String, String)] {
        var headers: [(String, String)] = []
        for (name, limit, bucket) in [("requests", requestsPerMinute, requests), ("tokens", tokensPerMinute, tokens)] {
            guard let limit, let bucket else { continue }
            headers.append(("x-ratelimit-limit-\(name)", String(limit)))
            headers.append(("x-ratelimit-remaining-\(name)", String(max(0, Int(bucket.level.rounded(.down))))))
            headers.append(("x-ratelimit-reset-\(name)", Self.duration(limit > 0 ? (Double(limit) - bucket.level) / (Double(limit) / 60) : 60)))
        }
        return headers
    }

    /// OpenAI's duration spelling: `1s`, `6m0s`, `120ms`, `1.5s`.
    public static func duration(_ seconds: Double) -> String {
        let seconds = max(0, seconds)
        if seconds < 1 { return "\(Int((seconds * 1000).rounded(.up)))ms" }
        let minutes = Int(seconds / 60)
        let rest = seconds - Double(minutes * 60)
        let restText = rest == rest.rounded() ? "\(Int(rest))s" : "\((rest * 1000).rounded() / 1000)s"
        return minutes > 0 ? "\(minutes)m\(restText)" : restText
    }
}
