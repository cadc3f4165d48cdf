import Docstrings

/// The docstring is written in a different style from the project's.
///
/// **Why it matters:** one style per project is what Sphinx extensions, IDEs and readers expect;
/// napoleon cannot read NumPy sections configured for Google and vice versa. The project style
/// is `style` in the configuration, or the style most docstrings in the checked files use.
///
/// **Example:** a NumPy `Parameters` section in a Google-style project.
struct StyleMismatch: Rule {
    static let code = "DH300"
    static let name = "style-mismatch"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"Scale.\n\n    ↓Parameters\n    ----------\n    x : float\n        Factor.\n    \"\"\"\n", style: .google, message: "the docstring is in numpy style but the project uses google style"),
        .good("def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x (float): Factor.\n    \"\"\"\n", style: .google),
        .good("def f():\n    \"\"\"Scale by the default factor.\"\"\"\n", style: .numpy),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring, docstring.style != .plain, context.projectStyle != .plain,
              docstring.style != context.projectStyle else { return [] }
        let line = docstring.sections.first.map { context.line($0.line) } ?? context.docstringLine
        return [Violation(line: line,
                          message: "the docstring is in \(docstring.style.rawValue) style but the project uses \(context.projectStyle.rawValue) style",
                          penalty: 0.3)]
    }
}
