/// A continuously refilling token bucket, the shape OpenAI and Azure give their requests- and
/// tokens-per-minute limits: it holds at most `capacity`, refills at `refillPerSecond`, and a
/// taker either waits until what it needs is in the bucket or takes ahead of time (the level then
/// goes below zero and later takers wait longer). Time is passed in as seconds on any monotonic
/// clock, so tests drive it without sleeping.
///
/// The replay server's fault injection refuses with the wait (`RateLimitBuckets`); the client's
/// limiter reserves ahead and sleeps (`RequestRateLimiter`). Both use this one bucket.
public struct TokenBucket: Sendable, Hashable {
    /// The most the bucket holds.
    public let capacity: Double
    /// How much flows back in per second.
    public let refillPerSecond: Double
    /// What is in it now (below zero after taking ahead of time).
    public var level: Double
    /// The time of the last refill; nil until the first.
    public private(set) var updated: Double?

    /// A full bucket; `now` is the time it was last full (nil: the first refill starts the clock).
    public init(capacity: Double, refillPerSecond: Double, now: Double? = nil) {
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        level = capacity
        updated = now
    }

    /// A bucket for `limit` per `window` seconds, of which `utilisation` (0 < u ≤ 1) is used.
    public init(limit: Int, window: Double, utilisation: Double = 1, now: Double? = nil) {
        let capacity = Double(limit) * utilisation
        self.init(capacity: capacity, refillPerSecond: capacity / window, now: now)
    }

    /// Adds what flowed in since the last refill, up to the capacity.
    public mutating func refill(to now: Double) {
        defer { updated = max(updated ?? now, now) }
        guard let updated, now > updated else { return }
        level = min(capacity, level + (now - updated) * refillPerSecond)
    }

    /// Seconds until `amount` is in the bucket: 0 when it is now, nil when it never will be
    /// (more than the capacity, or a bucket that does not refill).
    public func wait(for amount: Double) -> Double? {
        guard level < amount else { return 0 }
        guard amount <= capacity, refillPerSecond > 0 else { return nil }
        return (amount - level) / refillPerSecond
    }

    /// Takes `amount` (the level may go below zero).
    public mutating func take(_ amount: Double) {
        level -= amount
    }
}
