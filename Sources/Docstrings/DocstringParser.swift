/// Parses a docstring of any style into a `Docstring`.
///
/// The parser never fails: text it cannot place becomes a `DocstringProblem`, and everything else
/// is still read. Section headers of every style are recognised in one pass, so a docstring that
/// mixes styles is parsed completely and reported as mixed.
public enum DocstringParser {
    /// Parses a docstring value as `ast.get_docstring(node, clean=False)` returns it.
    public static func parse(_ raw: String) -> Docstring {
        let cleaned = DocstringLines(raw)
        var docstring = Docstring()
        docstring.lineCount = cleaned.rawCount
        docstring.layout = cleaned.layout
        let lines = cleaned.lines
        let starts = SectionStart.find(in: lines)
        let introEnd = starts.first?.index ?? lines.count
        readIntro(lines[0 ..< introEnd], into: &docstring)
        var builder = DocstringBuilder(docstring: docstring)
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].index : lines.count
            let body = Array(lines[start.bodyStart ..< max(start.bodyStart, end)])
            builder.add(start, body: body)
        }
        return builder.finish()
    }

    /// The lines before the first section: summary paragraph, description, doctest examples.
    static func readIntro(_ intro: ArraySlice<DocstringLines.Line>, into docstring: inout Docstring) {
        guard let first = intro.first else { return }
        let summaryEnd = intro.firstIndex(where: \.isBlank) ?? intro.endIndex
        let summaryLines = intro[intro.startIndex ..< summaryEnd]
        docstring.summary = DocstringText(
            text: summaryLines.map { String($0.content) }.joined(separator: "\n"), line: first.offset)
        let rest = Array(intro[summaryEnd...])
        if let firstContent = rest.first(where: { !$0.isBlank }) {
            docstring.description = DocstringText(text: rest.joinedDedented(), line: firstContent.offset)
        }
        var index = 0
        while index < rest.count {
            guard rest[index].content.hasPrefix(">>>") else {
                index += 1
                continue
            }
            let blockStart = index
            while index < rest.count, !rest[index].isBlank { index += 1 }
            docstring.examples.append(DocstringText(text: Array(rest[blockStart ..< index]).joinedDedented(),
                                                    line: rest[blockStart].offset))
        }
    }
}

/// Where a section or field starts, what it is, and where its body begins.
struct SectionStart {
    /// Index of the header line in the cleaned lines.
    var index: Int
    /// Index of the first body line.
    var bodyStart: Int
    var section: DocstringSection
    /// For Sphinx and Epytext fields: the words between the field name and its colon.
    var fieldArguments: [String] = []
    /// For Sphinx and Epytext fields: the text after the colon on the header line.
    var inlineText: String = ""

    static func find(in lines: [DocstringLines.Line]) -> [SectionStart] {
        var starts: [SectionStart] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.indent == 0, !line.isBlank {
                if let start = numpy(lines, index) ?? google(lines, index) ?? field(lines, index) {
                    starts.append(start)
                    index = start.bodyStart
                    continue
                }
            }
            index += 1
        }
        return starts
    }

    /// `Parameters` over a line of three or more dashes, or a section numpydoc knows over `=`
    /// (numpydoc accepts either; `=` under any other line is a reST title, not a section).
    static func numpy(_ lines: [DocstringLines.Line], _ index: Int) -> SectionStart? {
        guard index + 1 < lines.count else { return nil }
        let underline = lines[index + 1]
        guard underline.indent == 0, underline.text.utf8.count >= 3, let mark = underline.text.utf8.first, mark == 0x2D || mark == 0x3D,
              underline.text.utf8.allSatisfy({ $0 == mark }) else { return nil }
        let title = lines[index].text
        guard !title.hasSuffix(":"), title.first?.isLetter == true, title.count <= 40 else { return nil }
        let known = SectionNames.numpy[title.lowercased()]?.kind
        if mark == 0x3D, known == nil || underline.text.utf8.count < title.utf8.count { return nil }
        var section = DocstringSection(kind: known ?? .admonition, title: title, style: .numpy,
                                       line: lines[index].offset, underlineLength: underline.text.count)
        section.underlineIsEquals = mark == 0x3D
        return SectionStart(index: index, bodyStart: index + 2, section: section)
    }

    /// `Args:` alone on its line, followed by an indented body (or nothing).
    static func google(_ lines: [DocstringLines.Line], _ index: Int) -> SectionStart? {
        let text = lines[index].text
        guard isGoogleHeader(text) else { return nil }
        let title = String(text.dropLast()).trimmingTrailingSpaces()
        guard let entry = SectionNames.google[title.lowercased()] else { return nil }
        if let next = lines[(index + 1)...].first(where: { !$0.isBlank }), next.indent == 0,
           !isGoogleHeader(next.text) {
            return nil
        }
        return SectionStart(index: index, bodyStart: index + 1,
                            section: DocstringSection(kind: entry.kind, title: title, style: .google, line: lines[index].offset))
    }

    /// `Args:` — and not `args :`, which is a NumPy entry for a parameter named `args` (dask's
    /// `apply_concat_apply` documents `args :` and `kwargs :` under `Parameters`).
    static func isGoogleHeader(_ text: String) -> Bool {
        text.hasSuffix(":") && !text.dropLast().hasSuffix(" ") && SectionNames.google[String(text.dropLast()).lowercased()] != nil
    }

    /// A Sphinx (`:param x:`) or Epytext (`@param x:`) field.
    static func field(_ lines: [DocstringLines.Line], _ index: Int) -> SectionStart? {
        let text = lines[index].text
        guard let marker = text.first, marker == ":" || marker == "@" else { return nil }
        let style: DocstringStyle = marker == ":" ? .sphinx : .epytext
        let afterMarker = text.dropFirst()
        // The field ends at the first colon followed by a space or the end of the line.
        var colon: String.Index?
        var cursor = afterMarker.startIndex
        while cursor < afterMarker.endIndex {
            if afterMarker[cursor] == ":" {
                let next = afterMarker.index(after: cursor)
                if next == afterMarker.endIndex || afterMarker[next] == " " {
                    colon = cursor
                    break
                }
            }
            cursor = afterMarker.index(after: cursor)
        }
        guard let colon else { return nil }
        let words = afterMarker[afterMarker.startIndex ..< colon].split(separator: " ").map(String.init)
        guard let name = words.first, let kind = FieldNames.kind(of: name, style: style) else { return nil }
        var start = SectionStart(index: index, bodyStart: index + 1,
                                 section: DocstringSection(kind: kind, title: name, style: style, line: lines[index].offset))
        start.fieldArguments = Array(words.dropFirst())
        start.inlineText = String(afterMarker[afterMarker.index(after: colon)...]).trimmingLeadingSpaces()
        return start
    }
}

/// Sphinx and Epytext field names.
enum FieldNames {
    static let sphinx: [String: SectionKind] = [
        "param": .parameters, "parameter": .parameters, "arg": .parameters, "argument": .parameters,
        "key": .keywordArguments, "keyword": .keywordArguments, "kwarg": .keywordArguments, "kwparam": .keywordArguments,
        "type": .types, "kwtype": .types, "rtype": .types, "ytype": .types, "vartype": .types,
        "returns": .returns, "return": .returns, "yields": .yields, "yield": .yields,
        "raises": .raises, "raise": .raises, "except": .raises, "exception": .raises,
        "ivar": .attributes, "cvar": .attributes, "var": .attributes,
    ]
    static let epytext: [String: SectionKind] = [
        "param": .parameters, "parameter": .parameters, "arg": .parameters, "keyword": .keywordArguments,
        "kwarg": .keywordArguments, "type": .types, "rtype": .types, "returntype": .types,
        "return": .returns, "returns": .returns, "yield": .yields, "yields": .yields,
        "raise": .raises, "raises": .raises, "except": .raises, "exception": .raises,
        "ivar": .attributes, "cvar": .attributes, "var": .attributes,
        "see": .seeAlso, "seealso": .seeAlso, "note": .notes, "warning": .warnings, "warn": .warnings,
        "deprecated": .deprecated, "todo": .todo, "since": .notes, "version": .notes, "author": .notes,
    ]

    static func kind(of name: String, style: DocstringStyle) -> SectionKind? {
        style == .sphinx ? sphinx[name] : epytext[name]
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " })
    }

    func trimmingSpaces() -> String {
        trimmingLeadingSpaces().trimmingTrailingSpaces()
    }
}
