/// The closing quotes are misplaced: after text in a multi-line docstring, or on their own line
/// in a one-line docstring.
///
/// **Why it matters:** PEP 257 puts the closing quotes of a multi-line docstring on a line by
/// themselves and keeps a one-line docstring on one line (pydocstyle D209/D200); both keep
/// diffs small and the layout predictable.
///
/// **Example:** `"""Scale.\n\n    Details."""`.
struct ClosingQuotes: Rule {
    static let code = "DH306"
    static let name = "closing-quotes"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f():\n    \"\"\"Scale.\n\n    ↓Details.\"\"\"\n", message: "put the closing quotes of a multi-line docstring on a line of their own"),
        .bad("def f():\n    ↓\"\"\"\n    Scale.\n    \"\"\"\n", message: "a one-line docstring should fit on one line with its quotes"),
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
}
