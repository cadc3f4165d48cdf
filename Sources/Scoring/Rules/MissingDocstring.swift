/// A public module, class, function or method has no docstring.
///
/// **Why it matters:** a symbol without a docstring makes every reader rebuild its contract from
/// the code; coverage (the share of symbols that have one) is the first number teams gate on.
/// Which symbols count is set by interrogate's options in `[tool.docharness.coverage]`.
///
/// **Example:** `def area(width, height): return width * height` with no docstring.
struct MissingDocstring: Rule {
    static let code = "DH100"
    static let name = "missing-docstring"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("\"\"\"Shapes.\"\"\"\n↓def area(width, height):\n    return width * height\n", message: "`area` has no docstring; add one that says what it does"),
        .good("\"\"\"Shapes.\"\"\"\ndef area(width, height):\n    \"\"\"Return the area.\"\"\"\n    return width * height\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let raw = context.rawDocstring, !raw.isBlank else {
            let what = context.symbol.kind == .module ? "module" : "`\(context.symbol.qualname)`"
            return [Violation(line: context.symbol.line, message: "\(what) has no docstring; add one that says what it does", penalty: 1)]
        }
        return []
    }
}
