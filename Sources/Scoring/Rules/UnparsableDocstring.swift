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
        .bad("def index(column):\n    \"\"\"Index a column.\n\n    Parameters\n    ----------\n    column : str\n        The column's name.\n\n    Raises\n    ------\n    ↓TypeError if the column is complex.\n    \"\"\"\n    if column.startswith('c'):\n        raise TypeError(column)\n", style: .numpy, message: "`TypeError if the column is complex.` in `Raises`: put `TypeError` alone on its line and its description indented under it"),
        .good("def root(n):\n    \"\"\"Take a root.\n\n    Parameters\n    ----------\n    n : float\n        The number.\n\n    Raises\n    ------\n    ValueError:\n        If n is negative.\n    TypeError: If n is not a number.\n    \"\"\"\n    if n < 0:\n        raise ValueError(n)\n    raise TypeError(n)\n", style: .numpy),
        .good("def f(x):\n    \"\"\"Do it.\n\n    Args:\n        x: The x value to use.\n    \"\"\"\n"),
    ]

    /// Π(1 − penalty) over what the rules that charge for undocumented parts find.
    static func undocumentedProduct(_ context: SymbolContext) -> Double {
        let rules: [any Rule] = [UndocumentedParameter(), UndocumentedReturn(), UndocumentedYield(), UndocumentedException()]
        return rules.flatMap { $0.check(context) }.reduce(1) { $0 * (1 - min(1, max(0, $1.penalty))) }
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring, !docstring.problems.isEmpty else { return [] }
        // The penalty is shared by the docstring's unreadable parts: together they cost what one
        // does (0.3; every part of a ten-line section unreadable cost 97% of completeness before).
        // And together with what the unreadable parts leave undocumented (which DH101, DH104,
        // DH105 and DH106 charge), never more than a docstring with no entries at all would cost:
        // a malformed section never scores below a missing one (it did, by the 0.3, issue 19).
        let charged = Self.undocumentedProduct(context)
        var bare = docstring
        bare.parameters = []
        bare.returns = []
        bare.yields = []
        bare.raises = []
        let missing = Self.undocumentedProduct(context.replacingDocstring(with: bare))
        let total = charged > 0 ? min(0.3, max(0, 1 - missing / charged)) : 0
        let share = 1 - pow(1 - total, 1 / Double(docstring.problems.count))
        return docstring.problems.map {
            Violation(line: context.line($0.line), message: $0.message, subject: $0.message, penalty: share)
        }
    }
}
