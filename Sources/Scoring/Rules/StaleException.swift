/// The docstring documents exceptions but the function raises none.
///
/// **Why it matters:** a `Raises:` section on code that no longer raises sends callers to handle
/// errors that cannot happen. The rule fires only when the body has no `raise` at all and calls
/// nothing, since a called function may raise what is documented.
///
/// **Example:** `def name(self): return self._name` documenting `Raises: KeyError`.
struct StaleException: Rule {
    static let code = "DH109"
    static let name = "stale-exception"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def double(x):\n    \"\"\"Double a number.\n\n    Args:\n        x: The number to double.\n\n    Returns:\n        int: Twice x.\n\n    Raises:\n    ↓    ValueError: Never, any more.\n    \"\"\"\n    return x * 2\n", message: "exceptions are documented but `double` raises none itself; remove the section or raise them"),
        .good("def load(path):\n    \"\"\"Load a configuration file.\n\n    Args:\n        path: Where the file is.\n\n    Returns:\n        dict: The settings.\n\n    Raises:\n        FileNotFoundError: If there is no file at path.\n    \"\"\"\n    return parse(read_text(path))\n"),
        .good("def name(d):\n    \"\"\"Get the name.\n\n    Args:\n        d: Data.\n\n    Returns:\n        str: The name.\n\n    Raises:\n        KeyError: If missing.\n    \"\"\"\n    if 'name' not in d:\n        raise KeyError('name')\n    return d['name']\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, let first = docstring.raises.first,
              context.symbol.raises.isEmpty, context.symbol.reraises.isEmpty, !context.isAbstract,
              // What a callee raises is the caller's to document: the audit found 7 of 8 such
              // findings wrong. Callees are not followed (yet), so a function that calls anything
              // is given the benefit of the doubt.
              !context.symbol.makesCalls else { return [] }
        return [Violation(line: context.line(first.line),
                          message: "exceptions are documented but `\(context.symbol.name)` raises none itself; remove the section or raise them",
                          penalty: 0.15)]
    }
}
