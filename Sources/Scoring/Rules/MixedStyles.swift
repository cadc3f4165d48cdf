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
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n\n    ↓:returns: The result.\n    \"\"\"\n    return x\n", message: "`returns` is written in sphinx style in a google-style docstring; write all sections in one style"),
        .good("def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n\n    Returns:\n        The result.\n    \"\"\"\n    return x\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring, docstring.isMixed else { return [] }
        // One violation per section written in a style other than the docstring's own, so that
        // each further off-style section lowers the score again.
        return docstring.sections.filter { $0.style != docstring.style }.map { section in
            Violation(line: context.line(section.line),
                      message: "`\(section.title)` is written in \(section.style.rawValue) style in a \(docstring.style.rawValue)-style docstring; write all sections in one style",
                      subject: section.title, penalty: 0.25)
        }
    }
}
