import Foundation
import Scoring

/// One recorded `check` or `eval` run: what was run, on which commit, with which configuration,
/// and what it found, symbol by symbol.
public struct RunRecord: Sendable, Hashable, Codable {
    /// The store's identifier, nil until the run is recorded.
    public var id: Int64?
    /// When the run started.
    public var startedAt: Date
    /// `check` or `eval`.
    public var command: String
    /// The paths given on the command line.
    public var paths: [String]
    /// The git commit checked out, when the run was inside a git work tree.
    public var gitCommit: String?
    /// The git branch (or the CI's branch name on a detached checkout).
    public var gitBranch: String?
    /// A hash of what makes two runs comparable: the paths, the scoring configuration, and for
    /// `eval` the model and the safe zone — not the prompt template, which is what runs compare.
    public var configurationHash: String
    /// The prompt template's version (`eval`).
    public var templateVersion: String?
    /// The model asked (`eval`).
    public var model: String?
    /// The estimator or tokenizer that sized requests (`eval`).
    public var tokenizer: String?
    /// Whether the run's gate passed.
    public var passed: Bool
    /// The run's totals.
    public var summary: RunSummary
    /// The run's results file by file: every scored symbol (`check`) or every targeted symbol
    /// (`eval`), and the findings not attached to a symbol (a file that does not parse).
    public var files: [FileRecord]
    /// The estimators' accuracy against the usage servers recorded (`eval`).
    public var estimators: [EstimatorRecord]
    /// The run's traffic (`eval`).
    public var traffic: TrafficRecord?

    /// Creates a record.
    public init(id: Int64? = nil, startedAt: Date, command: String, paths: [String], gitCommit: String? = nil, gitBranch: String? = nil,
                configurationHash: String, templateVersion: String? = nil, model: String? = nil, tokenizer: String? = nil, passed: Bool,
                summary: RunSummary, files: [FileRecord], estimators: [EstimatorRecord] = [], traffic: TrafficRecord? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.command = command
        self.paths = paths
        self.gitCommit = gitCommit
        self.gitBranch = gitBranch
        self.configurationHash = configurationHash
        self.templateVersion = templateVersion
        self.model = model
        self.tokenizer = tokenizer
        self.passed = passed
        self.summary = summary
        self.files = files
        self.estimators = estimators
        self.traffic = traffic
    }

    /// The run without its files and estimators: what `runs` lists.
    public var header: RunRecord {
        var header = self
        header.files = []
        header.estimators = []
        return header
    }

    /// Every symbol of the run, file after file.
    public var symbols: [SymbolRecord] { files.flatMap(\.symbols) }

    /// Every finding of the run, symbols' and files'.
    public var findings: [FindingRecord] { files.flatMap { $0.symbols.flatMap(\.findings) + $0.fileFindings } }
}

/// A run's totals: coverage, mean scores and findings.
public struct RunSummary: Sendable, Hashable, Codable {
    /// Symbols scored (`check`: those that need a docstring; `eval`: the targets).
    public var symbols: Int
    /// Of those, how many have a docstring (`eval`: how many were generated).
    public var documented: Int
    /// Docstring coverage in percent.
    public var coverage: Double
    /// Mean dimension scores.
    public var scores: DimensionScores
    /// Mean overall score.
    public var overall: Double
    /// Findings.
    public var findings: Int
    /// The safe zone requests were sized for (`eval`).
    public var safeZone: Int?
    /// The smallest headroom any request left under the safe zone (`eval`; negative: crossed).
    public var minimumHeadroom: Int?

    /// Creates a summary.
    public init(symbols: Int, documented: Int, coverage: Double, scores: DimensionScores, overall: Double, findings: Int,
                safeZone: Int? = nil, minimumHeadroom: Int? = nil) {
        self.symbols = symbols
        self.documented = documented
        self.coverage = coverage
        self.scores = scores
        self.overall = overall
        self.findings = findings
        self.safeZone = safeZone
        self.minimumHeadroom = minimumHeadroom
    }
}

/// One file's results in a recorded run.
public struct FileRecord: Sendable, Hashable, Codable {
    /// The file, as given on the command line (or found under it).
    public var path: String
    /// Its symbols, in report order.
    public var symbols: [SymbolRecord]
    /// Its findings not attached to a symbol.
    public var fileFindings: [FindingRecord]

    /// Creates a record.
    public init(path: String, symbols: [SymbolRecord], fileFindings: [FindingRecord] = []) {
        self.path = path
        self.symbols = symbols
        self.fileFindings = fileFindings
    }

    /// `symbols` grouped into files, in the order each file first appears.
    public static func grouping(_ symbols: [SymbolRecord]) -> [FileRecord] {
        var index: [String: Int] = [:]
        var files: [FileRecord] = []
        for symbol in symbols {
            if let slot = index[symbol.path] {
                files[slot].symbols.append(symbol)
            } else {
                index[symbol.path] = files.count
                files.append(FileRecord(path: symbol.path, symbols: [symbol]))
            }
        }
        return files
    }
}
