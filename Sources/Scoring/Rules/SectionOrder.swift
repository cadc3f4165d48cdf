import Docstrings

/// Sections appear in a different order than the style's guide gives.
///
/// **Why it matters:** readers look for `Returns` after `Parameters` and `Raises` after both;
/// numpydoc's guide fixes the full order, the Google guide the order of Args, Returns/Yields and
/// Raises.
///
/// **Example:** `Returns` before `Parameters` in a NumPy docstring.
struct SectionOrder: Rule {
    static let code = "DH303"
    static let name = "section-order"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Returns:\n        The result.\n\n    ↓Args:\n        x: Factor.\n    \"\"\"\n    return x\n", message: "`Args` comes after `Returns`; google style puts it before"),
        .good("def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n\n    Returns:\n        The result.\n    \"\"\"\n    return x\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        let order: [SectionKind]
        switch docstring.style {
        case .google: order = SectionNames.googleOrder
        case .numpy: order = SectionNames.numpyOrder
        default: return []
        }
        let ranked = docstring.sections.filter { $0.style == docstring.style }.compactMap { section in
            order.firstIndex(of: section.kind).map { (rank: $0, section: section) }
        }
        for (previous, next) in zip(ranked, ranked.dropFirst()) where next.rank < previous.rank {
            return [Violation(line: context.line(next.section.line),
                              message: "`\(next.section.title)` comes after `\(previous.section.title)`; \(docstring.style.rawValue) style puts it before",
                              penalty: 0.1)]
        }
        return []
    }
}
