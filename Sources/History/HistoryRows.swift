import Foundation
import Scoring

/// A column value as both stores bind and read it.
enum HistoryValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    init(_ value: Bool) { self = .integer(value ? 1 : 0) }

    var int: Int? {
        switch self {
        case .integer(let value): Int(value)
        case .real(let value): Int(value)
        default: nil
        }
    }

    var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    var string: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}

/// Records as table rows and back, in the column order of `HistorySchema`: the one place both
/// stores learn what a column holds.
enum HistoryRows {
    /// The `run` row (without `id`).
    static func run(_ run: RunRecord) -> [HistoryValue] {
        let summary = run.summary, traffic = run.traffic
        let paths = String(decoding: (try? JSONEncoder().encode(run.paths)) ?? Data("[]".utf8), as: UTF8.self)
        return [
            .real(run.startedAt.timeIntervalSince1970), .text(run.command), .text(paths), HistoryValue(run.gitCommit), HistoryValue(run.gitBranch),
            .text(run.configurationHash), HistoryValue(run.templateVersion), HistoryValue(run.model), HistoryValue(run.tokenizer),
            HistoryValue(run.passed), HistoryValue(summary.symbols), HistoryValue(summary.documented), .real(summary.coverage),
            .real(summary.scores.completeness), .real(summary.scores.clarity), .real(summary.scores.style), .real(summary.scores.complexity),
            .real(summary.overall), HistoryValue(summary.findings), HistoryValue(summary.safeZone), HistoryValue(summary.minimumHeadroom),
            HistoryValue(traffic?.requests), HistoryValue(traffic?.retries), HistoryValue(traffic?.rateLimited), HistoryValue(traffic?.p50),
            HistoryValue(traffic?.p95), HistoryValue(traffic?.wallSeconds),
        ]
    }

    /// A run header from its `id` and `run` row.
    static func run(id: Int64, _ row: [HistoryValue]) throws -> RunRecord {
        guard row.count == HistorySchema.runColumns.count else { throw HistoryError("run \(id): \(row.count) columns, expected \(HistorySchema.runColumns.count)") }
        let paths = (row[2].string.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }) ?? []
        let scores = DimensionScores(completeness: row[13].double ?? 0, clarity: row[14].double ?? 0, style: row[15].double ?? 0, complexity: row[16].double ?? 0)
        var traffic: TrafficRecord?
        if let requests = row[21].int {
            traffic = TrafficRecord(requests: requests, retries: row[22].int ?? 0, rateLimited: row[23].int ?? 0, p50: row[24].double ?? 0,
                                    p95: row[25].double ?? 0, wallSeconds: row[26].double ?? 0)
        }
        return RunRecord(
            id: id, startedAt: Date(timeIntervalSince1970: row[0].double ?? 0), command: row[1].string ?? "", paths: paths, gitCommit: row[3].string,
            gitBranch: row[4].string, configurationHash: row[5].string ?? "", templateVersion: row[6].string, model: row[7].string,
            tokenizer: row[8].string, passed: row[9].int == 1,
            summary: RunSummary(symbols: row[10].int ?? 0, documented: row[11].int ?? 0, coverage: row[12].double ?? 0, scores: scores,
                                overall: row[17].double ?? 0, findings: row[18].int ?? 0, safeZone: row[19].int, minimumHeadroom: row[20].int),
            files: [], traffic: traffic)
    }

    /// A `symbol` row (after `file_state_id` and `ordinal`).
    static func symbol(_ symbol: SymbolRecord) -> [HistoryValue] {
        [
            .text(symbol.qualname), .text(symbol.kind), HistoryValue(symbol.line), HistoryValue(symbol.documented),
            HistoryValue(symbol.scores?.completeness), HistoryValue(symbol.scores?.clarity), HistoryValue(symbol.scores?.style),
            HistoryValue(symbol.scores?.complexity), HistoryValue(symbol.overall), HistoryValue(symbol.before), HistoryValue(symbol.outcome),
            HistoryValue(symbol.docstring), HistoryValue(symbol.promptTokens), HistoryValue(symbol.estimatedPromptTokens), HistoryValue(symbol.maxTokens),
            HistoryValue(symbol.originalDocstring),
        ]
    }

    /// A symbol of the file `path` from its `symbol` row (after `file_state_id` and `ordinal`),
    /// without findings.
    static func symbol(path: String, _ row: [HistoryValue]) -> SymbolRecord {
        var scores: DimensionScores?
        if let completeness = row[4].double, let clarity = row[5].double, let style = row[6].double, let complexity = row[7].double {
            scores = DimensionScores(completeness: completeness, clarity: clarity, style: style, complexity: complexity)
        }
        return SymbolRecord(
            path: path, qualname: row[0].string ?? "", kind: row[1].string ?? "", line: row[2].int ?? 0, documented: row[3].int == 1,
            scores: scores, overall: row[8].double, findings: [], before: row[9].double, outcome: row[10].string, docstring: row[11].string,
            promptTokens: row[12].int, estimatedPromptTokens: row[13].int, maxTokens: row[14].int, originalDocstring: row[15].string)
    }

    /// A `finding` row (after `file_state_id` and `ordinal`); a symbol's finding leaves the name
    /// to the symbol's row.
    static func finding(_ finding: FindingRecord, symbolOrdinal: Int?) -> [HistoryValue] {
        [
            HistoryValue(symbolOrdinal), symbolOrdinal == nil ? .text(finding.symbol) : .null,
            .text(finding.code), .text(finding.dimension.rawValue), .text(finding.subject), .text(finding.message), HistoryValue(finding.line),
            .real(finding.penalty), .text(finding.fingerprint),
        ]
    }

    /// A finding of the file `path` from its row, its symbol (when it has one) giving the name;
    /// returns the symbol's ordinal beside it.
    static func finding(path: String, _ row: [HistoryValue], symbols: [SymbolRecord]) -> (symbolOrdinal: Int?, finding: FindingRecord) {
        let ordinal = row[0].int.flatMap { symbols.indices.contains($0) ? $0 : nil }
        let owner = ordinal.map { symbols[$0] }
        let finding = FindingRecord(
            code: row[2].string ?? "", dimension: Dimension(rawValue: row[3].string ?? "") ?? .completeness,
            path: path, symbol: owner?.qualname ?? row[1].string ?? "", subject: row[4].string ?? "",
            message: row[5].string ?? "", line: row[6].int ?? 0, penalty: row[7].double ?? 0, fingerprint: row[8].string ?? "")
        return (ordinal, finding)
    }

    /// An `estimator` row (after `run_id`).
    static func estimator(_ estimator: EstimatorRecord) -> [HistoryValue] {
        [
            .text(estimator.source), .text(estimator.estimator), HistoryValue(estimator.count), HistoryValue(estimator.exact),
            .real(estimator.meanAbsolutePercentError), .real(estimator.signedBiasPercent), .real(estimator.p95AbsolutePercentError),
            HistoryValue(estimator.safeZoneCrossings),
        ]
    }

    /// An estimator from its row (after `run_id`).
    static func estimator(_ row: [HistoryValue]) -> EstimatorRecord {
        EstimatorRecord(
            source: row[0].string ?? "", estimator: row[1].string ?? "", count: row[2].int ?? 0, exact: row[3].int ?? 0,
            meanAbsolutePercentError: row[4].double ?? 0, signedBiasPercent: row[5].double ?? 0, p95AbsolutePercentError: row[6].double ?? 0,
            safeZoneCrossings: row[7].int ?? 0)
    }

    /// The `SELECT` of the runs `filter` matches, newest first, and its bound values;
    /// `placeholder(n)` spells the n-th parameter (`?` for SQLite, `$n` for PostgreSQL).
    static func runsQuery(_ filter: RunFilter, placeholder: (Int) -> String) -> (sql: String, values: [HistoryValue]) {
        var conditions: [String] = []
        var values: [HistoryValue] = []
        func add(_ column: String, _ comparison: String, _ value: HistoryValue) {
            values.append(value)
            conditions.append("\(column) \(comparison) \(placeholder(values.count))")
        }
        if let command = filter.command { add("command", "=", .text(command)) }
        if let branch = filter.branch { add("git_branch", "=", .text(branch)) }
        if let hash = filter.configurationHash { add("configuration_hash", "=", .text(hash)) }
        if let before = filter.before { add("id", "<", .integer(before)) }
        var sql = "SELECT id, \(HistorySchema.runColumns.joined(separator: ", ")) FROM run"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id DESC"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        return (sql, values)
    }
}
