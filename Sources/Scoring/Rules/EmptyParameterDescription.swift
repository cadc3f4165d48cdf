/// A documented parameter has no description, or one that only repeats its name.
///
/// **Why it matters:** `x: x` or a bare `:param x:` passes every presence check and helps no one;
/// it is what an IDE template or a hurried fix leaves behind.
///
/// **Example:** `Args:\n    path: path`.
struct EmptyParameterDescription: Rule {
    static let code = "DH206"
    static let name = "empty-parameter-description"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def f(path):\n    \"\"\"Open a file.\n\n    Args:\n    ↓    path: path\n    \"\"\"\n", message: "`path` is described only by its name; say what it is for and which values it takes"),
        .bad("def f(path):\n    \"\"\"Open a file.\n\n    ↓:param path:\n    \"\"\"\n", message: "`path` has no description; say what it is for and which values it takes"),
        .good("def f(path):\n    \"\"\"Open a file.\n\n    Args:\n        path: Where the file is, relative to the working directory.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        var violations: [Violation] = []
        for item in docstring.parameters + docstring.attributes {
            guard let name = item.name else { continue }
            let bare = ParameterName.normalize(name).lowercased()
            if ContentFreeDescription.isEmptyOrName(item.description, name: name) {
                let what = item.description.isEmpty ? "has no description" : "is described only by its name"
                violations.append(Violation(line: context.line(item.line),
                                            message: "`\(name)` \(what); say what it is for and which values it takes",
                                            subject: bare, penalty: 0.1))
            }
        }
        return violations
    }
}
