import Docstrings
/// Parameters are documented in a different order than the signature.
///
/// **Why it matters:** readers match the docstring against the call site; a different order makes
/// them search, and often hides a parameter that was renamed.
///
/// **Example:** `def move(x, y):` documenting `y` before `x`.
struct ParameterOrder: Rule {
    static let code = "DH103"
    static let name = "parameter-order"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .good("def grid(rows, left=None, bottom=None, right=None, top=None):\n    \"\"\"Lay out a grid.\n\n    Parameters\n    ----------\n    rows : int\n        How many rows.\n    left, right, top, bottom : float\n        The extent.\n    \"\"\"\n", style: .numpy),
        .bad("def move(x, y):\n    \"\"\"Move.\n\n    Args:\n        y: Vertical.\n    ↓    x: Horizontal.\n    \"\"\"\n", message: "`x` is documented after a parameter that follows it in the signature; document parameters in signature order"),
        .good("def move(x, y):\n    \"\"\"Move.\n\n    Args:\n        x: Horizontal.\n        y: Vertical.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring else { return [] }
        let position = Dictionary(context.symbol.parameters.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var documented: [(Int, DocstringItem)] = []
        for item in docstring.parameters {
            guard let index = item.name.flatMap({ position[ParameterName.normalize($0)] }) else { continue }
            // NumPy's `left, right, top, bottom : float` is one entry: its names are not ordered
            // against each other (matplotlib's GridSpec), the entry is placed by its first.
            if let last = documented.last, last.1.line == item.line {
                documented[documented.count - 1].0 = min(last.0, index)
                continue
            }
            documented.append((index, item))
        }
        for (previous, next) in zip(documented, documented.dropFirst()) where next.0 < previous.0 {
            let name = next.1.name ?? ""
            return [Violation(line: context.line(next.1.line),
                              message: "`\(name)` is documented after a parameter that follows it in the signature; document parameters in signature order",
                              penalty: 0.1)]
        }
        return []
    }
}
