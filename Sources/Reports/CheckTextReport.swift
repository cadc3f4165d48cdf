import Scoring

/// The human-readable `check` output: ruff-style finding lines, then a summary table.
public enum CheckTextReport {
    /// `path:line:col: CODE message`, one per finding (new ones only when a baseline is used),
    /// file by file, sorted by position within a file.
    public static func findingLines(_ result: CheckResult, onlyNew: Bool) -> [String] {
        var lines: [String] = []
        write(result, onlyNew: onlyNew) { lines.append(String(decoding: $0.dropLast(), as: UTF8.self)) }
        return lines
    }

    /// Writes the finding lines as UTF-8, newline-terminated, calling `emit` for each (the fast
    /// path for large outputs: no intermediate strings).
    public static func write(_ result: CheckResult, onlyNew: Bool, _ emit: ([UInt8]) -> Void) {
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for file in result.files {
            var findings = file.findings
            if onlyNew { findings.removeAll { !$0.isNew } }
            findings.sort { ($0.line, $0.column, $0.code) < ($1.line, $1.column, $1.code) }
            for finding in findings {
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: finding.path.utf8)
                line.append(0x3A)
                appendNumber(finding.line, to: &line)
                line.append(0x3A)
                appendNumber(finding.column, to: &line)
                line.append(contentsOf: ": ".utf8)
                line.append(contentsOf: finding.code.utf8)
                line.append(0x20)
                line.append(contentsOf: finding.message.utf8)
                line.append(0x0A)
                emit(line)
            }
        }
    }

    static func appendNumber(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 {
            buffer.append(0x2D)
            appendNumber(-value, to: &buffer)
            return
        }
        if value >= 10 { appendNumber(value / 10, to: &buffer) }
        buffer.append(UInt8(0x30 + value % 10))
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
        let count = result.files.reduce(0) { $0 + $1.aggregate.findings }
        lines.append("")
        let newNote = count == result.newFindings ? "" : " (\(result.newFindings) new)"
        lines.append("\(count) finding\(count == 1 ? "" : "s")\(newNote). Gate: " +
                     (result.gate.passed ? "passed (\(result.gate.conditions.map(\.requirement).joined(separator: ", ")))"
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
