/// The docstring has no summary line.
///
/// **Why it matters:** the summary is what `help()`, IDE tooltips and API indexes show; a
/// docstring that is blank or starts with a section shows nothing useful there.
///
/// **Example:** a docstring that begins directly with `Args:`.
struct MissingSummary: Rule {
    static let code = "DH200"
    static let name = "missing-summary"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    ↓\"\"\"\n    Args:\n        x: The x.\n    \"\"\"\n", message: "the docstring has no summary; start it with one line saying what this does"),
        .good("def f(x):\n    \"\"\"Frobnicate the input.\n\n    Args:\n        x: The x.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring, docstring.summary == nil else { return [] }
        return [Violation(line: context.docstringLine, message: "the docstring has no summary; start it with one line saying what this does", penalty: 0.5)]
    }
}
