import Docstrings

/// A section header is not spelled the way its style defines it.
///
/// **Why it matters:** napoleon and numpydoc recognise a fixed set of headers; `Return:` or an
/// underline shorter than its header is rendered as prose by some tools and silently accepted by
/// others. Consistent spelling also makes docstrings greppable.
///
/// **Example:** `Arguments:` in Google style (write `Args:`), `Parameters` over `-----` or over
/// `==========` (numpydoc reads `=` too, its guide writes dashes).
struct SectionSpelling: FixableRule {
    static let code = "DH302"
    static let name = "section-spelling"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"Scale.\n\n    ↓Arguments:\n        x: Factor.\n    \"\"\"\n", message: "write the `Arguments` header as `Args`",
             fixed: "def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n    \"\"\"\n"),
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Parameters\n    ↓-----\n    x : float\n        Factor.\n    \"\"\"\n", message: "the underline of `Parameters` has 5 dashes; use 10, one per letter",
             fixed: "def f(x):\n    \"\"\"Scale.\n\n    Parameters\n    ----------\n    x : float\n        Factor.\n    \"\"\"\n"),
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Parameters\n    ↓==========\n    x : float\n        Factor.\n    \"\"\"\n", message: "the underline of `Parameters` is `=`; numpydoc's guide underlines with dashes, 10, one per letter",
             fixed: "def f(x):\n    \"\"\"Scale.\n\n    Parameters\n    ----------\n    x : float\n        Factor.\n    \"\"\"\n"),
        .good("def f(x):\n    \"\"\"Scale.\n\n    Parameters\n    ----------\n    x : float\n        Factor.\n    \"\"\"\n"),
        .good("\"\"\"\nImportant note on ids\n----------------------------------------\n\nSeveral id schemes are used.\n\"\"\"\n"),
    ]

    /// The header spellings of a style with sections written as headers (Google, NumPy).
    static func names(_ style: DocstringStyle) -> [String: (kind: SectionKind, canonical: String)]? {
        switch style {
        case .google: SectionNames.google
        case .numpy: SectionNames.numpy
        default: nil
        }
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        var violations: [Violation] = []
        for section in docstring.sections {
            // A heading the style does not know (a reST section of a module docstring) is prose.
            guard let entry = Self.names(section.style)?[section.title.lowercased()] else { continue }
            if entry.canonical != section.title {
                violations.append(Violation(line: context.line(section.line),
                                            message: "write the `\(section.title)` header as `\(entry.canonical)`",
                                            subject: section.title, penalty: 0.05))
            }
            if section.underlineIsEquals {
                violations.append(Violation(line: context.line(section.line) + 1,
                                            message: "the underline of `\(section.title)` is `=`; numpydoc's guide underlines with dashes, \(section.title.count), one per letter",
                                            subject: section.title + "-", penalty: 0.05))
            } else if let length = section.underlineLength, length != section.title.count {
                violations.append(Violation(line: context.line(section.line) + 1,
                                            message: "the underline of `\(section.title)` has \(length) dashes; use \(section.title.count), one per letter",
                                            subject: section.title + "-", penalty: 0.05))
            }
        }
        return violations
    }

    /// Respells each header as the style writes it and sets a NumPy underline to one dash per
    /// letter of the (respelled) header.
    func fix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard let docstring = context.docstring else { return [] }
        var edits: [LineEdit] = []
        for section in docstring.sections {
            guard let table = Self.names(section.style), let title = table[section.title.lowercased()]?.canonical else { continue }
            let line = literal.line(section.line)
            if title != section.title {
                var content = lines.content(line)
                guard let range = content.firstRange(of: Array(section.title.utf8)) else { continue }
                content.replaceSubrange(range, with: Array(title.utf8))
                edits.append(LineEdit(start: line, end: line + 1, contents: [content]))
            }
            if let length = section.underlineLength, length != title.count || section.underlineIsEquals {
                var content = lines.content(line + 1)
                guard let start = content.firstIndex(of: UInt8(ascii: section.underlineIsEquals ? "=" : "-")) else { continue }
                content.replaceSubrange(start ..< start + length, with: [UInt8](repeating: UInt8(ascii: "-"), count: title.count))
                edits.append(LineEdit(start: line + 1, end: line + 2, contents: [content]))
            }
        }
        return edits
    }
}
