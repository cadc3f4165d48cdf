import Foundation
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
        .good("def root(n):\n    \"\"\"Take a root.\n\n    Parameters\n    ----------\n    n : float\n        The number.\n\n    Raises\n    ------\n    ValueError:\n        If n is negative.\n    TypeError: If n is not a number.\n    \"\"\"\n    if n < 0:\n        raise ValueError(n)\n    raise TypeError(n)\n", style: .numpy),
        .good("def f(x):\n    \"\"\"Do it.\n\n    Args:\n        x: The x value to use.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring, !docstring.problems.isEmpty else { return [] }
        // The penalty is shared by the docstring's unreadable parts: together they cost what one
        // does (0.3), so a malformed section never scores below a missing one (every part of a
        // ten-line section unreadable cost 97% of completeness before).
        let count = Double(docstring.problems.count)
        let share = 1 - pow(0.7, 1 / count)
        return docstring.problems.map {
            Violation(line: context.line($0.line), message: $0.message, subject: $0.message, penalty: share)
        }
    }
}
