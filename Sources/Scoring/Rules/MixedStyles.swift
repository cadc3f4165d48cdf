/// One docstring mixes sections of different styles.
///
/// **Why it matters:** a parser reads one style per docstring; the sections in the other style are
/// rendered as prose and escape every check, which is how `:returns:` fields end up under an
/// `Args:` block unnoticed.
///
/// **Example:** Google `Args:` followed by Sphinx `:returns:`.
struct MixedStyles: Rule {
    static let code = "DH301"
    static let name = "mixed-styles"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n\n    :returns: The result.\n    \"\"\"\n    return x\n"),
        .good("def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n\n    Returns:\n        The result.\n    \"\"\"\n    return x\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring, docstring.isMixed else { return [] }
        let odd = docstring.sections.first { $0.style != docstring.style }
        return [Violation(line: odd.map { context.line($0.line) } ?? context.docstringLine,
                          message: "the docstring mixes \(docstring.styles.map(\.rawValue).joined(separator: " and ")) sections; write all of them in \(docstring.style.rawValue) style",
                          penalty: 0.4)]
    }
}
