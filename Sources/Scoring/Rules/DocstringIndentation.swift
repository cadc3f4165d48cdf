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
        .bad("def f():\n    \"\"\"Scale.\n\nDeta↓ils at column zero.\n    \"\"\"\n", message: "this docstring line is indented less than the opening quotes (0 < 4 columns)"),
        .bad("def f():\n    \"\"\"Scale.\n\n    ↓    Everything indented too far.\n        \"\"\"\n", message: "the docstring body is indented 4 columns more than the opening quotes; align it with them"),
        .good("def f():\n    \"\"\"Scale.\n\n    Details.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let indent = context.literalIndent, let layout = context.docstring?.layout else { return [] }
        var minimum = Int.max
        var leastIndented = 1
        for offset in layout.indentations.indices.dropFirst() {
            guard let width = layout.indentations[offset] else { continue }
            if width < indent {
                return [Violation(line: context.line(offset), message: "this docstring line is indented less than the opening quotes (\(width) < \(indent) columns)", penalty: 0.1)]
            }
            if width < minimum { (minimum, leastIndented) = (width, offset) }
        }
        // Reported on the first line indented by the least amount (a blank line has no indentation).
        if minimum != .max, minimum > indent {
            return [Violation(line: context.line(leastIndented), message: "the docstring body is indented \(minimum - indent) columns more than the opening quotes; align it with them", penalty: 0.1)]
        }
        return []
    }
}
