/// Docstring lines are indented less, or all more, than the opening quotes.
///
/// **Why it matters:** `inspect.cleandoc` and every renderer dedent by the common indentation;
/// an under-indented line breaks that and an over-indented body shows up as a block quote
/// (pydocstyle D207/D208).
///
/// **Example:** a continuation line starting at column 0 inside an indented method.
struct DocstringIndentation: Rule {
    static let code = "DH305"
    static let name = "docstring-indentation"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f():\n    \"\"\"Scale.\n\nDetails at column zero.\n    \"\"\"\n"),
        .bad("def f():\n    \"\"\"Scale.\n\n        Everything indented too far.\n        \"\"\"\n"),
        .good("def f():\n    \"\"\"Scale.\n\n    Details.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let indent = context.literalIndent, let raw = context.rawDocstring else { return [] }
        let lines = raw.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        var minimum = Int.max
        for (offset, line) in lines.enumerated() {
            let width = line.prefix { $0 == " " || $0 == "\t" }.reduce(0) { $0 + ($1 == "\t" ? 8 : 1) }
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            let isLast = offset == lines.count - 1
            if blank && !isLast { continue }
            if width < indent && !(blank && isLast) {
                return [Violation(line: context.line(offset + 1), message: "this docstring line is indented less than the opening quotes (\(width) < \(indent) columns)", penalty: 0.1)]
            }
            minimum = min(minimum, width)
        }
        if minimum != .max, minimum > indent {
            return [Violation(line: context.line(1), message: "the docstring body is indented \(minimum - indent) columns more than the opening quotes; align it with them", penalty: 0.1)]
        }
        return []
    }
}
