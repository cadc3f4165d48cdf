import DocHarnessTestSupport
import Docstrings
import Foundation
import PythonSyntax
import Testing
@testable import Scoring

/// Degradation tests: well-documented real functions are made worse in five ways, and each
/// variant must lower the targeted dimension every time and the overall score at least 99% of
/// the time. The functions come from the oracle corpora (`make oracle-corpora`).
@Suite("Degradation", .serialized)
struct DegradationTests {
    enum Degradation: String, CaseIterable {
        case parameterRemoved = "a parameter's entry removed"
        case summaryPlaceholder = "the summary replaced by a placeholder"
        case sectionRestyled = "one section switched to another style"
        case cutToOneLine = "a complex function's docstring cut to one line"
        case staleParameter = "a stale parameter added"
        case weakContent = "every parameter description replaced by a content-free one"

        var dimension: Scoring.Dimension {
            switch self {
            case .parameterRemoved, .staleParameter: .completeness
            case .summaryPlaceholder, .weakContent: .clarity
            case .sectionRestyled: .style
            case .cutToOneLine: .complexity
            }
        }
    }

    static let corpora: [(tree: String, style: DocstringStyle)] = [
        ("absl/absl", .google), ("xarray/xarray", .numpy), ("stdlib", .google),
    ]

    @Test("each degradation lowers its dimension always and the overall score at least 99% of the time", .requires(.oracleCorpora))
    func degradations() throws {
        let root = TestEnvironment.packageRoot.appendingPathComponent(".cache/oracle-corpora")
        try #require(FileManager.default.fileExists(atPath: root.appendingPathComponent("xarray").path), "run `make oracle-corpora` first")
        var cases: [Degradation: (count: Int, dimensionLowered: Int, overallLowered: Int)] = [:]
        var failures: [String] = []
        for corpus in Self.corpora {
            var configuration = ScoringConfiguration()
            configuration.style = corpus.style
            // A snippet is scored out of its project, where its cross-references (DH112) cannot
            // resolve: the rule would fire on names defined in the tree's other files.
            configuration.ignore = [UnresolvedReference.code]
            let scorer = Scorer(configuration: configuration)
            let paths = PythonFileWalker().expand([root.appendingPathComponent(corpus.tree).path]).files
            let files = SourceFileBatch.read(paths: paths)
            let result = scorer.check(files)
            for (file, fileResult) in zip(files, result.files) {
                guard let text = file.text else { continue }
                let lines = String(decoding: text.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for symbolResult in fileResult.symbols where Self.isWellDocumented(symbolResult) {
                    guard let symbol = file.symbols.first(where: { $0.qualname == symbolResult.qualname && $0.line == symbolResult.line }),
                          let snippet = Self.snippet(lines, symbol: symbol) else { continue }
                    // Score the function on its own (as a method of a one-method class when it is one),
                    // before and after each degradation.
                    func score(_ lines: [String]) -> SymbolResult? {
                        let parsed = SourceFile.parse(source: lines.joined(separator: "\n"), path: "snippet.py")
                        guard parsed.isValid else { return nil }
                        return scorer.check([parsed], jobs: 1).files[0].symbols.first { $0.qualname == snippet.qualname }
                    }
                    guard let before = score(snippet.lines), let beforeScores = before.scores,
                          let parsedSymbol = SourceFile.parse(source: snippet.lines.joined(separator: "\n")).symbols.first(where: { $0.qualname == snippet.qualname }),
                          let raw = parsedSymbol.docstring, let docstringLine = parsedSymbol.docstringLine else { continue }
                    let docstring = DocstringParser.parse(raw)
                    for degradation in Degradation.allCases {
                        guard let variant = Self.degrade(snippet.lines, symbol: parsedSymbol, docstring: docstring,
                                                         docstringLine: docstringLine, style: corpus.style, degradation),
                              let after = score(variant), let afterScores = after.scores else { continue }
                        var tally = cases[degradation] ?? (0, 0, 0)
                        tally.count += 1
                        if afterScores[degradation.dimension] < beforeScores[degradation.dimension] {
                            tally.dimensionLowered += 1
                        } else {
                            failures.append("\(file.path):\(symbol.line) \(symbol.qualname) \(degradation.rawValue): \(degradation.dimension.rawValue) \(beforeScores[degradation.dimension]) -> \(afterScores[degradation.dimension])")
                        }
                        if (after.overall ?? 0) < (before.overall ?? 0) { tally.overallLowered += 1 }
                        cases[degradation] = tally
                    }
                }
            }
        }
        for degradation in Degradation.allCases {
            let tally = cases[degradation] ?? (0, 0, 0)
            print("degradation: \(degradation.rawValue): \(tally.count) variants, \(degradation.dimension.rawValue) lowered in \(tally.dimensionLowered), overall lowered in \(tally.overallLowered) (\(tally.count == 0 ? 0 : 100 * tally.overallLowered / tally.count)%)")
            #expect(tally.count >= 50, "too few variants for \(degradation.rawValue)")
            #expect(tally.dimensionLowered == tally.count, "\(degradation.rawValue)")
            #expect(Double(tally.overallLowered) >= 0.99 * Double(tally.count), "\(degradation.rawValue)")
        }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }

    /// The symbol's lines on their own: a function dedented to column 0, or a method dedented to
    /// column 4 under `class Snippet:`. Nested definitions are not used.
    static func snippet(_ lines: [String], symbol: Symbol) -> (lines: [String], qualname: String)? {
        let components = symbol.qualname.split(separator: ".")
        guard !symbol.qualname.contains("<locals>"), components.count <= 2 else { return nil }
        let start = symbol.line - 1 - symbol.decorators.count
        guard start >= 0, symbol.endLine <= lines.count else { return nil }
        var body = Array(lines[start ..< symbol.endLine])
        // Decorators spanning several lines would be cut: keep only definitions whose first line is `@` or `def`.
        let first = body[0].trimmingCharacters(in: .whitespaces)
        guard first.hasPrefix("@") || first.hasPrefix("def ") || first.hasPrefix("async def ") else { return nil }
        let indent = indentation(body[0])
        body = body.map { line in line.prefix(indent).allSatisfy { $0 == " " } ? String(line.dropFirst(min(indent, indentation(line)))) : line }
        if symbol.kind == .method {
            return (["class Snippet:"] + body.map { $0.isEmpty ? $0 : "    " + $0 }, "Snippet." + symbol.name)
        }
        return (body, symbol.name)
    }

    /// Functions whose docstring is complete (completeness 100) with at least one parameter documented.
    static func isWellDocumented(_ symbol: SymbolResult) -> Bool {
        guard symbol.kind == .function || symbol.kind == .method, let scores = symbol.scores else { return false }
        return scores.completeness == 100 && (symbol.overall ?? 0) >= 80
    }

    // MARK: - Variants

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// The source lines with one degradation applied, or nil when it does not apply to this symbol.
    static func degrade(_ lines: [String], symbol: Symbol, docstring: Docstring, docstringLine: Int,
                        style: DocstringStyle, _ degradation: Degradation) -> [String]? {
        var lines = lines
        let firstIndex = docstringLine - 1
        let lastIndex = firstIndex + docstring.lineCount - 1
        guard lastIndex < lines.count, docstring.lineCount >= 3 else { return nil }
        // A backslash-newline inside the literal joins two source lines into one line of the
        // value, so value lines no longer map to source lines; such docstrings are not edited.
        if lines[firstIndex ... lastIndex].contains(where: { $0.hasSuffix("\\") }) { return nil }
        switch degradation {
        case .parameterRemoved:
            guard let item = docstring.parameters.first, let end = entryEnd(lines, head: firstIndex + item.line, limit: lastIndex) else { return nil }
            lines.removeSubrange(firstIndex + item.line ..< end)
        case .staleParameter:
            // With **kwargs an undeclared name documents one of the keywords it accepts: not stale.
            guard !symbol.parameters.contains(where: { $0.kind == .varKeyword }) else { return nil }
            guard let item = docstring.parameters.last(where: { $0.section == .parameters }),
                  let end = entryEnd(lines, head: firstIndex + item.line, limit: lastIndex) else { return nil }
            let head = lines[firstIndex + item.line]
            let pad = String(repeating: " ", count: indentation(head))
            switch docstring.style {
            case .sphinx: lines.insert(pad + ":param stale_argument: No longer accepted.", at: end)
            case .epytext: lines.insert(pad + "@param stale_argument: No longer accepted.", at: end)
            case .numpy: lines.insert(contentsOf: [pad + "stale_argument : int", pad + "    No longer accepted."], at: end)
            default: lines.insert(pad + "stale_argument (int): No longer accepted.", at: end)
            }
        case .summaryPlaceholder:
            guard let summary = docstring.summary else { return nil }
            let index = firstIndex + summary.line
            let firstSummaryLine = String(summary.text.split(separator: "\n").first ?? "")
            guard let range = lines[index].range(of: firstSummaryLine) else { return nil }
            lines[index].replaceSubrange(range, with: "_summary_")
        case .sectionRestyled:
            guard let section = docstring.sections.first(where: { $0.kind == .parameters && $0.style == style }),
                  !docstring.parameters.isEmpty else { return nil }
            let headerIndex = firstIndex + section.line
            let pad = String(repeating: " ", count: indentation(lines[headerIndex]))
            var end = headerIndex + 1
            if style == .numpy { end += 1 }
            for item in docstring.parameters where item.line > section.line {
                guard let itemEnd = entryEnd(lines, head: firstIndex + item.line, limit: lastIndex) else { return nil }
                end = max(end, itemEnd)
            }
            let fields = docstring.parameters.filter { $0.line > section.line }.compactMap { item -> String? in
                guard let name = item.name else { return nil }
                let description = item.description.split(separator: "\n").joined(separator: " ")
                return pad + ":param \(name.filter { $0 != "*" }): " + (description.isEmpty ? "The value." : description)
            }
            lines.replaceSubrange(headerIndex ..< end, with: fields)
        case .weakContent:
            let items = docstring.parameters.filter { $0.section == .parameters && $0.name != nil }
            // Only where some description says something: one already empty of content cannot get worse.
            guard !items.isEmpty, items.contains(where: { !ContentFreeDescription.contentWords($0.description, name: $0.name, types: [$0.type]).isEmpty }) else { return nil }
            // Last entry first, so earlier heads keep their lines; the docstring's end moves up
            // by the lines each replacement removes.
            var limit = lastIndex
            for item in items.sorted(by: { $0.line > $1.line }) {
                let head = firstIndex + item.line
                guard let end = descriptionEnd(lines, head: head, limit: limit, style: docstring.style) else { return nil }
                let replacement: [String]
                let range: Range<Int>
                if docstring.style == .numpy {
                    replacement = [String(repeating: " ", count: indentation(lines[head]) + 4) + "A value."]
                    range = head + 1 ..< end
                } else {
                    guard let cut = Self.descriptionStart(lines[head], name: ParameterName.normalize(item.name!)) else { return nil }
                    replacement = [String(lines[head][..<cut]) + " A value."]
                    range = head ..< end
                }
                lines.replaceSubrange(range, with: replacement)
                limit -= range.count - replacement.count
            }
        case .cutToOneLine:
            guard (symbol.complexity ?? 0) >= 5, let summary = docstring.summary else { return nil }
            let opening = lines[firstIndex]
            guard let quote = ["\"\"\"", "'''"].first(where: { opening.contains($0) }),
                  let quoteRange = opening.range(of: quote) else { return nil }
            let prefix = opening[..<quoteRange.upperBound]
            let firstSummaryLine = summary.text.split(separator: "\n").first.map(String.init) ?? "Summary."
            lines.replaceSubrange(firstIndex ... lastIndex, with: [prefix + firstSummaryLine + quote])
        }
        return lines
    }

    /// Where an entry's head line ends its name (and type) part: after the colon that follows the
    /// name, skipping a parenthesized type (`name (int):`, `:param name:`, `@param name:`).
    static func descriptionStart(_ head: String, name: String) -> String.Index? {
        guard let nameRange = head.range(of: name) else { return nil }
        var index = nameRange.upperBound
        while index < head.endIndex, head[index] == " " || head[index] == "`" || head[index] == "*" { index = head.index(after: index) }
        if index < head.endIndex, head[index] == "(" {
            var depth = 0
            while index < head.endIndex {
                if head[index] == "(" { depth += 1 } else if head[index] == ")" { depth -= 1 }
                index = head.index(after: index)
                if depth == 0 { break }
            }
            while index < head.endIndex, head[index] == " " { index = head.index(after: index) }
        }
        guard index < head.endIndex, head[index] == ":" else { return nil }
        return head.index(after: index)
    }

    /// The index after an entry's whole description: lines indented deeper than the head, blank
    /// lines followed by such lines (a description's second paragraph), and, for field lists
    /// (`:param x:` / `@param x:`), unindented continuation lines up to the next field.
    static func descriptionEnd(_ lines: [String], head: Int, limit: Int, style: DocstringStyle) -> Int? {
        guard head < limit else { return nil }
        let headIndent = indentation(lines[head])
        let fieldList = style == .sphinx || style == .epytext
        var end = head + 1
        while end < limit {
            let line = lines[end]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                // A blank line continues the entry only when deeper-indented text follows it.
                guard end + 1 < limit, let next = lines[(end + 1)..<limit].firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
                      indentation(lines[next]) > headIndent else { break }
                end = next
                continue
            }
            if indentation(line) > headIndent || (fieldList && !trimmed.hasPrefix(":") && !trimmed.hasPrefix("@")) {
                end += 1
                continue
            }
            break
        }
        return end
    }

    /// The index after an entry: the head line plus the lines indented deeper than it.
    static func entryEnd(_ lines: [String], head: Int, limit: Int) -> Int? {
        guard head < limit else { return nil }
        let headIndent = indentation(lines[head])
        var end = head + 1
        while end < limit {
            let line = lines[end]
            if line.trimmingCharacters(in: .whitespaces).isEmpty || indentation(line) <= headIndent { break }
            end += 1
        }
        return end
    }
}
