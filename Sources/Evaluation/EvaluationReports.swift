import Files
import Foundation
import PythonSyntax
import Reports
import Scoring

/// The reports of an `eval` run: JUnit (through `JUnitWriter`), Markdown and JSON, each written
/// atomically.
public enum EvaluationReports {
    /// The JUnit model: a suite of generated symbols (a failure when generation failed or the
    /// request had no recording), a suite of safe-zone checks (a failure per crossing), and a
    /// suite of estimators (informational; properties carry the figures).
    public static func testReport(_ result: EvaluationResult) -> TestReport {
        let generation = result.symbols.map { symbol -> TestCase in
            let outcome: TestOutcome
            switch symbol.outcome {
            case .generated: outcome = .passed
            case .skipped: outcome = .skipped(symbol.error)
            case .failed: outcome = .failed(TestFailure(message: String((symbol.error ?? "failed").prefix(200)), type: "GenerationFailed", details: symbol.error ?? ""))
            }
            return TestCase(classname: "generate." + symbol.path, name: symbol.qualname, file: symbol.path, line: symbol.line, duration: symbol.latency,
                            outcome: outcome, properties: [
                                TestProperty(name: "score.before", value: format(symbol.before)),
                                TestProperty(name: "score.after", value: symbol.after.map(format) ?? ""),
                                TestProperty(name: "prompt_tokens", value: symbol.promptTokens.map(String.init) ?? ""),
                                TestProperty(name: "max_tokens", value: symbol.maxTokens.map(String.init) ?? ""),
                            ], output: symbol.docstring)
        }
        let safeZone = result.symbols.compactMap { symbol -> TestCase? in
            guard let prompt = symbol.promptTokens, let maxTokens = symbol.maxTokens else { return nil }
            let total = prompt + maxTokens
            let outcome: TestOutcome = !result.budget.crosses(promptTokens: prompt, maxTokens: maxTokens) ? .passed
                : .failed(TestFailure(message: "\(prompt) + \(maxTokens) = \(total) > \(result.budget.safeZone)", type: "SafeZoneCrossed", details: ""))
            return TestCase(classname: "safe-zone", name: "\(symbol.path)::\(symbol.qualname)", file: symbol.path, line: symbol.line, outcome: outcome)
        }
        let estimators = result.estimatorsOnRun.rows.map { row in
            TestCase(classname: "estimators", name: row.estimator, outcome: .passed, properties: [
                TestProperty(name: "mape_percent", value: format(row.meanAbsolutePercentError)),
                TestProperty(name: "bias_percent", value: format(row.signedBiasPercent)),
                TestProperty(name: "safe_zone_crossings", value: String(row.safeZoneCrossings)),
            ])
        }
        return TestReport(name: "docharness eval", suites: [
            TestSuite(name: "generation", duration: result.traffic.wallSeconds, properties: [
                TestProperty(name: "model", value: result.model), TestProperty(name: "template", value: result.templateVersion),
            ], cases: generation),
            TestSuite(name: "safe-zone", cases: safeZone),
            TestSuite(name: "estimators", cases: estimators),
        ])
    }

    /// The Markdown report: the verdict, existing vs generated scores, the estimator tables,
    /// compliance, traffic, and the diffs of unmatched prompts.
    public static func markdown(_ result: EvaluationResult) -> String {
        var lines: [String] = []
        lines.append("# DocHarness eval: \(result.passed ? "passed ✅" : "FAILED ❌")")
        lines.append("")
        for failure in result.failures { lines.append("- \(failure)") }
        if !result.failures.isEmpty { lines.append("") }
        let generatedCount = result.symbols.filter { $0.outcome == .generated }.count
        lines.append("Model `\(result.model)`, template `\(result.templateVersion)`, estimator `\(result.estimator)`, safe zone \(result.budget.safeZone) tokens. \(result.symbols.count) symbols needed a docstring; \(generatedCount) generated.")
        lines.append("")
        lines.append("## Existing vs generated docstrings (the \(result.symbols.count) targeted symbols)")
        lines.append("")
        lines.append("| | Completeness | Clarity | Style | Complexity match | Overall |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for (label, means) in [("Existing", result.existing), ("Generated", result.generated)] {
            lines.append("| \(label) (\(means.count)) | \(format(means.completeness)) | \(format(means.clarity)) | \(format(means.style)) | \(format(means.complexity)) | \(format(means.overall)) |")
        }
        lines.append("")
        if let review = result.generatedReview, review.reviewed > 0 {
            lines.append(review.summary + ". By rule, the rejected docstrings that have its findings:")
            lines.append("")
            lines.append("| rule | rejected docstrings |")
            lines.append("|---|---:|")
            for entry in review.topRules(10) { lines.append("| \(entry.code) \(RuleCatalog.name(code: entry.code)) | \(entry.docstrings) |") }
            lines.append("")
        }
        lines.append("| project | style | overall | coverage | findings |")
        lines.append("|---|---|---:|---:|---:|")
        for project in result.projects {
            lines.append("| `\(project.path)` | \(project.style) | \(format(project.before.overall)) → \(format(project.after.overall)) | \(format(project.before.coverage))% → \(format(project.after.coverage))% | \(project.before.findings) → \(project.after.findings) |")
        }
        lines.append("")
        lines.append("## Safe-zone compliance")
        lines.append("")
        lines.append("\(result.compliance.compliant) of \(result.compliance.requests) requests (\(format(result.compliance.rate * 100))%) kept recorded prompt tokens + `max_tokens` ≤ \(result.budget.safeZone); the largest total was \(result.compliance.largestTotal).")
        for violation in result.compliance.violations.prefix(20) { lines.append("- \(violation)") }
        lines.append("")
        lines.append("## Token estimators")
        for (title, bench) in [("on the requests this run made", result.estimatorsOnRun), ("on the bundled cassettes", result.estimatorsOnCassettes)] {
            lines.append("")
            lines.append("### \(title) (\(bench.measured) requests)")
            lines.append("")
            lines += estimatorTable(bench.rows, buffer: result.budget.buffer)
        }
        lines.append("")
        lines.append("## Traffic")
        lines.append("")
        let traffic = result.traffic
        lines.append("| requests | attempts | retries | repairs | 429s | 5xx | drops/timeouts | p50 | p95 | p99 | wall |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        lines.append("| \(traffic.requests) | \(traffic.attempts) | \(traffic.retries) | \(traffic.repairs) | \(traffic.rateLimited) | \(traffic.serverErrors) | \(traffic.transportErrors) | \(milliseconds(traffic.p50)) | \(milliseconds(traffic.p95)) | \(milliseconds(traffic.p99)) | \(String(format: "%.2f s", traffic.wallSeconds)) |")
        if !result.unmatched.isEmpty {
            lines.append("")
            lines.append("## Prompts with no recording (strict replay)")
            for request in result.unmatched.prefix(10) {
                lines.append("")
                lines.append("<details><summary><code>\(request.target)</code></summary>")
                lines.append("")
                lines.append("```diff")
                lines.append(request.message)
                lines.append("```")
                lines.append("</details>")
            }
            if result.unmatched.count > 10 { lines.append(""); lines.append("…and \(result.unmatched.count - 10) more.") }
        }
        let worst = result.symbols.filter { $0.after != nil }.sorted { ($0.after ?? 0) < ($1.after ?? 0) }.prefix(10)
        if !worst.isEmpty {
            lines.append("")
            lines.append("<details><summary>The 10 lowest-scoring generated docstrings</summary>")
            lines.append("")
            lines.append("| symbol | before | after |")
            lines.append("|---|---:|---:|")
            for symbol in worst { lines.append("| [`\(symbol.qualname)`](\(symbol.path)#L\(symbol.line)) | \(format(symbol.before)) | \(format(symbol.after ?? 0)) |") }
            lines.append("</details>")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown table of estimator rows.
    public static func estimatorTable(_ rows: [EstimatorRow], buffer: Int) -> [String] {
        var lines = ["| estimator | n | exact | MAPE | bias | p50 | p95 | max | under | worst under | crossings (buffer \(buffer)) | wasted budget | µs/req |",
                     "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for row in rows {
            lines.append("| `\(row.estimator)` | \(row.count) | \(row.exact) | \(format(row.meanAbsolutePercentError))% | \(signed(row.signedBiasPercent))% | \(format(row.p50AbsolutePercentError))% | \(format(row.p95AbsolutePercentError))% | \(format(row.maxAbsolutePercentError))% | \(format(row.underEstimateRate * 100))% | \(row.worstUnderEstimate) | \(row.safeZoneCrossings) | \(row.wastedBudgetTokens) | \(String(format: "%.1f", row.microsecondsPerRequest)) |")
        }
        return lines
    }

    /// The JSON report (schema version 1, keys sorted).
    public static func json(_ result: EvaluationResult) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(result))) ?? []
    }

    /// Writes the three reports; returns the errors (empty when all were written).
    public static func write(_ result: EvaluationResult, junit: String?, markdown markdownPath: String?, json jsonPath: String?) -> [String] {
        var errors: [String] = []
        for path in [junit, markdownPath, jsonPath].compactMap({ $0 }) {
            let folder = PathFolder.of(path)
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
        if let junit {
            do { try JUnitWriter.write(testReport(result), to: junit) } catch { errors.append(error.description) }
        }
        if let markdownPath {
            do { try AtomicFile.write(Array(markdown(result).utf8), to: markdownPath) } catch { errors.append(error.description) }
        }
        if let jsonPath {
            do { try AtomicFile.write(json(result) + [10], to: jsonPath) } catch { errors.append(error.description) }
        }
        return errors
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
    static func signed(_ value: Double) -> String { String(format: "%+.1f", value) }
    static func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
}
