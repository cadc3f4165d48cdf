/// When and how long to wait before sending a failed request again: exponential backoff with
/// full jitter (a uniform wait between zero and `base·2^retry`, capped), unless the server said
/// how long with `Retry-After` / `retry-after-ms`, which is honoured up to `maximumWait`: a server
/// that asks for longer gets no retry (the request fails saying how long it asked for).
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// The most attempts per request, the first included (default 6).
    public var maximumAttempts: Int
    /// The backoff of the first retry, in seconds, before jitter (default 0.5).
    public var baseDelay: Double
    /// The longest backoff, in seconds (default 20).
    public var maximumDelay: Double
    /// How long one attempt may take before it counts as timed out, in seconds (default 120).
    public var attemptTimeout: Double
    /// The longest `Retry-After` honoured, in seconds (default 60, `--max-wait`).
    public var maximumWait: Double

    /// Creates a policy.
    public init(maximumAttempts: Int = 6, baseDelay: Double = 0.5, maximumDelay: Double = 20, attemptTimeout: Double = 120, maximumWait: Double = 60) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.attemptTimeout = attemptTimeout
        self.maximumWait = maximumWait
    }

    /// Whether a status is worth retrying: 408, 409, 429 and every 5xx.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 409 || status == 429 || status >= 500
    }

    /// The wait before retry number `retry` (1 for the first retry); `retryAfter` when the
    /// server gave one; `unit` a uniform random value in [0, 1).
    public func delay(retry: Int, retryAfter: Double?, unit: Double) -> Double {
        if let retryAfter, retryAfter >= 0 { return min(retryAfter, maximumWait) }
        let ceiling = min(maximumDelay, baseDelay * Double(1 << min(max(retry - 1, 0), 30)))
        return ceiling * unit
    }

    /// The server's requested wait from `retry-after-ms` (milliseconds) or `retry-after`
    /// (seconds; an HTTP date is not honoured and falls back to backoff).
    public static func retryAfter(headers: [(String, String)]) -> Double? {
        for (name, value) in headers where name.lowercased() == "retry-after-ms" {
            if let milliseconds = Double(value.filter { $0 != " " }) { return milliseconds / 1000 }
        }
        for (name, value) in headers where name.lowercased() == "retry-after" {
            if let seconds = Double(value.filter { $0 != " " }) { return seconds }
        }
        return nil
    }
}
