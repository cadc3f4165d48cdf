import Foundation
import History
import Scoring

extension RunRecord {
    /// The record of an `eval` run: each target with its generated docstring's scores and
    /// findings, the request's sizes, the estimators and the traffic. Comparable runs share the
    /// paths, the model and the safe zone; the prompt template is what they may differ in.
    public init(evaluation result: EvaluationResult, paths: [String], startedAt: Date, revision: GitRevision) {
        let symbols = result.symbols.map { symbol in
            SymbolRecord(
                path: symbol.path, qualname: symbol.qualname, kind: "function", line: symbol.line, documented: symbol.docstring != nil,
                scores: symbol.afterScores, overall: symbol.after, findings: (symbol.afterFindings ?? []).map(FindingRecord.init),
                before: symbol.before, outcome: symbol.outcome.rawValue, docstring: symbol.docstring, promptTokens: symbol.promptTokens,
                estimatedPromptTokens: symbol.estimatedPromptTokens, maxTokens: symbol.maxTokens, originalDocstring: symbol.existingDocstring)
        }
        let safeZone = result.budget.safeZone
        let headrooms = symbols.compactMap { $0.headroom(safeZone: safeZone) }
        let generated = result.generated
        let estimators = result.estimatorsOnRun.rows.map { EstimatorRecord(source: "run", $0) } + result.estimatorsOnCassettes.rows.map { EstimatorRecord(source: "cassettes", $0) }
        let traffic = result.traffic
        self.init(
            startedAt: startedAt, command: "eval", paths: paths, gitCommit: revision.commit, gitBranch: revision.branch,
            configurationHash: ConfigurationFingerprint.of(command: "eval", paths: paths, configuration: ScoringConfiguration(),
                                                           extra: ["model=\(result.model)", "safe-zone=\(safeZone)"]),
            templateVersion: result.templateVersion, model: result.model, tokenizer: result.estimator, passed: result.passed,
            summary: RunSummary(
                symbols: symbols.count, documented: symbols.filter(\.documented).count,
                coverage: symbols.isEmpty ? 100 : Double(symbols.filter(\.documented).count) * 100 / Double(symbols.count),
                scores: DimensionScores(completeness: generated.completeness, clarity: generated.clarity, style: generated.style, complexity: generated.complexity),
                overall: generated.overall, findings: symbols.reduce(0) { $0 + $1.findings.count }, safeZone: safeZone, minimumHeadroom: headrooms.min()),
            files: FileRecord.grouping(symbols), estimators: estimators,
            traffic: TrafficRecord(requests: traffic.requests, retries: traffic.retries, rateLimited: traffic.rateLimited, p50: traffic.p50,
                                   p95: traffic.p95, wallSeconds: traffic.wallSeconds))
    }
}

extension EstimatorRecord {
    /// The record of an estimator row measured on `source`.
    init(source: String, _ row: EstimatorRow) {
        self.init(source: source, estimator: row.estimator, count: row.count, exact: row.exact, meanAbsolutePercentError: row.meanAbsolutePercentError,
                  signedBiasPercent: row.signedBiasPercent, p95AbsolutePercentError: row.p95AbsolutePercentError, safeZoneCrossings: row.safeZoneCrossings)
    }
}
