/// The summary runs over more than one line.
///
/// **Why it matters:** tools show the first line only (PEP 257: "a summary line"); a sentence
/// wrapped onto a second line is cut in half in every listing. A reST title over its underline
/// (`Tagged JSON` over `~~~~~~~~~~~`), or between an overline and an underline, is one line and
/// is left alone.
///
/// **Example:** `"""Compute the thing\n    for the caller."""`.
struct MultiLineSummary: Rule {
    static let code = "DH201"
    static let name = "multi-line-summary"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def f():\n    ↓\"\"\"Compute the value that the caller\n    asked for.\n    \"\"\"\n", message: "the summary spans 2 lines; fit it on one line and put details after a blank line"),
        .good("\"\"\"\n**********\nExceptions\n**********\n\nBase exceptions and errors.\n\"\"\"\n"),
        .good("def f():\n    \"\"\"Compute the requested value.\n\n    The caller asked for it.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let summary = context.docstring?.summary, summary.text.utf8.contains(0x0A),
              // A reST title over its underline is one line of text.
              !SummaryPunctuation.isHeading(summary.text) else { return [] }
        return [Violation(line: context.line(summary.line),
                          message: "the summary spans \(summary.text.utf8.split(separator: 0x0A).count) lines; fit it on one line and put details after a blank line",
                          penalty: 0.15)]
    }
}
