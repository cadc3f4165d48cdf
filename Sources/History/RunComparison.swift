import Scoring

/// Two recorded runs side by side: per-symbol score changes per dimension, findings new and
/// fixed, estimator drift, generated docstrings that changed, and whether the head run regressed
/// past the thresholds (what `compare` exits 1 on).
public struct RunComparison: Sendable, Codable {
    /// When `compare` fails.
    public struct Thresholds: Sendable, Codable, Hashable {
        /// A symbol regresses when its overall score or any dimension drops by more than this many
        /// points; nil: score drops never fail.
        public var regressionPoints: Double?
        /// Whether any finding the base run did not have fails.
        public var failOnNewFindings: Bool

        /// Creates thresholds.
        public init(regressionPoints: Double? = 2.0, failOnNewFindings: Bool = false) {
            self.regressionPoints = regressionPoints
            self.failOnNewFindings = failOnNewFindings
        }
    }

    /// The earlier run (without its symbols).
    public var base: RunRecord
    /// The later run (without its symbols).
    public var head: RunRecord
    /// The thresholds applied.
    public var thresholds: Thresholds
    /// Head minus base, run-wide.
    public var summary: SummaryChange
    /// Symbols in both runs whose scores, findings or generated docstring changed, worst first.
    public var changed: [SymbolChange]
    /// Symbols only the head run has (`path::qualname`).
    public var added: [String]
    /// Symbols only the base run has.
    public var removed: [String]
    /// Findings the head run has and the base run does not (by fingerprint).
    public var newFindings: [FindingRecord]
    /// Findings the base run had and the head run does not.
    public var fixedFindings: [FindingRecord]
    /// Estimators measured in both runs, with the change of their error.
    public var estimatorDrift: [EstimatorDrift]
    /// Symbols that regressed past `thresholds.regressionPoints`.
    public var regressions: Int { changed.filter(\.regressed).count }
    /// The changed symbols whose generated docstring is new, gone or different (eval runs).
    public var rewrittenDocstrings: [SymbolChange] { changed.filter { $0.baseDocstring != nil || $0.headDocstring != nil } }
    /// Why the comparison fails, one line per reason; empty when it passes.
    public var failures: [String]
    /// Whether the head run is within the thresholds.
    public var passed: Bool { failures.isEmpty }

    /// Compares `head` against `base` (both whole runs, with symbols).
    public init(base: RunRecord, head: RunRecord, thresholds: Thresholds = Thresholds()) {
        self.base = base.header
        self.head = head.header
        self.thresholds = thresholds
        summary = SummaryChange(base: base.summary, head: head.summary)
        // `symbols` and `findings` flatten the runs' files on every call: once each here.
        let baseList = base.symbols, headList = head.symbols
        let baseFindings = base.findings, headFindings = head.findings
        var baseSymbols: [String: SymbolRecord] = [:]
        for symbol in baseList where baseSymbols[symbol.identifier] == nil { baseSymbols[symbol.identifier] = symbol }
        var seen: Set<String> = []
        var changed: [SymbolChange] = []
        var added: [String] = []
        for symbol in headList where seen.insert(symbol.identifier).inserted {
            guard let earlier = baseSymbols[symbol.identifier] else {
                added.append(symbol.identifier)
                continue
            }
            let change = SymbolChange(base: earlier, head: symbol, regressionPoints: thresholds.regressionPoints)
            if change.isChange { changed.append(change) }
        }
        self.changed = changed.sorted { ($0.worstDrop, $0.identifier) > ($1.worstDrop, $1.identifier) }
        self.added = added
        removed = baseList.map(\.identifier).filter { !seen.contains($0) }.reduce(into: [String]()) { list, name in
            if list.last != name { list.append(name) }
        }
        let baseFingerprints = Set(baseFindings.map(\.fingerprint))
        let headFingerprints = Set(headFindings.map(\.fingerprint))
        newFindings = headFindings.filter { !baseFingerprints.contains($0.fingerprint) }
        fixedFindings = baseFindings.filter { !headFingerprints.contains($0.fingerprint) }
        let baseEstimators = Dictionary(base.estimators.map { ($0.identifier, $0) }, uniquingKeysWith: { first, _ in first })
        estimatorDrift = head.estimators.compactMap { row in baseEstimators[row.identifier].map { EstimatorDrift(base: $0, head: row) } }

        var failures: [String] = []
        let regressed = self.changed.filter(\.regressed)
        if let points = thresholds.regressionPoints, let worst = regressed.first {
            failures.append("\(regressed.count) symbol(s) regressed by more than \(ComparisonReports.score(points)) points"
                            + "; worst \(worst.identifier): \(worst.worstDescription)")
        }
        if thresholds.failOnNewFindings, !newFindings.isEmpty {
            let codes = Dictionary(grouping: newFindings, by: \.code).map { ($0.key, $0.value.count) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            failures.append("\(newFindings.count) new finding(s): " + codes.prefix(5).map { "\($0.0) ×\($0.1)" }.joined(separator: ", "))
        }
        self.failures = failures
    }

}

/// Head minus base of the run-wide figures.
public struct SummaryChange: Sendable, Codable, Hashable {
    /// The base run's figures.
    public var base: RunSummary
    /// The head run's figures.
    public var head: RunSummary
    /// Change of each dimension's mean.
    public var scores: DimensionScores
    /// Change of the mean overall score.
    public var overall: Double
    /// Change of coverage, in points.
    public var coverage: Double
    /// Change of the number of findings.
    public var findings: Int

    init(base: RunSummary, head: RunSummary) {
        self.base = base
        self.head = head
        var scores = DimensionScores(all: 0)
        for dimension in Dimension.allCases { scores[dimension] = head.scores[dimension] - base.scores[dimension] }
        self.scores = scores
        overall = head.overall - base.overall
        coverage = head.coverage - base.coverage
        findings = head.findings - base.findings
    }
}

/// One symbol in both runs.
public struct SymbolChange: Sendable, Codable, Hashable {
    /// `path::qualname`.
    public var identifier: String
    /// The file.
    public var path: String
    /// The qualified name.
    public var qualname: String
    /// The line in the head run.
    public var line: Int
    /// Scores in the base run (a symbol without a docstring scores 0).
    public var baseScores: DimensionScores
    /// Scores in the head run.
    public var headScores: DimensionScores
    /// Overall in the base run.
    public var baseOverall: Double
    /// Overall in the head run.
    public var headOverall: Double
    /// Rule codes of findings the head run has here and the base run did not.
    public var newCodes: [String]
    /// Rule codes of findings the base run had here and the head run does not.
    public var fixedCodes: [String]
    /// The generated docstring in each run, when they differ (`eval`).
    public var baseDocstring: String?
    /// The head run's generated docstring, when it differs from the base run's.
    public var headDocstring: String?
    /// Whether it dropped by more than the regression threshold.
    public var regressed: Bool

    init(base: SymbolRecord, head: SymbolRecord, regressionPoints: Double?) {
        identifier = head.identifier
        path = head.path
        qualname = head.qualname
        line = head.line
        baseScores = base.scores ?? DimensionScores(all: 0)
        headScores = head.scores ?? DimensionScores(all: 0)
        baseOverall = base.overall ?? 0
        headOverall = head.overall ?? 0
        let baseKeys = Set(base.findings.map(\.fingerprint)), headKeys = Set(head.findings.map(\.fingerprint))
        newCodes = head.findings.filter { !baseKeys.contains($0.fingerprint) }.map(\.code)
        fixedCodes = base.findings.filter { !headKeys.contains($0.fingerprint) }.map(\.code)
        if base.docstring != head.docstring {
            baseDocstring = base.docstring
            headDocstring = head.docstring
        }
        regressed = false
        if let regressionPoints { regressed = worstDrop > regressionPoints }
    }

    /// The change of one dimension (head minus base).
    public func delta(_ dimension: Dimension) -> Double { headScores[dimension] - baseScores[dimension] }
    /// The change of the overall score.
    public var overallDelta: Double { headOverall - baseOverall }

    /// The largest drop, over the overall score and each dimension (0 when nothing dropped).
    public var worstDrop: Double {
        max(0, -([overallDelta] + Dimension.allCases.map(delta)).min()!)
    }

    /// The dimension (or overall) that dropped most, and by how much.
    public var worstDescription: String {
        let drops = [("overall", overallDelta)] + Dimension.allCases.map { ($0.rawValue, delta($0)) }
        let worst = drops.min { $0.1 < $1.1 }!
        return "\(worst.0) \(String(format: "%+.1f", worst.1))"
    }

    /// Whether the overall score or any dimension dropped.
    public var isWorse: Bool { worstDrop > 0 }
    /// Whether the overall score rose and no dimension dropped.
    public var isBetter: Bool { !isWorse && (overallDelta > 0 || Dimension.allCases.contains { delta($0) > 0 }) }

    /// Whether anything differs.
    var isChange: Bool {
        overallDelta != 0 || Dimension.allCases.contains { delta($0) != 0 } || !newCodes.isEmpty || !fixedCodes.isEmpty || headDocstring != nil || baseDocstring != nil
    }
}

/// One estimator in both runs.
public struct EstimatorDrift: Sendable, Codable, Hashable {
    /// `source/estimator`.
    public var identifier: String
    /// The base run's row.
    public var base: EstimatorRecord
    /// The head run's row.
    public var head: EstimatorRecord
    /// Change of the mean absolute percentage error, in points.
    public var meanAbsolutePercentError: Double { head.meanAbsolutePercentError - base.meanAbsolutePercentError }
    /// Change of the signed bias, in points.
    public var signedBiasPercent: Double { head.signedBiasPercent - base.signedBiasPercent }

    init(base: EstimatorRecord, head: EstimatorRecord) {
        identifier = head.identifier
        self.base = base
        self.head = head
    }
}
