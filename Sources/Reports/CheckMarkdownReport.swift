import Scoring

/// `check` results as GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY` and pull-request
/// comments: the verdict first, the scores table, a Mermaid chart of the findings by dimension,
/// the lowest-scoring files, the top findings as links to their lines, and every finding folded in
/// `<details>`. The output never exceeds `limit` bytes (GitHub's step summary takes 1 MiB, a
/// comment 64 KiB): what does not fit is cut, and a note says how much.
public struct CheckMarkdownReport: Sendable {
    /// GitHub's limit for a step summary.
    public static let stepSummaryLimit = 1 << 20
    /// GitHub's limit for a comment.
    public static let commentLimit = 65_536

    /// How links to source lines are made.
    public var links: SourceLinks
    /// The most bytes to write.
    public var limit: Int
    /// How many files and findings the tables show.
    public var tableRows: Int

    /// Creates a writer.
    public init(links: SourceLinks = SourceLinks(), limit: Int = CheckMarkdownReport.stepSummaryLimit, tableRows: Int = 10) {
        self.links = links
        self.limit = limit
        self.tableRows = tableRows
    }

    /// The Markdown for a result.
    public func render(_ result: CheckResult) -> String {
        // Counted and ranked where the findings are, never gathered into one array: a finding is
        // a dozen strings to copy, and the standard library has tens of thousands.
        var counts: [Int] = Array(repeating: 0, count: Dimension.allCases.count)
        var total = 0
        for file in result.files {
            for symbol in file.symbols { for finding in symbol.findings { counts[finding.dimension.index] += 1 } }
            for finding in file.fileFindings { counts[finding.dimension.index] += 1 }
            total += file.findingCount
        }
        var head = ""
        let project = result.project
        let verdict = result.gate.passed ? "✅ Docstring gate passed" : "❌ Docstring gate failed"
        head += "## \(verdict)\n\n"
        if result.gate.passed {
            head += "All conditions hold: \(result.gate.conditions.map(\.requirement).joined(separator: "; ")).\n\n"
        } else {
            for failure in result.gate.failures { head += "- \(Self.escape(failure))\n" }
            head += "\n"
        }
        let files = result.files.filter { $0.diagnostics.isEmpty }.count
        head += "\(project.symbols) symbols in \(files) file\(files == 1 ? "" : "s") · \(result.selection) · \(result.projectStyle.rawValue) style · \(total) findings"
        if result.newFindings != total { head += " (\(result.newFindings) new)" }
        head += "\n\n"
        head += "| | Completeness | Clarity | Style | Complexity match | Overall | Coverage |\n"
        head += "|---|---:|---:|---:|---:|---:|---:|\n"
        head += "| **Project** | " + Dimension.allCases.map { Scorer.format(project.scores[$0]) }.joined(separator: " | ")
            + " | **\(Scorer.format(project.overall))** | \(Scorer.format(project.coverage))% |\n\n"

        if total > 0 {
            head += "```mermaid\npie showData title Findings by dimension\n"
            for dimension in Dimension.allCases where counts[dimension.index] > 0 {
                head += "    \"\(dimension.title)\" : \(counts[dimension.index])\n"
            }
            head += "```\n\n"
        }

        let worst = result.files.filter { $0.diagnostics.isEmpty && $0.aggregate.symbols > 0 }
            .sorted { ($0.aggregate.overall, $0.path) < ($1.aggregate.overall, $1.path) }.prefix(tableRows)
        if result.files.count > 1, !worst.isEmpty {
            head += "### Lowest-scoring files\n\n| File | Overall | Coverage | Findings |\n|---|---:|---:|---:|\n"
            for file in worst {
                head += "| [\(Self.escape(file.path))](\(links.url(path: file.path, line: nil))) | \(Scorer.format(file.aggregate.overall)) | \(Scorer.format(file.aggregate.coverage))% | \(file.aggregate.findings) |\n"
            }
            head += "\n"
        }

        let ranked = Self.ranked(result.files, onlyNew: result.newFindings != total, limit: tableRows)
        if !ranked.isEmpty {
            head += "### Top findings\n\n| Code | Location | Finding |\n|---|---|---|\n"
            for finding in ranked.prefix(tableRows) {
                head += "| `\(finding.code)` | [\(Self.escape(finding.path)):\(finding.line)](\(links.url(path: finding.path, line: finding.line))) | \(Self.escape(finding.message)) |\n"
            }
            head += "\n"
        }

        let unreadable = result.files.filter { !$0.diagnostics.isEmpty }
        if !unreadable.isEmpty {
            head += "### Files that could not be checked\n\n"
            for file in unreadable.prefix(tableRows) {
                let diagnostic = file.diagnostics[0]
                head += "- [\(Self.escape(file.path)):\(max(1, diagnostic.line))](\(links.url(path: file.path, line: max(1, diagnostic.line)))) `\(diagnostic.code.rawValue)` \(Self.escape(diagnostic.message))\n"
            }
            if unreadable.count > tableRows { head += "- … and \(unreadable.count - tableRows) more\n" }
            head += "\n"
        }
        return fit(head: head, result: result, total: total)
    }

    /// Adds the folded list of every finding while it fits under the limit.
    func fit(head: String, result: CheckResult, total: Int) -> String {
        let closing = "\n</details>\n"
        let reserve = 200 + closing.utf8.count
        guard head.utf8.count + reserve < limit else {
            return Self.cut(head, to: limit - 120) + "\n\n> Report cut at \(limit) bytes.\n"
        }
        var output = head
        guard total > 0 else { return output }
        output += "<details><summary>All \(total) findings</summary>\n\n"
        var written = 0
        // The first finding that does not fit ends the list: the files after it are not even
        // sorted (on the standard library that saved most of the Markdown report's time).
        files: for file in result.files where file.findingCount > 0 {
            let fileFindings = file.findings.sorted { $0.line != $1.line ? $0.line < $1.line : $0.code < $1.code }
            let header = "\n**\(Self.escape(file.path))**\n\n"
            if output.utf8.count + header.utf8.count + reserve > limit { break }
            output += header
            for finding in fileFindings {
                let line = "- [\(finding.line)](\(links.url(path: finding.path, line: finding.line))) `\(finding.code)` \(Self.escape(finding.message))\n"
                if output.utf8.count + line.utf8.count + reserve > limit { break files }
                output += line
                written += 1
            }
        }
        if written < total {
            output += "\n> \(total - written) of \(total) findings not shown: the report stops at \(limit) bytes. The full list is in the JSON report (`--json`).\n"
        }
        return output + closing
    }

    /// The `limit` most important findings of `files` (only new ones when `onlyNew`): new first,
    /// then by penalty, then in the order of the files (each file's symbols' findings, then its
    /// own). A single pass that keeps the best `limit` in order, so nothing is sorted or copied
    /// but the findings shown.
    static func ranked(_ files: [FileResult], onlyNew: Bool, limit: Int) -> [Finding] {
        guard limit > 0 else { return [] }
        var best: [(isNew: Bool, penalty: Double, finding: Finding)] = []
        best.reserveCapacity(limit + 1)
        func consider(_ finding: Finding) {
            if onlyNew, !finding.isNew { return }
            // Ranks before an entry when it is new and that one is not, or as new with a higher
            // penalty; ties keep the earlier finding first.
            func outranks(_ entry: (isNew: Bool, penalty: Double, finding: Finding)) -> Bool {
                finding.isNew != entry.isNew ? finding.isNew : finding.penalty > entry.penalty
            }
            if best.count == limit, let last = best.last, !outranks(last) { return }
            var position = best.count
            while position > 0, outranks(best[position - 1]) { position -= 1 }
            best.insert((finding.isNew, finding.penalty, finding), at: position)
            if best.count > limit { best.removeLast() }
        }
        for file in files {
            for symbol in file.symbols { for finding in symbol.findings { consider(finding) } }
            for finding in file.fileFindings { consider(finding) }
        }
        return best.map(\.finding)
    }

    /// Escapes what would break a table cell or be read as HTML or emphasis; inside code spans
    /// only `|` (GitHub's tables need it escaped even there).
    static func escape(_ text: String) -> String {
        // Every character it touches is ASCII: work on UTF-8 bytes, and return the text itself
        // when nothing needs escaping (most messages), instead of walking grapheme clusters.
        let special: (UInt8) -> Bool = { byte in
            byte == 0x7C || byte == 0x0A || byte == 0x0D || byte == 0x3C || byte == 0x3E || byte == 0x2A || byte == 0x5F
                || byte == 0x5B || byte == 0x5D
        }
        guard text.utf8.contains(where: special) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        var inCode = false
        for byte in text.utf8 {
            if byte == 0x60 { inCode.toggle() }
            switch byte {
            case 0x7C: result += [0x5C, 0x7C]
            case 0x0A, 0x0D: result.append(0x20)
            case 0x3C where !inCode: result += Array("&lt;".utf8)
            case 0x3E where !inCode: result += Array("&gt;".utf8)
            case 0x2A, 0x5F, 0x5B, 0x5D:
                if !inCode { result.append(0x5C) }
                result.append(byte)
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The longest prefix of whole characters within `bytes` UTF-8 bytes.
    static func cut(_ text: String, to bytes: Int) -> String {
        var count = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf8.count
            if count + size > bytes { break }
            count += size
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}

/// Links to source lines: on GitHub Actions (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`,
/// `GITHUB_SHA` set) absolute `…/blob/SHA/path#L12` links, otherwise relative `path#L12`.
public struct SourceLinks: Sendable {
    /// The prefix before the path, or "" for relative links.
    public var base: String

    /// Links from the environment.
    public init(environment: [String: String] = [:]) {
        if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
           let sha = environment["GITHUB_SHA"] {
            base = "\(server)/\(repository)/blob/\(sha)/"
        } else {
            base = ""
        }
    }

    /// The URL of a file or a line.
    public func url(path: String, line: Int?) -> String {
        var clean = path
        while clean.hasPrefix("./") { clean.removeFirst(2) }
        let encoded = clean.replacingSpaces()
        return base + encoded + (line.map { "#L\($0)" } ?? "")
    }
}

extension String {
    func replacingSpaces() -> String {
        guard utf8.contains(where: { $0 == 0x20 || $0 == 0x28 || $0 == 0x29 }) else { return self }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            switch byte {
            case 0x20: result += Array("%20".utf8)
            case 0x28: result += Array("%28".utf8)
            case 0x29: result += Array("%29".utf8)
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
