/// The summary does not end with a period, question mark or exclamation mark.
///
/// **Why it matters:** the summary is a sentence (PEP 257); a missing period usually means it
/// was cut short or is a fragment.
///
/// **Example:** `"""Return the user"""`.
struct SummaryPunctuation: FixableRule {
    static let code = "DH202"
    static let name = "summary-punctuation"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def f():\n    ↓\"\"\"Return the user\"\"\"\n", message: "the summary does not end with a period",
             fixed: "def f():\n    \"\"\"Return the user.\"\"\"\n"),
        .bad("def f(x):\r\n    ↓'''Return `x`  \r\n\r\n    Details.\r\n    '''\r\n", message: "the summary does not end with a period",
             fixed: "def f(x):\r\n    '''Return `x`.  \r\n\r\n    Details.\r\n    '''\r\n"),
        .bad("def f():\n    ↓\"\"\"Return these:\"\"\"\n", message: "the summary does not end with a period", fixed: "def f():\n    \"\"\"Return these:\"\"\"\n",
             unsafeFixed: "def f():\n    \"\"\"Return these.\"\"\"\n"),
        .bad("def f():\n    ↓r\"\"\"Match \\d digits\"\"\"\n", message: "the summary does not end with a period", fixed: "def f():\n    r\"\"\"Match \\d digits.\"\"\"\n"),
        .bad("def f():\n    ↓\"\"\"Match \\\\d digits\"\"\"\n", message: "the summary does not end with a period", fixed: "def f():\n    \"\"\"Match \\\\d digits.\"\"\"\n"),
        .good("def f():\n    \"\"\"Return the user.\"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let summary = context.docstring?.summary, let last = summary.text.last,
              !".?!".contains(last), !summary.text.hasSuffix("::") else { return [] }
        let lastLine = summary.text.split(separator: "\n").count - 1
        return [Violation(line: context.line(summary.line + lastLine), message: "the summary does not end with a period", penalty: 0.1)]
    }

    /// Adds the period after the summary's last word (before closing quotes on that line). Only
    /// after a letter, digit, `_`, closing bracket or quote: a summary ending in `:` or `,` goes
    /// on, and is left to its author.
    func fix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard let summary = context.docstring?.summary, let lastCharacter = summary.text.last,
              lastCharacter.isLetter || lastCharacter.isNumber || ")]`'\"_".contains(lastCharacter) else { return [] }
        let line = literal.line(summary.line + summary.text.split(separator: "\n").count - 1)
        var content = lines.content(line)
        var end = line == literal.last ? (literal.closingStart(in: lines) ?? content.count) : content.count
        while end > 0, content[end - 1] == 0x20 || content[end - 1] == 0x09 { end -= 1 }
        guard end > 0 else { return [] }
        content.insert(UInt8(ascii: "."), at: end)
        return [LineEdit(start: line, end: line + 1, contents: [content])]
    }

    /// Replaces a summary's closing `:`, `,` or `;` with the period: the sentence went on, and
    /// ending it there may change what it says.
    func unsafeFix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard let summary = context.docstring?.summary, let lastCharacter = summary.text.last, ":,;".contains(lastCharacter),
              !summary.text.hasSuffix("::") else { return [] }
        let line = literal.line(summary.line + summary.text.split(separator: "\n").count - 1)
        var content = lines.content(line)
        var end = line == literal.last ? (literal.closingStart(in: lines) ?? content.count) : content.count
        while end > 0, content[end - 1] == 0x20 || content[end - 1] == 0x09 { end -= 1 }
        guard end > 0, ":,;".utf8.contains(content[end - 1]) else { return [] }
        content[end - 1] = UInt8(ascii: ".")
        return [LineEdit(start: line, end: line + 1, contents: [content])]
    }
}
