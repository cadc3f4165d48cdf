/// The summary does not end with a period, question mark or exclamation mark.
///
/// **Why it matters:** the summary is a sentence (PEP 257); a missing period usually means it
/// was cut short or is a fragment. A reST title (a line over its underline, as a module
/// docstring may start) is not a sentence and is left alone.
///
/// **Example:** `"""Return the user"""`.
struct SummaryPunctuation: FixableRule {
    static let code = "DH202"
    static let name = "summary-punctuation"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .good("\"\"\"\nTagged JSON\n~~~~~~~~~~~\n\nA compact representation for lossless serialization.\n\"\"\"\n"),
        .good("\"\"\"\n**********\nMatplotlib\n**********\n\nDraw networks with matplotlib.\n\"\"\"\n"),
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
              !".?!".contains(last), !summary.text.hasSuffix("::"), !Self.isHeading(summary.text) else { return [] }
        let lastLine = summary.text.utf8.split(separator: 0x0A).count - 1
        return [Violation(line: context.line(summary.line + lastLine), message: "the summary does not end with a period", penalty: 0.1)]
    }

    /// Whether the summary is a reST title: a line under an overline or over an underline (or
    /// both) of one repeated punctuation character at least as long (`Tagged JSON` over
    /// `~~~~~~~~~~~`, Flask's module docstrings; `Matplotlib` between two `**********`, NetworkX's).
    static func isHeading(_ text: String) -> Bool {
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { trimmed($0) }
        switch lines.count {
        case 2: return isAdornment(lines[1], over: lines[0])
        case 3: return isAdornment(lines[0], over: lines[1]) && isAdornment(lines[2], over: lines[1]) && lines[0] == lines[2]
        default: return false
        }
    }

    private static func trimmed(_ part: Substring.UTF8View) -> ArraySlice<UInt8> {
        var part = ArraySlice(part)
        while let first = part.first, first == 0x20 || first == 0x09 { part = part.dropFirst() }
        while let last = part.last, last == 0x20 || last == 0x09 || last == 0x0D { part = part.dropLast() }
        return part
    }

    private static let adornmentMarks = Array("=-~^\"'`#*+.:_".utf8)

    /// A line of one repeated reST adornment character, at least as long as `title`.
    private static func isAdornment(_ line: ArraySlice<UInt8>, over title: ArraySlice<UInt8>) -> Bool {
        guard let mark = line.first, adornmentMarks.contains(mark) else { return false }
        return line.allSatisfy { $0 == mark } && line.count >= max(3, title.count) && !title.isEmpty && !title.allSatisfy { $0 == mark }
    }

    /// Adds the period after the summary's last word (before closing quotes on that line). Only
    /// after a letter, digit, `_`, closing bracket or quote: a summary ending in `:` or `,` goes
    /// on, and is left to its author.
    func fix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard let last = context.docstring?.summary?.text.last, last.isLetter || last.isNumber || ")]`'\"_".contains(last),
              var end = Self.summaryEnd(context, literal: literal, lines: lines) else { return [] }
        end.content.insert(UInt8(ascii: "."), at: end.offset)
        return [LineEdit(start: end.line, end: end.line + 1, contents: [end.content])]
    }

    /// Replaces a summary's closing `:`, `,` or `;` with the period: the sentence went on, and
    /// ending it there may change what it says.
    func unsafeFix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard let text = context.docstring?.summary?.text, let last = text.last, ":,;".contains(last), !text.hasSuffix("::"),
              var end = Self.summaryEnd(context, literal: literal, lines: lines), ":,;".utf8.contains(end.content[end.offset - 1]) else { return [] }
        end.content[end.offset - 1] = UInt8(ascii: ".")
        return [LineEdit(start: end.line, end: end.line + 1, contents: [end.content])]
    }

    /// The source line of the summary's last line, its bytes, and the offset just after its last
    /// visible byte (before trailing blanks and closing quotes on that line); nil for an empty one.
    static func summaryEnd(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> (line: Int, content: [UInt8], offset: Int)? {
        guard let summary = context.docstring?.summary else { return nil }
        let line = literal.line(summary.line + summary.text.split(separator: "\n").count - 1)
        let content = lines.content(line)
        var end = line == literal.last ? (literal.closingStart(in: lines) ?? content.count) : content.count
        while end > 0, content[end - 1] == 0x20 || content[end - 1] == 0x09 { end -= 1 }
        return end > 0 ? (line, content, end) : nil
    }
}
