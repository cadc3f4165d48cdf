import Generation

/// Safe-zone compliance: recorded prompt tokens + `max_tokens` sent ≤ the safe zone. Computed
/// once per run, here, with `SafeZoneBudget.crosses` — the one definition of a crossing the
/// reports and the estimator benchmark share.
public struct Compliance: Sendable, Codable, Hashable {
    /// Requests with recorded usage.
    public var requests: Int
    /// Those within the safe zone.
    public var compliant: Int
    /// The largest prompt + `max_tokens` seen.
    public var largestTotal: Int
    /// Requests over the line: target and total.
    public var violations: [String]
    /// compliant / requests (1 when there were none).
    public var rate: Double { requests == 0 ? 1 : Double(compliant) / Double(requests) }

    /// The compliance of the requests `entries` made for `targets` (same order) under `budget`.
    public init(targets: [DocstringTarget], entries: [JournalEntry], budget: SafeZoneBudget) {
        requests = 0
        compliant = 0
        largestTotal = 0
        violations = []
        for (target, entry) in zip(targets, entries) {
            guard let prompt = entry.promptTokens, let maxTokens = entry.maxTokens else { continue }
            requests += 1
            largestTotal = max(largestTotal, prompt + maxTokens)
            if budget.crosses(promptTokens: prompt, maxTokens: maxTokens) {
                violations.append("\(target.identifier): \(prompt) + \(maxTokens) = \(prompt + maxTokens) > \(budget.safeZone)")
            } else {
                compliant += 1
            }
        }
    }
}
