/// The closing quotes are misplaced: after text in a multi-line docstring, or on their own line
/// in a one-line docstring.
///
/// **Why it matters:** PEP 257 puts the closing quotes of a multi-line docstring on a line by
/// themselves and keeps a one-line docstring on one line (pydocstyle D209/D200); both keep
/// diffs small and the layout predictable.
///
/// **Example:** `"""Scale.\n\n    Details."""`.
struct ClosingQuotes: FixableRule {
    static let code = "DH306"
    static let name = "closing-quotes"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f():\n    \"\"\"Scale.\n\n    ↓Details.\"\"\"\n", message: "put the closing quotes of a multi-line docstring on a line of their own",
             fixed: "def f():\n    \"\"\"Scale.\n\n    Details.\n    \"\"\"\n"),
        .bad("def f():\n    ↓r\"\"\"\n    Scale.\n    \"\"\"  # keep\n", message: "a one-line docstring should fit on one line with its quotes",
             fixed: "def f():\n    r\"\"\"Scale.\"\"\"  # keep\n"),
        .good("def f():\n    \"\"\"Scale.\"\"\"\n"),
        .good("def f():\n    \"\"\"Scale.\n\n    Details.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let layout = context.docstring?.layout, layout.lineCount > 1 else { return [] }
        if layout.contentLineCount == 1 {
            return [Violation(line: context.docstringLine, message: "a one-line docstring should fit on one line with its quotes", penalty: 0.05)]
        }
        if !layout.lastLineIsBlank {
            return [Violation(line: context.line(layout.lineCount - 1), message: "put the closing quotes of a multi-line docstring on a line of their own", penalty: 0.05)]
        }
        return []
    }

    /// Moves the closing quotes of a multi-line docstring to a line of their own, or joins a
    /// one-line docstring spread over lines into one line.
    func fix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard let layout = context.docstring?.layout, layout.lineCount > 1, let closing = literal.closingStart(in: lines) else { return [] }
        let last = lines.content(literal.last)
        if layout.contentLineCount == 1 {
            // The one line of text, the opening up to its quotes, and the closing from its quotes.
            let texts = (literal.first ... literal.last).map { lines.content($0) }
            var opening = texts[0]
            let openingEnd = DocstringLiteral.lastRange(of: literal.quote, in: Array(opening.prefix(literal.indent.count + 1 + literal.quote.count)), from: 0) ?? 0
            var text = Array(opening[openingEnd...])
            opening = Array(opening[..<openingEnd])
            for line in texts.dropFirst().dropLast() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { text = line }
            let lastText = Array(last[..<closing])
            if !lastText.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { text = lastText }
            let trimmed = Array(text.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
            guard !trimmed.isEmpty, trimmed.last != literal.quote[0] else { return [] }
            return [LineEdit(start: literal.first, end: literal.last + 1, contents: [opening + trimmed + Array(last[closing...])])]
        }
        guard !layout.lastLineIsBlank else { return [] }
        var before = Array(last[..<closing])
        while let byte = before.last, byte == 0x20 || byte == 0x09 { before.removeLast() }
        return [LineEdit(start: literal.last, end: literal.last + 1, contents: [before, literal.indent + Array(last[closing...])])]
    }
}
