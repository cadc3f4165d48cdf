import Generation
import Scoring

/// Everything one `eval` run found, in the shape the reports and `--json` write.
public struct EvaluationResult: Sendable, Codable {
    /// The JSON report's schema version.
    public var schemaVersion = 1
    /// The model asked.
    public var model: String
    /// The prompt template's version.
    public var templateVersion: String
    /// The estimator that sized `max_tokens`.
    public var estimator: String
    /// The safe zone.
    public var budget: SafeZoneBudget
    /// Mean scores of the targeted symbols with their existing docstrings (missing ones score 0).
    public var existing: DimensionMeans
    /// Mean scores of the targeted symbols with the generated docstrings.
    public var generated: DimensionMeans
    /// How many generated docstrings a gate would have rejected, and why.
    public var generatedReview: GeneratedDocstringReview?
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
    /// Completeness.
    public var completeness: Double
    /// Clarity.
    public var clarity: Double
    /// Style consistency.
    public var style: Double
    /// Complexity match.
    public var complexity: Double
    /// The weighted overall score.
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
    /// The overall score.
    public var overall: Double
    /// Docstring coverage in percent.
    public var coverage: Double
    /// Findings.
    public var findings: Int
}

/// One targeted symbol.
public struct SymbolOutcome: Sendable, Codable, Hashable {
    /// The file.
    public var path: String
    /// The qualified name.
    public var qualname: String
    /// The definition's line.
    public var line: Int
    /// Generated, skipped or failed.
    public var outcome: JournalEntry.Outcome
    /// The overall score of the existing docstring (0 when there was none).
    public var before: Double
    /// The overall score of the generated docstring.
    public var after: Double?
    /// The generated docstring's dimension scores.
    public var afterScores: DimensionScores?
    /// The generated docstring's findings.
    public var afterFindings: [Finding]?
    /// The prompt tokens the server recorded.
    public var promptTokens: Int?
    /// The estimate `max_tokens` was sized with.
    public var estimatedPromptTokens: Int
    /// `max_tokens` sent.
    public var maxTokens: Int?
    /// Attempts made.
    public var attempts: Int
    /// Seconds for the last attempt.
    public var latency: Double
    /// Context dropped to make room.
    public var droppedUnits: [PromptUnit]
    /// Why it failed or was skipped.
    public var error: String?
    /// The cause in a few words (`GenerationFailure.cause`), for grouping.
    public var cause: String?
    /// The generated docstring as it was inserted.
    public var docstring: String?
    /// The docstring the symbol had before, nil when it had none.
    public var existingDocstring: String?
}

/// Latency percentiles (seconds), retries and 429s.
public struct Traffic: Sendable, Codable, Hashable {
    /// Requests sent by this run (resumed ones not counted).
    public var requests: Int
    /// Attempts, retries included.
    public var attempts: Int
    /// Attempts beyond the first that resent the same request (after a 429, a 5xx, a drop).
    public var retries: Int
    /// Repair requests: a new request after an answer that missed the schema.
    public var repairs: Int
    /// 429 answers.
    public var rateLimited: Int
    /// 408/409/5xx answers.
    public var serverErrors: Int
    /// Timeouts, dropped connections, truncated bodies.
    public var transportErrors: Int
    /// Latency percentiles of the successful attempts, in seconds.
    public var p50: Double
    /// The 95th percentile.
    public var p95: Double
    /// The 99th percentile.
    public var p99: Double
    /// The whole run, in seconds.
    public var wallSeconds: Double
}

/// A request strict replay did not know.
public struct UnmatchedRequest: Sendable, Codable, Hashable {
    /// `path::qualname`.
    public var target: String
    /// The server's message: the nearest recording and the diff.
    public var message: String
}
