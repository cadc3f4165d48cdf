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
        let failed = entries.filter { $0.outcome == .failed }.count
        if unmatched > 0 { failures.append("\(unmatched) requests had no recording in strict replay (a prompt changed? re-record with `make cassettes`)") }
        if failed > unmatched { failures.append("\(failed - unmatched) symbols failed to generate") }
        if compliance.rate < 1 { failures.append("\(compliance.requests - compliance.compliant) of \(compliance.requests) requests crossed the safe zone of \(safeZone)") }
    }
}
