/// A generator's docstring does not document what it yields.
///
/// **Why it matters:** a generator's items are its output; `Returns:` describes the generator
/// object, not what iterating it produces.
///
/// **Example:** `def lines(path): yield from open(path)` with no `Yields:` section.
struct UndocumentedYield: Rule {
    static let code = "DH105"
    static let name = "undocumented-yield"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def lines(path):\n    ↓\"\"\"Read lines.\n\n    Args:\n        path: The file.\n    \"\"\"\n    yield from open(path)\n", message: "`lines` is a generator but its docstring does not say what it yields"),
        .good("def lines(path):\n    \"\"\"Read lines.\n\n    Args:\n        path: The file.\n\n    Yields:\n        str: Each line.\n    \"\"\"\n    yield from open(path)\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, !context.skipsSectionChecks,
              context.symbol.yields, docstring.yields.isEmpty else { return [] }
        return [Violation(line: context.docstringLine,
                          message: "`\(context.symbol.name)` is a generator but its docstring does not say what it yields",
                          penalty: 0.3)]
    }
}
