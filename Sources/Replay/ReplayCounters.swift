import Synchronization

/// Counts of what a replay server did, safe to bump from any request.
public final class ReplayCounters: Sendable {
    /// What is counted.
    public enum Event: String, Sendable, CaseIterable {
        /// A request answered from a cassette.
        case matched
        /// A request nothing matched.
        case unmatched
        /// A request answered with an injected fault (status, dropped stream).
        case faulted
        /// A request refused by the rate limits (429).
        case rateLimited = "rate_limited"
        /// A request refused for exceeding the context window.
        case contextLengthExceeded = "context_length_exceeded"
        /// A request proxied upstream and recorded.
        case recorded
        /// A request proxied upstream whose error (a status outside 2xx, a cut stream) was passed
        /// on and not recorded.
        case upstreamFailed = "upstream_failed"
        /// A request proxied upstream whose answer could not be written to the cassette (a full
        /// disk): passed on with an `x-docharness-warning` header.
        case notWritten = "not_written"
        /// A request refused as malformed, too large, or for an unknown route.
        case rejected
    }

    private let counts = Mutex<[Event: Int]>([:])

    /// Creates zeroed counters.
    public init() {}

    /// Adds one.
    public func add(_ event: Event) {
        counts.withLock { $0[event, default: 0] += 1 }
    }

    /// The current counts, every event present.
    public var snapshot: [Event: Int] {
        counts.withLock { counts in
            Dictionary(uniqueKeysWithValues: Event.allCases.map { ($0, counts[$0] ?? 0) })
        }
    }

    /// Zeroes every count.
    public func reset() {
        counts.withLock { $0.removeAll() }
    }
}
