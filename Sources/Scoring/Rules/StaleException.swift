/// The docstring documents exceptions but the function raises none.
///
/// **Why it matters:** a `Raises:` section on code that no longer raises sends callers to handle
/// errors that cannot happen. The rule fires only when the body has no `raise` at all, since a
/// called function may raise what is documented.
///
/// **Example:** `def name(self): return self._name` documenting `Raises: KeyError`.
struct StaleException: Rule {
    static let code = "DH109"
    static let name = "stale-exception"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def name(d):\n    \"\"\"Get the name.\n\n    Args:\n        d: Data.\n\n    Returns:\n        str: The name.\n\n    Raises:\n    ↓    KeyError: Never, any more.\n    \"\"\"\n    return d.get('name')\n", message: "exceptions are documented but `name` raises none itself; remove the section or raise them"),
        .good("def name(d):\n    \"\"\"Get the name.\n\n    Args:\n        d: Data.\n\n    Returns:\n        str: The name.\n\n    Raises:\n        KeyError: If missing.\n    \"\"\"\n    if 'name' not in d:\n        raise KeyError('name')\n    return d['name']\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, let first = docstring.raises.first,
              context.symbol.raises.isEmpty, context.symbol.reraises.isEmpty, !context.isAbstract else { return [] }
        return [Violation(line: context.line(first.line),
                          message: "exceptions are documented but `\(context.symbol.name)` raises none itself; remove the section or raise them",
                          penalty: 0.15)]
    }
}
