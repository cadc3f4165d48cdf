/// The summary does not end with a period, question mark or exclamation mark.
///
/// **Why it matters:** the summary is a sentence (PEP 257); a missing period usually means it
/// was cut short or is a fragment.
///
/// **Example:** `"""Return the user"""`.
struct SummaryPunctuation: Rule {
    static let code = "DH202"
    static let name = "summary-punctuation"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def f():\n    ↓\"\"\"Return the user\"\"\"\n", message: "the summary does not end with a period"),
        .good("def f():\n    \"\"\"Return the user.\"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let summary = context.docstring?.summary, let last = summary.text.last,
              !".?!".contains(last), !summary.text.hasSuffix("::") else { return [] }
        let lastLine = summary.text.split(separator: "\n").count - 1
        return [Violation(line: context.line(summary.line + lastLine), message: "the summary does not end with a period", penalty: 0.1)]
    }
}
