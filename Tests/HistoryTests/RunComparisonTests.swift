import Foundation
import History
import Scoring
import Testing

/// `RunComparison` on hand-made runs: what counts as a regression, new and fixed findings,
/// added and removed symbols, estimator drift.
@Suite("run comparison")
struct RunComparisonTests {
    static func symbol(_ name: String, completeness: Double, clarity: Double = 100, findings: [String] = [], docstring: String? = nil) -> SymbolRecord {
        let scores = DimensionScores(completeness: completeness, clarity: clarity, style: 100, complexity: 100)
        return SymbolRecord(
            path: "m.py", qualname: name, kind: "function", line: 1, documented: true, scores: scores,
            overall: scores.overall(weights: [.completeness: 40, .clarity: 25, .style: 15, .complexity: 20]),
            findings: findings.map { code in
                FindingRecord(code: code, dimension: .completeness, path: "m.py", symbol: name, subject: "x", message: "m", line: 2, penalty: 0.3,
                              fingerprint: Fingerprint.of("m.py", name, code, "x"))
            }, docstring: docstring)
    }

    static func run(_ symbols: [SymbolRecord], estimators: [EstimatorRecord] = []) -> RunRecord {
        RunRecord(startedAt: Date(timeIntervalSince1970: 0), command: "eval", paths: ["m.py"], configurationHash: "c", passed: true,
                  summary: RunSummary(symbols: symbols.count, documented: symbols.count, coverage: 100, scores: DimensionScores(all: 90), overall: 90, findings: 0),
                  files: FileRecord.grouping(symbols), estimators: estimators)
    }

    static func estimator(_ mape: Double) -> EstimatorRecord {
        EstimatorRecord(source: "run", estimator: "chat", count: 10, exact: 9, meanAbsolutePercentError: mape, signedBiasPercent: -mape,
                        p95AbsolutePercentError: mape * 2, safeZoneCrossings: 0)
    }

    @Test("a drop past the threshold in any dimension regresses; a smaller one is listed but passes")
    func thresholds() {
        let base = Self.run([Self.symbol("a", completeness: 100), Self.symbol("b", completeness: 100), Self.symbol("c", completeness: 100, clarity: 100)])
        let head = Self.run([Self.symbol("a", completeness: 99), Self.symbol("b", completeness: 100), Self.symbol("c", completeness: 100, clarity: 90)])
        let comparison = RunComparison(base: base, head: head)
        #expect(comparison.changed.map(\.qualname) == ["c", "a"])
        #expect(comparison.changed.map(\.regressed) == [true, false])
        #expect(comparison.failures == ["1 symbol(s) regressed by more than 2.0 points; worst m.py::c: clarity -10.0"])
        #expect(RunComparison(base: base, head: head, thresholds: .init(regressionPoints: 10)).passed)
        #expect(RunComparison(base: base, head: head, thresholds: .init(regressionPoints: nil)).passed)
    }

    @Test("new and fixed findings by fingerprint, added and removed symbols, changed docstrings, estimator drift")
    func changes() {
        let base = Self.run([Self.symbol("a", completeness: 70, findings: ["DH101"], docstring: "Old."), Self.symbol("gone", completeness: 100)],
                            estimators: [Self.estimator(4)])
        let head = Self.run([Self.symbol("a", completeness: 70, findings: ["DH102"], docstring: "New."), Self.symbol("fresh", completeness: 100)],
                            estimators: [Self.estimator(1)])
        let comparison = RunComparison(base: base, head: head, thresholds: .init(regressionPoints: 2, failOnNewFindings: true))
        #expect(comparison.newFindings.map(\.code) == ["DH102"] && comparison.fixedFindings.map(\.code) == ["DH101"])
        #expect(comparison.added == ["m.py::fresh"] && comparison.removed == ["m.py::gone"])
        #expect(comparison.changed.first?.baseDocstring == "Old." && comparison.changed.first?.headDocstring == "New.")
        #expect(comparison.estimatorDrift.first?.meanAbsolutePercentError == -3)
        #expect(comparison.failures == ["1 new finding(s): DH102 ×1"])
        let markdown = ComparisonReports.markdown(comparison)
        #expect(markdown.contains("```diff\n--- base/m.py::a\n+++ head/m.py::a\n@@ -1,1 +1,1 @@\n-Old.\n+New.\n```"))
        #expect(markdown.contains("| `run/chat` | 4.0% | 1.0% | +3.0 |"))
    }
}
