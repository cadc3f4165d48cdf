import Generation

/// The verdict stage of `eval`: why the run failed, one line per reason (none when it passed).
struct Verdict {
    /// The reasons.
    var failures: [String] = []
    /// Whether the run passed.
    var passed: Bool { failures.isEmpty }

    /// The verdict on a run with `entries`, `unmatched` prompts strict replay did not know, and
    /// `compliance` under a safe zone of `safeZone`.
    init(entries: [JournalEntry], unmatched: Int, compliance: Compliance, safeZone: Int) {
        let failed = entries.filter { $0.outcome == .failed }
        if unmatched > 0 { failures.append("\(unmatched) request\(unmatched == 1 ? "" : "s") had no recording in strict replay (a prompt changed? record them with `--upstream URL`, which adds what is missing)") }
        let others = failed.compactMap(\.failure).filter { !$0.isUnmatchedRecording }
        if !others.isEmpty {
            failures.append("\(others.count) symbols failed to generate: " + Self.grouped(others.map(\.cause)))
        }
        if compliance.rate < 1 { failures.append("\(compliance.requests - compliance.compliant) of \(compliance.requests) requests crossed the safe zone of \(safeZone)") }
    }

    /// `3 × HTTP 401 invalid_api_key, 1 × invalid answer`: the most frequent cause first.
    static func grouped(_ causes: [String]) -> String {
        Dictionary(grouping: causes, by: { $0 }).map { ($0.key, $0.value.count) }
            .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
            .map { "\($0.1) × \($0.0)" }.joined(separator: ", ")
    }
}
