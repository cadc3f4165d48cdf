/// Part of a docstring could not be parsed in any style.
///
/// **Why it matters:** a section DocHarness cannot read is a section Sphinx, IDEs and other
/// checkers cannot read either, and every completeness check on it would silently pass.
///
/// **Example:** an `Args:` section whose entry is a sentence instead of `name: description`.
struct UnparsableDocstring: Rule {
    static let code = "DH010"
    static let name = "unparsable-docstring"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"Do it.\n\n    Args:\n    ↓    The x value to use.\n    \"\"\"\n", message: "`The x value to use.` in `Args:` is not `name (type): description`"),
        .good("def f(x):\n    \"\"\"Do it.\n\n    Args:\n        x: The x value to use.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        return docstring.problems.map {
            Violation(line: context.line($0.line), message: $0.message, subject: $0.message, penalty: 0.3)
        }
    }
}
