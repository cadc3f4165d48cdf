import Docstrings
import PythonSyntax

/// The scores and findings of one symbol.
public struct SymbolResult: Sendable, Hashable, Codable {
    /// The symbol's qualified name.
    public var qualname: String
    /// Module, class, function or method.
    public var kind: Symbol.Kind
    /// 1-based line of the definition.
    public var line: Int
    /// 1-based last line.
    public var endLine: Int
    /// Whether it has a non-blank docstring.
    public var documented: Bool
    /// Whether it counts in coverage (false when its DH100 is suppressed inline).
    public var countsForCoverage: Bool
    /// The detected style of its docstring.
    public var style: DocstringStyle?
    /// McCabe complexity (functions and methods).
    public var complexity: Int?
    /// Scores per dimension; nil when the symbol is not scored (undocumented with DH100 off).
    public var scores: DimensionScores?
    /// Weighted overall score; nil when not scored.
    public var overall: Double?
    /// Its findings, suppressed ones removed.
    public var findings: [Finding]
    /// Whether the symbol falls under the gate: its overall score is below `fail-under-symbol`
    /// (when set), or, with a baseline, it has a new finding. Such a symbol alone fails the gate.
    public var fallsUnderGate: Bool = false
}

/// The result of checking one file.
public struct FileResult: Sendable, Hashable, Codable {
    /// The path as given or found.
    public var path: String
    /// Why the file could not be checked (DH001–DH004); empty when it was.
    public var diagnostics: [Diagnostic]
    /// The checked symbols in source order.
    public var symbols: [SymbolResult]
    /// Findings not tied to one symbol: the file could not be parsed (DH001–DH004), or a
    /// suppression comment is unused or has no reason (DH020, DH021).
    public var fileFindings: [Finding]
    /// Scores and coverage of the file.
    public var aggregate: Aggregate

    /// Every finding of the file: symbols' and suppressions'.
    public var findings: [Finding] { symbols.flatMap(\.findings) + fileFindings }

    /// How many findings the file has (without gathering them).
    public var findingCount: Int { symbols.reduce(fileFindings.count) { $0 + $1.findings.count } }

    /// How many findings are new against the baseline.
    public var newFindingCount: Int {
        symbols.reduce(fileFindings.reduce(0) { $0 + ($1.isNew ? 1 : 0) }) { count, symbol in
            count + symbol.findings.reduce(0) { $0 + ($1.isNew ? 1 : 0) }
        }
    }
}

/// Whether the checked code passes the gate, and why not.
public struct GateVerdict: Sendable, Hashable, Codable {
    /// True when every condition holds.
    public var passed: Bool
    /// Every condition checked, in order.
    public var conditions: [GateCondition]

    /// One sentence per failed condition.
    public var failures: [String] { conditions.compactMap(\.failure) }

    /// Adds the condition that every path given could be read: a missing or unreadable path
    /// (DH004) means the code was not all checked, so the gate cannot pass (`check /nonexistent`
    /// used to print "0 findings. Gate: passed" and exit 3).
    public mutating func requireReadablePaths(unreadable: Int) {
        let failure = unreadable == 0 ? nil : "\(unreadable) path\(unreadable == 1 ? "" : "s") could not be read (DH004 above)"
        conditions.append(GateCondition(requirement: "every path read", failure: failure))
        if failure != nil { passed = false }
    }
}

/// One condition of the gate.
public struct GateCondition: Sendable, Hashable, Codable {
    /// What must hold (`overall score ≥ 70`).
    public var requirement: String
    /// Why it does not hold (`overall score 61.2 is below 70`), nil when it holds.
    public var failure: String?

    /// Whether it holds.
    public var passed: Bool { failure == nil }
}

/// Everything `docharness check` found.
public struct CheckResult: Sendable, Hashable, Codable {
    /// Version of this JSON shape (see docs/check-report.md).
    public var schemaVersion: Int = 1
    /// The style the project was checked against.
    public var projectStyle: DocstringStyle
    /// How symbols were selected (`all`, `changed since REF`).
    public var selection: String
    /// One entry per file, in the order given.
    public var files: [FileResult]
    /// One entry per folder holding checked files, sorted by path.
    public var packages: [PackageResult]
    /// The whole run.
    public var project: Aggregate
    /// Findings not in the baseline (all findings when there is no baseline).
    public var newFindings: Int
    /// The score under which a symbol falls under the gate (`fail-under-symbol`), nil when off.
    public var symbolThreshold: Double?
    /// The gate.
    public var gate: GateVerdict

    /// Every finding, file by file.
    public var findings: [Finding] { files.flatMap(\.findings) }
}

/// Scores of one folder.
public struct PackageResult: Sendable, Hashable, Codable {
    /// The folder.
    public var path: String
    /// Its scores.
    public var aggregate: Aggregate
}
