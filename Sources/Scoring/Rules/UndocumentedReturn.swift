import PythonSyntax

/// A function returns a value but the docstring does not document it.
///
/// **Why it matters:** the return value is half of a function's contract; callers need its type
/// and meaning. Properties are exempt (their summary describes the value), and so is a
/// `-> None` annotation, and a docstring with a `Yields` section (it documents the iterator the
/// function returns, as `return super().split(X)` does).
///
/// **Example:** `def area(w, h): return w * h` with `Args:` but no `Returns:`.
struct UndocumentedReturn: Rule {
    static let code = "DH104"
    static let name = "undocumented-return"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def area(w, h):\n    ↓\"\"\"Compute an area.\n\n    Args:\n        w: Width.\n        h: Height.\n    \"\"\"\n    return w * h\n", message: "`area` returns a value but its docstring has no `Returns:` section"),
        .good("def area(w, h):\n    \"\"\"Compute an area.\n\n    Args:\n        w: Width.\n        h: Height.\n\n    Returns:\n        The area.\n    \"\"\"\n    return w * h\n"),
        .good("class Splitter(Base):\n    \"\"\"Split data.\"\"\"\n\n    def split(self, X):\n        \"\"\"Generate train and test indices.\n\n        Args:\n            X: The data.\n\n        Yields:\n            tuple: The indices of one split.\n        \"\"\"\n        return super().split(X)\n"),
        .good("class Box:\n    \"\"\"A box.\"\"\"\n    @property\n    def size(self):\n        \"\"\"The size.\"\"\"\n        return 3\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, !context.skipsSectionChecks,
              Self.returnsValue(context.symbol), !context.isProperty, docstring.returns.isEmpty,
              // `return super().split(X)` documented with `Yields`: the section says what the
              // returned iterator gives (scikit-learn's splitters); DH108 judges a wrong one.
              docstring.yields.isEmpty else { return [] }
        return [Violation(line: context.docstringLine,
                          message: "`\(context.symbol.name)` returns a value but its docstring has no \(ReturnSection.name(for: context))",
                          penalty: 0.3)]
    }
}

extension UndocumentedReturn {
    /// Whether a function returns a value: a `return` with one, or a return annotation naming a
    /// type other than `None`, `NoReturn` or `Never` on a function that is not a generator.
    static func returnsValue(_ symbol: Symbol) -> Bool {
        if symbol.returnsValue { return true }
        guard let annotation = symbol.returns, !symbol.yields else { return false }
        let bare = annotation.split(separator: ".").last.map(String.init) ?? annotation
        return !["None", "NoReturn", "Never", "'None'", "\"None\""].contains(bare)
    }
}

/// The name of the returns section in the project's style, for messages.
enum ReturnSection {
    static func name(for context: SymbolContext) -> String {
        switch context.writingStyle {
        case .google: "`Returns:` section"
        case .numpy: "`Returns` section"
        case .sphinx: "`:returns:` field"
        case .epytext: "`@return:` field"
        case .plain: "returns section"
        }
    }
}
