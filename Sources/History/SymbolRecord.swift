import Scoring

/// One symbol of a recorded run: its scores and findings, and for `eval` the generated
/// docstring and its request's sizes.
public struct SymbolRecord: Sendable, Hashable, Codable {
    /// The file, as given on the command line (or found under it).
    public var path: String
    /// The qualified name (`Outer.method`).
    public var qualname: String
    /// `function`, `method`, `class` or `module`.
    public var kind: String
    /// The definition's line.
    public var line: Int
    /// Whether the symbol has a docstring (`eval`: whether one was generated).
    public var documented: Bool
    /// Its dimension scores (`eval`: the generated docstring's), nil when it has no docstring.
    public var scores: DimensionScores?
    /// Its overall score, nil when it has no docstring.
    public var overall: Double?
    /// Its findings.
    public var findings: [FindingRecord]
    /// `eval`: the overall score of the docstring the symbol had before (0 when none).
    public var before: Double?
    /// `eval`: generated, skipped or failed.
    public var outcome: String?
    /// `eval`: the generated docstring as it was inserted.
    public var docstring: String?
    /// `eval`: the docstring the symbol had before, nil when it had none.
    public var originalDocstring: String?
    /// `eval`: the prompt tokens the server counted.
    public var promptTokens: Int?
    /// `eval`: the estimate `max_tokens` was sized with.
    public var estimatedPromptTokens: Int?
    /// `eval`: the `max_tokens` sent.
    public var maxTokens: Int?

    /// Creates a record.
    public init(path: String, qualname: String, kind: String, line: Int, documented: Bool, scores: DimensionScores?, overall: Double?,
                findings: [FindingRecord], before: Double? = nil, outcome: String? = nil, docstring: String? = nil, promptTokens: Int? = nil,
                estimatedPromptTokens: Int? = nil, maxTokens: Int? = nil, originalDocstring: String? = nil) {
        self.path = path
        self.qualname = qualname
        self.kind = kind
        self.line = line
        self.documented = documented
        self.scores = scores
        self.overall = overall
        self.findings = findings
        self.before = before
        self.outcome = outcome
        self.docstring = docstring
        self.promptTokens = promptTokens
        self.estimatedPromptTokens = estimatedPromptTokens
        self.maxTokens = maxTokens
        self.originalDocstring = originalDocstring
    }

    /// What identifies the symbol across runs: `path::qualname`.
    public var identifier: String { path + "::" + qualname }

    /// Tokens left under `safeZone` by the request (prompt + `max_tokens`), nil without a request.
    public func headroom(safeZone: Int) -> Int? {
        guard let promptTokens, let maxTokens else { return nil }
        return safeZone - promptTokens - maxTokens
    }
}

/// One finding of a recorded run.
public struct FindingRecord: Sendable, Hashable, Codable {
    /// The rule's code (`DH101`).
    public var code: String
    /// The dimension it lowers.
    public var dimension: Dimension
    /// The file.
    public var path: String
    /// The symbol's qualified name.
    public var symbol: String
    /// What it is about (a parameter, an exception), or empty.
    public var subject: String
    /// The message.
    public var message: String
    /// 1-based line.
    public var line: Int
    /// How much of the dimension it takes away, 0 to 1.
    public var penalty: Double
    /// The identity that survives line shifts (path, symbol, code, subject).
    public var fingerprint: String

    /// Creates a record.
    public init(code: String, dimension: Dimension, path: String, symbol: String, subject: String, message: String, line: Int,
                penalty: Double, fingerprint: String) {
        self.code = code
        self.dimension = dimension
        self.path = path
        self.symbol = symbol
        self.subject = subject
        self.message = message
        self.line = line
        self.penalty = penalty
        self.fingerprint = fingerprint
    }

    /// The record of a finding.
    public init(_ finding: Finding) {
        self.init(code: finding.code, dimension: finding.dimension, path: finding.path, symbol: finding.symbol, subject: finding.subject,
                  message: finding.message, line: finding.line, penalty: finding.penalty, fingerprint: finding.fingerprint)
    }
}
