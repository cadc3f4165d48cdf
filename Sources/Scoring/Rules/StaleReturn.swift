import Docstrings
import Foundation
/// The docstring documents a return value or yielded items the function does not produce.
///
/// **Why it matters:** a `Returns:` section on a function that returns nothing tells callers to
/// use a value that is always `None`. Abstract methods and methods that only raise
/// `NotImplementedError` are exempt: they document what implementations return. A `Yields:`
/// section is stale on a function that does not yield, unless its annotation says it returns an
/// iterator (`-> Iterator[int]`): such a function is documented by what it yields as often as by
/// what it returns. Without an annotation the rule cannot tell `return _walk(graph)` from
/// `return 3.14 * r * r` and flags both.
///
/// **Example:** `def log(msg): print(msg)` documenting `Returns: bool`.
struct StaleReturn: Rule {
    static let code = "DH108"
    static let name = "stale-return"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .good("def on_remove(target, value):\n    \"\"\"Receive a remove event.\n\n    :param target: The object.\n    :param value: The removed value.\n    :return: No return value is defined for this event.\n    \"\"\"\n"),
        .bad("def log(msg):\n    \"\"\"Log.\n\n    Args:\n        msg: Text.\n\n    Returns:\n    ↓    bool: Success.\n    \"\"\"\n    print(msg)\n", message: "a return value is documented but `log` returns nothing; remove the returns section"),
        .good("def log(msg):\n    \"\"\"Log.\n\n    Args:\n        msg: Text.\n    \"\"\"\n    print(msg)\n"),
        .bad("def area(r) -> float:\n    \"\"\"Area of a disc.\n\n    Args:\n        r: The radius.\n\n    Yields:\n    ↓    float: The area.\n    \"\"\"\n    return 3.14159 * r * r\n", message: "yielded items are documented but `area` is not a generator; remove the yields section"),
        .good("def squares(n) -> Iterator[int]:\n    \"\"\"Square the numbers below n.\n\n    Args:\n        n: The bound.\n\n    Yields:\n        int: The next square.\n    \"\"\"\n    return (i * i for i in range(n))\n"),
        .good("class Base:\n    \"\"\"Base.\"\"\"\n    def size(self):\n        \"\"\"Size.\n\n        Returns:\n            int: The size.\n        \"\"\"\n        raise NotImplementedError\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, !context.isAbstract, !context.isProperty else { return [] }
        let symbol = context.symbol
        let onlyRaises = !symbol.raises.isEmpty && symbol.raises.allSatisfy { ExceptionName.normalize($0.exception) == "NotImplementedError" }
        if onlyRaises { return [] }
        var violations: [Violation] = []
        if let item = docstring.returns.first, !symbol.returnsValue, !symbol.yields,
           symbol.returns == nil || symbol.returns == "None", !Self.saysNothingIsReturned(item) {
            violations.append(Violation(line: context.line(item.line),
                                        message: "a return value is documented but `\(symbol.name)` returns nothing; remove the returns section",
                                        subject: "returns", penalty: 0.2))
        }
        // A function annotated to return an iterator (`-> Iterator[int]`) is documented by what
        // it yields as often as by what it returns.
        if let item = docstring.yields.first, !symbol.yields, !(symbol.returnsValue && Self.returnsIterator(symbol.returns)) {
            violations.append(Violation(line: context.line(item.line),
                                        message: "yielded items are documented but `\(symbol.name)` is not a generator; remove the yields section",
                                        subject: "yields", penalty: 0.2))
        }
        return violations
    }

    /// Whether a returns entry says that nothing is returned (`:return: No return value is
    /// defined for this event.`, `Returns: None`): true, not stale.
    static func saysNothingIsReturned(_ item: DocstringItem) -> Bool {
        let text = ((item.type ?? "") + " " + item.description).trimmingCharacters(in: .whitespaces).lowercased()
        return ["none", "no return", "nothing", "no value"].contains { text.hasPrefix($0) }
    }

    /// Whether a return annotation says the function returns an iterator.
    static func returnsIterator(_ annotation: String?) -> Bool {
        guard let annotation else { return false }
        return ["Iterator", "Iterable", "Generator"].contains { annotation.contains($0) }
    }
}
