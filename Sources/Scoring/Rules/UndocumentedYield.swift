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
        .good("@contextmanager\ndef cd(path):\n    \"\"\"Work in another folder for the duration of a with block.\n\n    Args:\n        path: The folder to work in.\n    \"\"\"\n    old = os.getcwd()\n    os.chdir(path)\n    yield\n    os.chdir(old)\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, !context.skipsSectionChecks,
              context.symbol.yields, docstring.yields.isEmpty else { return [] }
        // A context manager that yields nothing (`yield` alone) gives `as` nothing to document.
        if !context.symbol.yieldsValue, context.decoratorNames.contains(where: { $0 == "contextmanager" || $0 == "asynccontextmanager" }) { return [] }
        return [Violation(line: context.docstringLine,
                          message: "`\(context.symbol.name)` is a generator but its docstring does not say what it yields",
                          penalty: 0.3)]
    }
}
