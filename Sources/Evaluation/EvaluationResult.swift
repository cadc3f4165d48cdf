import Generation
import Scoring

/// Everything one `eval` run found, in the shape the reports and `--json` write.
public struct EvaluationResult: Sendable, Codable {
    /// The JSON report's schema version.
    public var schemaVersion = 1
    /// The model asked and the template version.
    public var model: String
    public var templateVersion: String
    /// The estimator that sized `max_tokens`.
    public var estimator: String
    /// The safe zone.
    public var budget: SafeZoneBudget
    /// Mean scores of the targeted symbols: before (their existing docstrings, missing ones
    /// scoring 0) and after generation.
    public var existing: DimensionMeans
    public var generated: DimensionMeans
    /// Each project's scores and coverage before and after.
    public var projects: [ProjectComparison]
    /// One entry per targeted symbol.
    public var symbols: [SymbolOutcome]
    /// Symbols taken from the journal of an earlier, interrupted run (not requested again).
    public var resumed: Int
    /// Safe-zone compliance of every request sent.
    public var compliance: Compliance
    /// Latency, retries and rate limiting.
    public var traffic: Traffic
    /// Estimators against the usage of the requests this run made.
    public var estimatorsOnRun: EstimatorBenchmark.Result
    /// Estimators against the usage recorded in the bundled cassettes.
    public var estimatorsOnCassettes: EstimatorBenchmark.Result
    /// Requests the replay server had no recording for (strict mode), with the diff.
    public var unmatched: [UnmatchedRequest]
    /// Whether the run passed: every target answered or skipped with reason, no unmatched
    /// request, 100% compliance.
    public var passed: Bool
    /// Why not, one line per reason.
    public var failures: [String]
}

/// Mean 0–100 scores per dimension and overall.
public struct DimensionMeans: Sendable, Codable, Hashable {
    public var completeness: Double
    public var clarity: Double
    public var style: Double
    public var complexity: Double
    public var overall: Double
    /// Symbols averaged.
    public var count: Int
}

/// One project before and after generation.
public struct ProjectComparison: Sendable, Codable, Hashable {
    /// The path given.
    public var path: String
    /// Its dominant docstring style (what generated docstrings are written in).
    public var style: String
    /// Its figures with the existing docstrings.
    public var before: ProjectFigures
    /// Its figures with the generated docstrings inserted.
    public var after: ProjectFigures
}

/// A project's overall score and docstring coverage.
public struct ProjectFigures: Sendable, Codable, Hashable {
    public var overall: Double
    public var coverage: Double
    public var findings: Int
}

/// One targeted symbol.
public struct SymbolOutcome: Sendable, Codable, Hashable {
    public var path: String
    public var qualname: String
    public var line: Int
    public var outcome: JournalEntry.Outcome
    public var before: Double
    public var after: Double?
    public var promptTokens: Int?
    public var estimatedPromptTokens: Int
    public var maxTokens: Int?
    public var attempts: Int
    public var latency: Double
    public var droppedUnits: [PromptUnit]
    public var error: String?
    /// The generated docstring as it was inserted.
    public var docstring: String?
}

/// Safe-zone compliance: recorded prompt tokens + `max_tokens` sent ≤ the safe zone.
public struct Compliance: Sendable, Codable, Hashable {
    public var requests: Int
    public var compliant: Int
    /// The largest prompt + `max_tokens` seen.
    public var largestTotal: Int
    /// Requests over the line: target and total.
    public var violations: [String]
    public var rate: Double { requests == 0 ? 1 : Double(compliant) / Double(requests) }
}

/// Latency percentiles (seconds), retries and 429s.
public struct Traffic: Sendable, Codable, Hashable {
    public var requests: Int
    public var attempts: Int
    public var retries: Int
    public var rateLimited: Int
    public var serverErrors: Int
    public var transportErrors: Int
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var wallSeconds: Double
}

/// A request strict replay did not know.
public struct UnmatchedRequest: Sendable, Codable, Hashable {
    public var target: String
    public var message: String
}
