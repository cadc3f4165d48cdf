import Files
import Scoring

/// The human-readable `check` output: ruff-style finding lines, then a summary table.
public enum CheckTextReport {
    /// `path:line:col: CODE message` lines (new findings only when a baseline is used), file by
    /// file, sorted by position within a file, grouped as `FindingGroups` says: fewer lines than
    /// findings, every finding named.
    public static func findingLines(_ result: CheckResult, onlyNew: Bool) -> [String] {
        var lines: [String] = []
        write(result, onlyNew: onlyNew) { chunk in
            lines += chunk.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        }
        return lines
    }

    /// Writes the finding lines as UTF-8, newline-terminated, calling `emit` with each file's lines (the fast
    /// path for large outputs: no intermediate strings).
    ///
    /// With `sourceLine` (the full format, `--show-source`), each finding is followed by the line
    /// it points at and a caret under its column, as ruff's full format shows them, and only
    /// findings of one rule at one place are grouped.
    /// Returns how many finding lines it wrote.
    @discardableResult
    public static func write(_ result: CheckResult, onlyNew: Bool, sourceLine: ((String, Int) -> String?)? = nil, _ emit: ([UInt8]) -> Void) -> Int {
        if let sourceLine {
            // With source lines (read from disk, file by file): one file after another.
            var written = 0
            for file in result.files {
                let chunk = lines(of: file, onlyNew: onlyNew, sourceLine: sourceLine)
                if chunk.count > 0 { emit(chunk.bytes) }
                written += chunk.count
            }
            return written
        }
        // Each file's lines built on every core, then written in order: over the standard
        // library this was a twentieth of `check`, all on one core after the scoring.
        let chunks = ParallelMap.map(count: result.files.count) { index in lines(of: result.files[index], onlyNew: onlyNew, sourceLine: nil) }
        var written = 0
        for chunk in chunks where chunk.count > 0 {
            emit(chunk.bytes)
            written += chunk.count
        }
        return written
    }

    /// One file's finding lines, and how many.
    private static func lines(of file: FileResult, onlyNew: Bool, sourceLine: ((String, Int) -> String?)?) -> (bytes: [UInt8], count: Int) {
        var findings = file.findings
        if onlyNew { findings.removeAll { !$0.isNew } }
        guard !findings.isEmpty else { return ([], 0) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(findings.count * 100)
        var count = 0
        let path = Array(file.path.utf8)
        for finding in FindingGroups.lines(findings, merge: sourceLine == nil) {
            bytes.append(contentsOf: path)
            bytes.append(0x3A)
            appendNumber(finding.line, to: &bytes)
            bytes.append(0x3A)
            appendNumber(finding.column, to: &bytes)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: finding.code.utf8)
            bytes.append(0x20)
            bytes.append(contentsOf: finding.message.utf8)
            bytes.append(0x0A)
            if let sourceLine, let text = sourceLine(file.path, finding.line) {
                bytes.append(contentsOf: excerpt(text, line: finding.line, column: finding.column).utf8)
            }
            count += 1
        }
        return (bytes, count)
    }

    /// The source line under a finding with a caret at its column:
    ///
    ///        |
    ///      4 |     """Compute the area.
    ///        |     ^
    static func excerpt(_ text: String, line: Int, column: Int) -> String {
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count + 1) + "|"
        // The caret lines up under the text: tabs before the column stay tabs.
        let lead = text.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(gutter)\n\(number) | \(text)\n\(gutter) \(lead)^\n\n"
    }

    /// `--statistics`: the findings counted by code, most first (then by code), as
    /// `count  CODE  name` lines aligned in columns, as ruff prints them.
    public static func statistics(_ result: CheckResult, onlyNew: Bool) -> [String] {
        var counts: [String: Int] = [:]
        for finding in result.findings where !onlyNew || finding.isNew { counts[finding.code, default: 0] += 1 }
        let sorted = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let width = sorted.map { String($0.value).count }.max() ?? 1
        return sorted.map { code, count in
            String(repeating: " ", count: width - String(count).count) + "\(count)  \(code)  \(RuleCatalog.name(code: code))"
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
    ///
    /// `shownLines`: how many lines the findings were printed on; when fewer than the findings,
    /// the count says so and where each is listed.
    public static func summary(_ result: CheckResult, shownLines: Int? = nil, worstFiles: Int = 5) -> String {
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
        // Ranked: files with a scored function or class, the lowest overall score first (then
        // the most findings). A file of no functions or classes (`__init__.py`,
        // `__version__.py`) scores 0 for its module docstring alone; it is counted apart.
        let checked = result.files.filter { $0.diagnostics.isEmpty && $0.aggregate.symbols > 0 }
        let rankable = checked.filter { file in file.symbols.contains { $0.kind != .module && $0.scores != nil } }
        let worst = rankable
            .sorted { ($0.aggregate.overall, -$0.aggregate.findings, $0.path) < ($1.aggregate.overall, -$1.aggregate.findings, $1.path) }
            .prefix(worstFiles)
        let moduleOnly = checked.count - rankable.count
        if result.files.count > 1, !worst.isEmpty {
            lines.append("")
            lines.append("Lowest-scoring files:")
            var fileRows = [["", "Overall", "Coverage", "Findings"]]
            for file in worst {
                fileRows.append([file.path, Scorer.format(file.aggregate.overall), Scorer.format(file.aggregate.coverage) + "%",
                                 String(file.aggregate.findings)])
            }
            lines += table(fileRows).map { "  " + $0 }
            if moduleOnly > 0 {
                lines.append("  (not ranked: \(moduleOnly) file\(moduleOnly == 1 ? "" : "s") with no scored function or class, such as `__init__.py`)")
            }
        }
        let count = result.files.reduce(0) { $0 + $1.aggregate.findings }
        lines.append("")
        var newNote = count == result.newFindings ? "" : " (\(result.newFindings) new)"
        if let shownLines, shownLines < (count == result.newFindings ? count : result.newFindings) {
            newNote += " on \(shownLines) line\(shownLines == 1 ? "" : "s") (--output-format full or json lists each)"
        }
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
