/// The docstring documents exceptions but the function raises none.
///
/// **Why it matters:** a `Raises:` section on code that no longer raises sends callers to handle
/// errors that cannot happen. The rule fires only when the body has no `raise` at all and calls
/// nothing but functions of the checked files that raise nothing themselves (followed three calls
/// deep, by name: `helper()`, `self.helper()`): any other call — a builtin, a library, a method of
/// another object — may raise what is documented, and so may a nested function it returns (a
/// decorator factory) or a property setter run by `self.x = …`.
///
/// **Example:** `def name(self): return self._name` documenting `Raises: KeyError`.
struct StaleException: Rule {
    static let code = "DH109"
    static let name = "stale-exception"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def double(x):\n    \"\"\"Double a number.\n\n    Args:\n        x: The number to double.\n\n    Returns:\n        int: Twice x.\n\n    Raises:\n    ↓    ValueError: Never, any more.\n    \"\"\"\n    return x * 2\n", message: "exceptions are documented but `double` raises none itself; remove the section or raise them"),
        .good("def load(path):\n    \"\"\"Load a configuration file.\n\n    Args:\n        path: Where the file is.\n\n    Returns:\n        dict: The settings.\n\n    Raises:\n        FileNotFoundError: If there is no file at path.\n    \"\"\"\n    return parse(read_text(path))\n"),
        .bad("def _clean(text):\n    \"\"\"Strip a text.\"\"\"\n    return text[1:]\n\n\ndef _check(text):\n    \"\"\"Check a text.\"\"\"\n    return _clean(text)\n\n\ndef parse(text):\n    \"\"\"Parse a text.\n\n    Args:\n        text: What to parse.\n\n    Returns:\n        str: The parsed text.\n\n    Raises:\n    ↓    ValueError: If the text is empty.\n    \"\"\"\n    return _check(text)\n",
             message: "exceptions are documented but neither `parse` nor what it calls (`_check`) raises any; remove the section or raise them"),
        .good("def _check(text):\n    \"\"\"Check a text.\"\"\"\n    if not text:\n        raise ValueError(text)\n\n\ndef parse(text):\n    \"\"\"Parse a text.\n\n    Args:\n        text: What to parse.\n\n    Returns:\n        str: The parsed text.\n\n    Raises:\n        ValueError: If the text is empty.\n    \"\"\"\n    return _check(text)\n"),
        .good("def validator(name):\n    \"\"\"Make a validator.\n\n    Args:\n        name: The flag.\n\n    Returns:\n        A decorator.\n\n    Raises:\n        KeyError: If the flag is unknown when the decorator is applied.\n    \"\"\"\n    def decorate(function):\n        if name not in FLAGS:\n            raise KeyError(name)\n        return function\n    return decorate\n"),
        .good("def name(d):\n    \"\"\"Get the name.\n\n    Args:\n        d: Data.\n\n    Returns:\n        str: The name.\n\n    Raises:\n        KeyError: If missing.\n    \"\"\"\n    if 'name' not in d:\n        raise KeyError('name')\n    return d['name']\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, let first = docstring.raises.first,
              context.symbol.raises.isEmpty, context.symbol.reraises.isEmpty, !context.isAbstract,
              // `self.x = value` may run a property's setter, which may raise (google-auth's
              // `CredentialAccessBoundary.__init__` documents its setters' ValueError).
              context.symbol.attributes.isEmpty else { return [] }
        guard context.symbol.makesCalls else {
            return [Violation(line: context.line(first.line),
                              message: "exceptions are documented but `\(context.symbol.name)` raises none itself; remove the section or raise them",
                              penalty: 0.15)]
        }
        // What a callee raises is the caller's to document (the audit found 7 of 8 findings on
        // calling functions wrong before callees were followed): only when every call is to a
        // function of the run that certainly raises nothing, followed three calls deep.
        guard let called = context.symbol.calledNames, let quiet = context.quietFunctions,
              called.allSatisfy(quiet.names.contains) else { return [] }
        return [Violation(line: context.line(first.line),
                          message: "exceptions are documented but neither `\(context.symbol.name)` nor what it calls (\(called.map { "`\($0)`" }.joined(separator: ", "))) raises any; remove the section or raise them",
                          penalty: 0.15)]
    }
}
