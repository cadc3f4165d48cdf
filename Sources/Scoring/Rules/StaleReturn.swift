/// The docstring documents a return value or yielded items the function does not produce.
///
/// **Why it matters:** a `Returns:` section on a function that returns nothing tells callers to
/// use a value that is always `None`. Abstract methods and methods that only raise
/// `NotImplementedError` are exempt: they document what implementations return. A `Yields:`
/// section is stale only on a function that neither yields nor returns a value: one that returns
/// an iterator is documented by what it yields as often as by what it returns.
///
/// **Example:** `def log(msg): print(msg)` documenting `Returns: bool`.
struct StaleReturn: Rule {
    static let code = "DH108"
    static let name = "stale-return"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def log(msg):\n    \"\"\"Log.\n\n    Args:\n        msg: Text.\n\n    Returns:\n    ↓    bool: Success.\n    \"\"\"\n    print(msg)\n", message: "a return value is documented but `log` returns nothing; remove the returns section"),
        .good("def log(msg):\n    \"\"\"Log.\n\n    Args:\n        msg: Text.\n    \"\"\"\n    print(msg)\n"),
        .good("def squares(n):\n    \"\"\"Square the numbers below n.\n\n    Args:\n        n: The bound.\n\n    Yields:\n        int: The next square.\n    \"\"\"\n    return (i * i for i in range(n))\n"),
        .good("class Base:\n    \"\"\"Base.\"\"\"\n    def size(self):\n        \"\"\"Size.\n\n        Returns:\n            int: The size.\n        \"\"\"\n        raise NotImplementedError\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, !context.isAbstract, !context.isProperty else { return [] }
        let symbol = context.symbol
        let onlyRaises = !symbol.raises.isEmpty && symbol.raises.allSatisfy { ExceptionName.normalize($0.exception) == "NotImplementedError" }
        if onlyRaises { return [] }
        var violations: [Violation] = []
        if let item = docstring.returns.first, !symbol.returnsValue, !symbol.yields,
           symbol.returns == nil || symbol.returns == "None" {
            violations.append(Violation(line: context.line(item.line),
                                        message: "a return value is documented but `\(symbol.name)` returns nothing; remove the returns section",
                                        subject: "returns", penalty: 0.2))
        }
        // A function that returns an iterator (`return (x for x in …)`, `return _walk(graph)`)
        // is documented by what it yields as often as by what it returns.
        if let item = docstring.yields.first, !symbol.yields, !symbol.returnsValue {
            violations.append(Violation(line: context.line(item.line),
                                        message: "yielded items are documented but `\(symbol.name)` is not a generator; remove the yields section",
                                        subject: "yields", penalty: 0.2))
        }
        return violations
    }
}
