import Docstrings

/// A section header is not spelled the way its style defines it.
///
/// **Why it matters:** napoleon and numpydoc recognise a fixed set of headers; `Return:` or an
/// underline shorter than its header is rendered as prose by some tools and silently accepted by
/// others. Consistent spelling also makes docstrings greppable.
///
/// **Example:** `Arguments:` in Google style (write `Args:`), `Parameters` over `-----`.
struct SectionSpelling: Rule {
    static let code = "DH302"
    static let name = "section-spelling"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"Scale.\n\n    ↓Arguments:\n        x: Factor.\n    \"\"\"\n", message: "write the `Arguments` header as `Args`"),
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Parameters\n    ↓-----\n    x : float\n        Factor.\n    \"\"\"\n", message: "the underline of `Parameters` has 5 dashes; use 10, one per letter"),
        .good("def f(x):\n    \"\"\"Scale.\n\n    Parameters\n    ----------\n    x : float\n        Factor.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        var violations: [Violation] = []
        for section in docstring.sections {
            let table: [String: (kind: SectionKind, canonical: String)]
            switch section.style {
            case .google: table = SectionNames.google
            case .numpy: table = SectionNames.numpy
            default: continue
            }
            if let entry = table[section.title.lowercased()], entry.canonical != section.title {
                violations.append(Violation(line: context.line(section.line),
                                            message: "write the `\(section.title)` header as `\(entry.canonical)`",
                                            subject: section.title, penalty: 0.05))
            }
            if let length = section.underlineLength, length != section.title.count {
                violations.append(Violation(line: context.line(section.line) + 1,
                                            message: "the underline of `\(section.title)` has \(length) dashes; use \(section.title.count), one per letter",
                                            subject: section.title + "-", penalty: 0.05))
            }
        }
        return violations
    }
}
