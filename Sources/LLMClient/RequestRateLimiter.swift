import RateLimits
import SeededRandom

/// The client side of rate limits: token buckets for requests and tokens per minute and per day,
/// filled to a target utilisation of the limit, corrected by the server's `x-ratelimit-*`
/// headers, paused by `Retry-After`, and with a minimum spacing (with jitter) between requests.
///
/// Reservations are taken at once and waited out afterwards (`acquire`), so concurrent callers
/// queue in order and never overshoot; all waiting goes through a `GenerationClock`.
public actor RequestRateLimiter {
    /// The limits and how much of them to use.
    public struct Limits: Sendable, Hashable, Codable {
        /// Requests per minute (nil: no limit known yet; the server's headers may set it).
        public var requestsPerMinute: Int?
        /// Tokens per minute.
        public var tokensPerMinute: Int?
        /// Requests per day.
        public var requestsPerDay: Int?
        /// Tokens per day.
        public var tokensPerDay: Int?
        /// The share of each limit to use, 0 < u ≤ 1 (default 0.6: 60%).
        public var utilisation: Double
        /// The least time between two requests, in seconds.
        public var minimumSpacing: Double
        /// Up to this share of the spacing is added at random (0…1).
        public var spacingJitter: Double

        /// Creates limits.
        public init(requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil, requestsPerDay: Int? = nil, tokensPerDay: Int? = nil,
                    utilisation: Double = 0.6, minimumSpacing: Double = 0, spacingJitter: Double = 0.5) {
            self.requestsPerMinute = requestsPerMinute
            self.tokensPerMinute = tokensPerMinute
            self.requestsPerDay = requestsPerDay
            self.tokensPerDay = tokensPerDay
            self.utilisation = utilisation
            self.minimumSpacing = minimumSpacing
            self.spacingJitter = spacingJitter
        }
    }

    private let clock: any GenerationClock
    private var limits: Limits
    /// The four windows a limit can have.
    enum Window: Sendable, Hashable, CaseIterable {
        case requestsPerMinute, tokensPerMinute, requestsPerDay, tokensPerDay

        var countsTokens: Bool { self == .tokensPerMinute || self == .tokensPerDay }
        var seconds: Double { self == .requestsPerMinute || self == .tokensPerMinute ? 60 : 86_400 }
    }

    private var buckets: [Window: TokenBucket] = [:]
    private var nextSlot: Double
    private var pausedUntil: Double
    private var random: SplitMix64
    /// The total time callers were told to wait, in seconds.
    public private(set) var totalWait: Double = 0

    /// Creates a limiter; `seed` fixes the spacing jitter.
    public init(limits: Limits, clock: any GenerationClock, seed: UInt64 = 0x5EED) {
        self.clock = clock
        self.limits = limits
        let now = clock.now()
        nextSlot = now
        pausedUntil = now
        random = SplitMix64(seed: seed)
        let configured: [Window: Int?] = [
            .requestsPerMinute: limits.requestsPerMinute, .tokensPerMinute: limits.tokensPerMinute,
            .requestsPerDay: limits.requestsPerDay, .tokensPerDay: limits.tokensPerDay,
        ]
        for (window, limit) in configured {
            if let limit { buckets[window] = TokenBucket(limit: limit, window: window.seconds, utilisation: limits.utilisation, now: now) }
        }
    }

    /// Reserves one request of `tokens` tokens and waits until it may be sent.
    public func acquire(tokens: Int) async throws {
        let start = reserve(tokens: tokens)
        let now = clock.now()
        if start > now { totalWait += start - now }
        try await clock.sleep(until: start)
    }

    /// Takes the reservation and returns when it may start.
    private func reserve(tokens: Int) -> Double {
        let now = clock.now()
        var start = max(now, pausedUntil, nextSlot)
        let cost = Double(tokens)
        for window in Window.allCases {
            guard var bucket = buckets[window] else { continue }
            let amount = window.countsTokens ? cost : 1
            bucket.refill(to: now)
            // A request larger than the bucket waits for a full bucket, then overdraws it.
            start = max(start, now + (bucket.wait(for: min(amount, bucket.capacity)) ?? 0))
            bucket.take(amount)
            buckets[window] = bucket
        }
        if limits.minimumSpacing > 0 {
            nextSlot = start + limits.minimumSpacing * (1 + limits.spacingJitter * random.nextUnit())
        }
        return start
    }

    /// Stops every request until `seconds` from now (a 429's `Retry-After`).
    public func pause(for seconds: Double) {
        pausedUntil = max(pausedUntil, clock.now() + seconds)
    }

    /// Corrects the buckets from a response's `x-ratelimit-*` headers: a limit the client did
    /// not know is adopted, and a bucket is lowered to what the server says remains, less the
    /// share the utilisation keeps back.
    public func observe(headers: [(String, String)]) {
        let values = Dictionary(headers.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { first, _ in first })
        let now = clock.now()
        for (window, limitName, remainingName, configured) in [
            (Window.requestsPerMinute, "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", limits.requestsPerMinute),
            (Window.tokensPerMinute, "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", limits.tokensPerMinute),
        ] {
            guard let limitValue = values[limitName].flatMap(Int.init) else { continue }
            if buckets[window] == nil, configured == nil {
                buckets[window] = TokenBucket(limit: limitValue, window: window.seconds, utilisation: limits.utilisation, now: now)
            }
            guard var bucket = buckets[window], let remainingValue = values[remainingName].flatMap(Int.init) else { continue }
            bucket.refill(to: now)
            let reserve = (1 - limits.utilisation) * Double(limitValue)
            bucket.level = min(bucket.level, Double(remainingValue) - reserve)
            buckets[window] = bucket
        }
    }

    /// The limits in force (after any adopted from headers).
    public var knownRequestsPerMinute: Double? { buckets[.requestsPerMinute].map { $0.capacity / limits.utilisation } }
}
