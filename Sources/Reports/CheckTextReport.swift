import Scoring

/// The human-readable `check` output: ruff-style finding lines, then a summary table.
public enum CheckTextReport {
    /// `path:line:col: CODE message`, one per finding (new ones only when a baseline is used).
    public static func findingLines(_ result: CheckResult, onlyNew: Bool) -> [String] {
        result.files.flatMap { file in
            file.findings.filter { !onlyNew || $0.isNew }.sorted { ($0.line, $0.column, $0.code) < ($1.line, $1.column, $1.code) }
        }.map { "\($0.path):\($0.line):\($0.column): \($0.code) \($0.message)" }
    }

    /// The summary: scores per dimension, coverage, the worst files, and the verdict.
    public static func summary(_ result: CheckResult, worstFiles: Int = 5) -> String {
        var lines: [String] = []
        let project = result.project
        let checkedFiles = result.files.filter { $0.diagnostics.isEmpty }.count
        lines.append("")
        lines.append("Checked \(project.symbols) symbol\(project.symbols == 1 ? "" : "s") in \(checkedFiles) file\(checkedFiles == 1 ? "" : "s") (\(result.selection); \(result.projectStyle.rawValue) style)")
        let header = ["", "Completeness", "Clarity", "Style", "Complexity", "Overall", "Coverage"]
        var rows = [header]
        rows.append(["project"] + Dimension.allCases.map { Scorer.format(project.scores[$0]) }
                    + [Scorer.format(project.overall), Scorer.format(project.coverage) + "%"])
        lines += table(rows)
        let worst = result.files.filter { $0.diagnostics.isEmpty && $0.aggregate.symbols > 0 }
            .sorted { ($0.aggregate.overall, $0.path) < ($1.aggregate.overall, $1.path) }
            .prefix(worstFiles)
        if result.files.count > 1, !worst.isEmpty {
            lines.append("")
            lines.append("Lowest-scoring files:")
            var fileRows = [["", "Overall", "Coverage", "Findings"]]
            for file in worst {
                fileRows.append([file.path, Scorer.format(file.aggregate.overall), Scorer.format(file.aggregate.coverage) + "%",
                                 String(file.aggregate.findings)])
            }
            lines += table(fileRows).map { "  " + $0 }
        }
        let findings = result.findings
        lines.append("")
        let newNote = findings.count == result.newFindings ? "" : " (\(result.newFindings) new)"
        lines.append("\(findings.count) finding\(findings.count == 1 ? "" : "s")\(newNote). Gate: " +
                     (result.gate.passed ? "passed (\(result.gate.conditions.joined(separator: ", ")))"
                                         : "FAILED: " + result.gate.failures.joined(separator: "; ")))
        return lines.joined(separator: "\n")
    }

    /// Left-aligned first column, right-aligned numbers.
    static func table(_ rows: [[String]]) -> [String] {
        let widths = (0 ..< rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
    }
}
