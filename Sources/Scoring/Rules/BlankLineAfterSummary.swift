/// The summary is not followed by a blank line.
///
/// **Why it matters:** PEP 257 separates the summary from the rest with one blank line; tools that
/// extract the summary (Sphinx autosummary, `pydoc`) otherwise run the next line into it.
///
/// **Example:** `"""Scale.\n    Args:\n        x: Factor.\n    """`.
struct BlankLineAfterSummary: FixableRule {
    static let code = "DH304"
    static let name = "blank-line-after-summary"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"Scale.\n    ↓Args:\n        x: Factor.\n    \"\"\"\n", message: "add a blank line between the summary and what follows",
             fixed: "def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n    \"\"\"\n"),
        .good("def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring, let summary = docstring.summary else { return [] }
        let after = summary.line + 1 + summary.text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        guard docstring.sections.contains(where: { $0.line == after }) else { return [] }
        return [Violation(line: context.line(after), message: "add a blank line between the summary and what follows", penalty: 0.1)]
    }

    /// Inserts a blank line after the summary.
    func fix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard !check(context).isEmpty, let summary = context.docstring?.summary else { return [] }
        let after = literal.line(summary.line + 1 + summary.text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        return [LineEdit(start: after, end: after, contents: [[]])]
    }
}
