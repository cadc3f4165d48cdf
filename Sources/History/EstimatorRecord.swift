/// One estimator's accuracy in a recorded `eval` run, against the usage servers recorded.
public struct EstimatorRecord: Sendable, Hashable, Codable {
    /// `run` (this run's requests) or `cassettes` (the recordings replayed).
    public var source: String
    /// The estimator's name.
    public var estimator: String
    /// Requests measured.
    public var count: Int
    /// Estimates equal to the recorded count.
    public var exact: Int
    /// Mean absolute percentage error.
    public var meanAbsolutePercentError: Double
    /// Mean signed error in percent (negative: under-estimates).
    public var signedBiasPercent: Double
    /// 95th percentile of the absolute percentage error.
    public var p95AbsolutePercentError: Double
    /// Requests whose estimate would have crossed the safe zone.
    public var safeZoneCrossings: Int

    /// Creates a record.
    public init(source: String, estimator: String, count: Int, exact: Int, meanAbsolutePercentError: Double, signedBiasPercent: Double,
                p95AbsolutePercentError: Double, safeZoneCrossings: Int) {
        self.source = source
        self.estimator = estimator
        self.count = count
        self.exact = exact
        self.meanAbsolutePercentError = meanAbsolutePercentError
        self.signedBiasPercent = signedBiasPercent
        self.p95AbsolutePercentError = p95AbsolutePercentError
        self.safeZoneCrossings = safeZoneCrossings
    }

    /// `source/estimator`: what identifies the row across runs.
    public var identifier: String { source + "/" + estimator }
}

/// A recorded `eval` run's traffic.
public struct TrafficRecord: Sendable, Hashable, Codable {
    /// Requests sent.
    public var requests: Int
    /// Attempts beyond the first.
    public var retries: Int
    /// 429 answers.
    public var rateLimited: Int
    /// Median latency of the successful attempts, seconds.
    public var p50: Double
    /// 95th percentile latency, seconds.
    public var p95: Double
    /// The whole run, seconds.
    public var wallSeconds: Double

    /// Creates a record.
    public init(requests: Int, retries: Int, rateLimited: Int, p50: Double, p95: Double, wallSeconds: Double) {
        self.requests = requests
        self.retries = retries
        self.rateLimited = rateLimited
        self.p50 = p50
        self.p95 = p95
        self.wallSeconds = wallSeconds
    }
}
