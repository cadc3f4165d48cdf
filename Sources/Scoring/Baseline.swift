/// The findings of an earlier JSON report, by fingerprint, for `--baseline`.
public struct Baseline: Sendable, Equatable {
    /// How many times each fingerprint occurred.
    public var counts: [String: Int]

    /// The baseline of an earlier report.
    public init(report: CheckResult) {
        var counts: [String: Int] = [:]
        for finding in report.findings { counts[finding.fingerprint, default: 0] += 1 }
        self.counts = counts
    }

    /// Marks findings already in the baseline as not new. Fingerprints count: a baseline with one
    /// `DH101` for `f` excuses one such finding, not two.
    public func mark(_ findings: inout [Finding], remaining: inout [String: Int]) {
        for index in findings.indices {
            let fingerprint = findings[index].fingerprint
            if let count = remaining[fingerprint], count > 0 {
                remaining[fingerprint] = count - 1
                findings[index].isNew = false
            }
        }
    }
}
