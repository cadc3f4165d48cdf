import Files
import Foundation
import Reports
import Scoring

/// The reports of `compare`: text for the terminal, Markdown for a pull-request comment, JSON, and
/// JUnit (through `JUnitWriter`): a case per changed symbol, failing when it regressed past the
/// threshold, and a case for new findings.
public enum ComparisonReports {
    /// How many changed symbols, new findings and changed docstrings the text and Markdown show.
    public static let shownLimit = 50

    /// The terminal report.
    public static func text(_ comparison: RunComparison) -> String {
        var lines: [String] = []
        lines.append("compare: run \(describe(comparison.base)) → run \(describe(comparison.head))")
        let summary = comparison.summary
        lines.append("  overall \(score(summary.base.overall)) → \(score(summary.head.overall)) (\(signed(summary.overall)))  "
                     + Dimension.allCases.map { "\($0.rawValue) \(signed(summary.scores[$0]))" }.joined(separator: "  ")
                     + "  coverage \(signed(summary.coverage))  findings \(summary.findings >= 0 ? "+" : "")\(summary.findings)")
        let regressed = comparison.changed.filter(\.isWorse)
        let improved = comparison.changed.filter(\.isBetter)
        lines.append("  \(regressed.count) symbol(s) worse, \(improved.count) better, \(comparison.added.count) added, \(comparison.removed.count) removed; "
                     + "\(comparison.newFindings.count) new finding(s), \(comparison.fixedFindings.count) fixed")
        if !regressed.isEmpty {
            lines.append("")
            lines.append("worse:")
            for change in regressed.prefix(shownLimit) { lines.append("  " + symbolLine(change)) }
            if regressed.count > shownLimit { lines.append("  … and \(regressed.count - shownLimit) more") }
        }
        if !improved.isEmpty {
            lines.append("")
            lines.append("better:")
            for change in improved.sorted(by: { $0.overallDelta > $1.overallDelta }).prefix(shownLimit) { lines.append("  " + symbolLine(change)) }
            if improved.count > shownLimit { lines.append("  … and \(improved.count - shownLimit) more") }
        }
        if !comparison.newFindings.isEmpty {
            lines.append("")
            lines.append("new findings:")
            for finding in comparison.newFindings.prefix(shownLimit) {
                lines.append("  \(finding.path):\(finding.line): \(finding.code) \(finding.message)")
            }
            if comparison.newFindings.count > shownLimit { lines.append("  … and \(comparison.newFindings.count - shownLimit) more") }
        }
        let drifted = comparison.estimatorDrift.filter { $0.meanAbsolutePercentError != 0 || $0.signedBiasPercent != 0 }
        if !drifted.isEmpty {
            lines.append("")
            lines.append("estimator drift:")
            for drift in drifted {
                lines.append("  \(drift.identifier): MAPE \(score(drift.base.meanAbsolutePercentError))% → \(score(drift.head.meanAbsolutePercentError))%, "
                             + "bias \(signed(drift.signedBiasPercent)) points")
            }
        }
        let rewritten = comparison.rewrittenDocstrings
        if !rewritten.isEmpty {
            lines.append("")
            lines.append("\(rewritten.count) generated docstring(s) changed; `--format markdown` shows the diffs")
        }
        lines.append("")
        if comparison.passed {
            lines.append("compare passed: " + thresholdText(comparison.thresholds))
        } else {
            for failure in comparison.failures { lines.append("compare FAILED: \(failure)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The Markdown report.
    public static func markdown(_ comparison: RunComparison) -> String {
        var lines: [String] = []
        lines.append("# DocHarness compare: \(comparison.passed ? "passed ✅" : "FAILED ❌")")
        lines.append("")
        lines.append("Base: run \(describe(comparison.base)). Head: run \(describe(comparison.head)). \(thresholdText(comparison.thresholds)).")
        lines.append("")
        for failure in comparison.failures { lines.append("- \(failure)") }
        if !comparison.failures.isEmpty { lines.append("") }
        let summary = comparison.summary
        lines.append("| | base | head | change |")
        lines.append("|---|---:|---:|---:|")
        lines.append("| overall | \(score(summary.base.overall)) | \(score(summary.head.overall)) | \(signed(summary.overall)) |")
        for dimension in Dimension.allCases {
            lines.append("| \(dimension.rawValue) | \(score(summary.base.scores[dimension])) | \(score(summary.head.scores[dimension])) | \(signed(summary.scores[dimension])) |")
        }
        lines.append("| coverage | \(score(summary.base.coverage))% | \(score(summary.head.coverage))% | \(signed(summary.coverage)) |")
        lines.append("| findings | \(summary.base.findings) | \(summary.head.findings) | \(summary.findings >= 0 ? "+" : "")\(summary.findings) |")
        lines.append("")
        if !comparison.changed.isEmpty {
            lines.append("## Symbols that changed (\(comparison.changed.count), worst first)")
            lines.append("")
            lines.append("| symbol | overall | " + Dimension.allCases.map(\.rawValue).joined(separator: " | ") + " | new | fixed |")
            lines.append("|---|---:|" + Dimension.allCases.map { _ in "---:|" }.joined() + "---|---|")
            for change in comparison.changed.prefix(shownLimit) {
                lines.append("| \(change.regressed ? "❌ " : "")`\(change.identifier)` | \(score(change.baseOverall)) → \(score(change.headOverall)) | "
                             + Dimension.allCases.map { signed(change.delta($0)) }.joined(separator: " | ")
                             + " | \(change.newCodes.joined(separator: " ")) | \(change.fixedCodes.joined(separator: " ")) |")
            }
            if comparison.changed.count > shownLimit { lines.append(""); lines.append("… and \(comparison.changed.count - shownLimit) more.") }
            lines.append("")
        }
        if !comparison.added.isEmpty || !comparison.removed.isEmpty {
            lines.append("Added: \(comparison.added.count) symbol(s). Removed: \(comparison.removed.count).")
            lines.append("")
        }
        if !comparison.newFindings.isEmpty {
            lines.append("## New findings (\(comparison.newFindings.count))")
            lines.append("")
            for finding in comparison.newFindings.prefix(shownLimit) {
                lines.append("- `\(finding.path):\(finding.line)` \(finding.code) \(finding.message)")
            }
            lines.append("")
        }
        if !comparison.estimatorDrift.isEmpty {
            lines.append("## Estimators")
            lines.append("")
            lines.append("| estimator | MAPE base | MAPE head | bias change |")
            lines.append("|---|---:|---:|---:|")
            for drift in comparison.estimatorDrift {
                lines.append("| `\(drift.identifier)` | \(score(drift.base.meanAbsolutePercentError))% | \(score(drift.head.meanAbsolutePercentError))% | \(signed(drift.signedBiasPercent)) |")
            }
            lines.append("")
        }
        let rewritten = comparison.rewrittenDocstrings
        if !rewritten.isEmpty {
            lines.append("## Generated docstrings that changed (\(rewritten.count))")
            lines.append("")
            for change in rewritten.prefix(shownLimit) {
                let diff = docstringDiff(old: change.baseDocstring, new: change.headDocstring,
                                         oldName: "base/\(change.identifier)", newName: "head/\(change.identifier)")
                lines.append("```diff")
                lines.append(diff.hasSuffix("\n") ? String(diff.dropLast()) : diff)
                lines.append("```")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// The JSON report (keys sorted).
    public static func json(_ comparison: RunComparison) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? Array(encoder.encode(comparison))) ?? []
    }

    /// The JUnit model.
    public static func testReport(_ comparison: RunComparison) -> TestReport {
        let symbols = comparison.changed.map { change -> TestCase in
            let outcome: TestOutcome = change.regressed
                ? .failed(TestFailure(message: "\(change.worstDescription) (threshold \(comparison.thresholds.regressionPoints.map(score) ?? "off"))",
                                      type: "Regression", details: Dimension.allCases.map { "\($0.rawValue) \(signed(change.delta($0)))" }.joined(separator: ", ")))
                : .passed
            return TestCase(classname: "compare." + change.path, name: change.qualname, file: change.path, line: change.line, outcome: outcome, properties: [
                TestProperty(name: "overall.base", value: score(change.baseOverall)),
                TestProperty(name: "overall.head", value: score(change.headOverall)),
            ])
        }
        let findingsOutcome: TestOutcome = comparison.newFindings.isEmpty ? .passed
            : comparison.thresholds.failOnNewFindings
            ? .failed(TestFailure(message: "\(comparison.newFindings.count) new finding(s)", type: "NewFindings",
                                  details: comparison.newFindings.map { "\($0.path):\($0.line): \($0.code) \($0.message)" }.joined(separator: "\n")))
            : .passed
        return TestReport(name: "docharness compare", suites: [
            TestSuite(name: "symbols", properties: [
                TestProperty(name: "base", value: comparison.base.id.map(String.init) ?? ""),
                TestProperty(name: "head", value: comparison.head.id.map(String.init) ?? ""),
            ], cases: symbols),
            TestSuite(name: "findings", cases: [TestCase(classname: "compare", name: "new findings", outcome: findingsOutcome)]),
        ])
    }

    /// Writes the JUnit report to standard output.
    public static func writeJUnitToStandardOutput(_ comparison: RunComparison) {
        let report = testReport(comparison)
        let suites = report.suites
        JUnitWriter.writeToStandardOutput(name: report.name, timestamp: report.timestamp, counts: report.counts, suiteCount: suites.count) { suites[$0] }
    }

    /// Writes the requested report files atomically; returns the errors.
    public static func write(_ comparison: RunComparison, junit: String?, markdown markdownPath: String?, json jsonPath: String?) -> [String] {
        var errors: [String] = []
        if let junit {
            do { try JUnitWriter.write(testReport(comparison), to: junit) } catch { errors.append(error.description) }
        }
        if let markdownPath {
            do { try AtomicFile.write(Array(markdown(comparison).utf8), to: markdownPath) } catch { errors.append(error.description) }
        }
        if let jsonPath {
            do { try AtomicFile.write(json(comparison) + [10], to: jsonPath) } catch { errors.append(error.description) }
        }
        return errors
    }

    /// `12 (check, main @ 1a2b3c4, 2026-12-04 10:00)`.
    public static func describe(_ run: RunRecord) -> String {
        "\(run.id.map(String.init) ?? "?") (\(details(run)))"
    }

    /// The run's command, branch and commit, template and time: `check, main @ 1a2b3c4, 2026-12-04 10:00`.
    public static func details(_ run: RunRecord) -> String {
        var parts = [run.command]
        if let branch = run.gitBranch { parts.append(branch + (run.gitCommit.map { " @ " + String($0.prefix(7)) } ?? "")) }
        if let template = run.templateVersion { parts.append("template \(template)") }
        parts.append(timestamp(run.startedAt))
        return parts.joined(separator: ", ")
    }

    /// `2026-12-04 10:00` in UTC.
    public static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    private static func symbolLine(_ change: SymbolChange) -> String {
        var text = "\(change.regressed ? "✗" : " ") \(change.identifier)  overall \(score(change.baseOverall)) → \(score(change.headOverall))"
        let moved = Dimension.allCases.filter { change.delta($0) != 0 }
        if !moved.isEmpty { text += "  (" + moved.map { "\($0.rawValue) \(signed(change.delta($0)))" }.joined(separator: ", ") + ")" }
        if !change.newCodes.isEmpty { text += "  new: " + change.newCodes.joined(separator: " ") }
        if !change.fixedCodes.isEmpty { text += "  fixed: " + change.fixedCodes.joined(separator: " ") }
        return text
    }

    private static func thresholdText(_ thresholds: RunComparison.Thresholds) -> String {
        var parts: [String] = []
        if let points = thresholds.regressionPoints { parts.append("fails when a symbol drops more than \(score(points)) points") }
        if thresholds.failOnNewFindings { parts.append("fails on any new finding") }
        return parts.isEmpty ? "no failure threshold" : parts.joined(separator: "; ")
    }

    /// The unified diff of two docstrings (a missing one is empty), "" when they are equal: what
    /// the Markdown report and the viewer show.
    public static func docstringDiff(old: String?, new: String?, oldName: String, newName: String) -> String {
        func lines(_ text: String?) -> [String] { text.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? [] }
        return UnifiedDiff(old: lines(old), new: lines(new)).rendered(oldName: oldName, newName: newName)
    }

    /// A score or a number of points as every report shows it: `86.2`.
    public static func score(_ value: Double) -> String { String(format: "%.1f", value) }
    /// A change of score with its sign: `+1.5`, `-21.0`.
    public static func signed(_ value: Double) -> String { String(format: "%+.1f", value) }
}
