import Scoring

/// What the scores say of the generated docstrings beyond their means: how many a gate at the
/// threshold would have rejected, and the findings that sank them.
public struct GeneratedDocstringReview: Sendable, Codable, Hashable {
    /// The overall score below which a docstring is rejected (eval's `regenerateBelow`, 70 by default).
    public var threshold: Double
    /// Generated docstrings scored.
    public var reviewed: Int
    /// Of those, how many score below the threshold.
    public var rejected: Int
    /// For the rejected ones: per rule code, how many of them have at least one such finding.
    public var rejectedByRule: [String: Int]

    /// Creates an empty review.
    public init(threshold: Double, reviewed: Int = 0, rejected: Int = 0, rejectedByRule: [String: Int] = [:]) {
        self.threshold = threshold
        self.reviewed = reviewed
        self.rejected = rejected
        self.rejectedByRule = rejectedByRule
    }

    /// The review of `scores` (the generated docstrings' results) at `threshold`.
    public init(_ scores: [SymbolResult], threshold: Double) {
        self.init(threshold: threshold, reviewed: scores.count)
        for score in scores where (score.overall ?? 0) < threshold {
            rejected += 1
            for code in Set(score.findings.map(\.code)) { rejectedByRule[code, default: 0] += 1 }
        }
    }

    /// The most frequent rule codes among the rejected, most first (ties by code).
    public func topRules(_ count: Int) -> [(code: String, docstrings: Int)] {
        rejectedByRule.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(count).map { ($0.key, $0.value) }
    }

    /// "12 of 83 generated docstrings score below 70: DH208 in 12, DH204 in 9, DH205 in 7".
    public var summary: String {
        let threshold = threshold == threshold.rounded() ? String(Int(threshold)) : String(threshold)
        var text = "\(rejected) of \(reviewed) generated docstrings score below \(threshold)"
        let top = topRules(3)
        if !top.isEmpty { text += ": " + top.map { "\($0.code) in \($0.docstrings)" }.joined(separator: ", ") }
        return text
    }
}
