import Docstrings

/// Sections appear in a different order than the style's guide gives.
///
/// **Why it matters:** readers look for `Returns` after `Parameters` and `Raises` after both;
/// numpydoc's guide fixes the full order, the Google guide the order of Args, Returns/Yields and
/// Raises.
///
/// **Example:** `Returns` before `Parameters` in a NumPy docstring.
struct SectionOrder: FixableRule {
    static let code = "DH303"
    static let name = "section-order"
    static let dimension = Dimension.style
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Returns:\n        The result.\n\n    ↓Args:\n        x: Factor.\n    \"\"\"\n    return x\n", message: "`Args` comes after `Returns`; google style puts it before",
             fixed: "def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n\n    Returns:\n        The result.\n    \"\"\"\n    return x\n"),
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Returns:\n        The result.\n\n    ↓Args:\n        x: Factor.\n\n    .. versionadded:: 2.0\n    \"\"\"\n    return x\n", message: "`Args` comes after `Returns`; google style puts it before",
             fixed: "def f(x):\n    \"\"\"Scale.\n\n    Args:\n        x: Factor.\n\n    Returns:\n        The result.\n\n    .. versionadded:: 2.0\n    \"\"\"\n    return x\n"),
        .bad("def f(x):\n    \"\"\"Scale.\n\n    Returns:\n        The result.\n\n    Note that x is scaled.\n\n    ↓Args:\n        x: Factor.\n    \"\"\"\n    return x\n", message: "`Args` comes after `Returns`; google style puts it before",
             fixed: "def f(x):\n    \"\"\"Scale.\n\n    Returns:\n        The result.\n\n    Note that x is scaled.\n\n    Args:\n        x: Factor.\n    \"\"\"\n    return x\n"),
        .good("class Segment:\n    \"\"\"A piece of text.\n\n    Args:\n        text: The text.\n\n    Attributes:\n        cell_length: Terminal cells the text takes.\n    \"\"\"\n\n    def __init__(self, text):\n        self.text = text\n"),
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

    /// Moves whole sections (header to the next header, trailing blank lines left as one
    /// separator) into the style's order, keeping the order of sections of equal rank. Only when
    /// every section is of the docstring's style and has a place in its order, the closing quotes
    /// are on a line of their own, and each section's end is sure: a Google section's lines are
    /// indented under its header (a paragraph after the last one stays at the end), a NumPy
    /// section has no blank line.
    func fix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard !check(context).isEmpty, let docstring = context.docstring, docstring.layout.lastLineIsBlank else { return [] }
        let order: [SectionKind] = docstring.style == .google ? SectionNames.googleOrder : SectionNames.numpyOrder
        let sections = docstring.sections
        guard !sections.isEmpty, sections.allSatisfy({ $0.style == docstring.style && order.contains($0.kind) }) else { return [] }
        let end = docstring.lineCount - 1
        func isBlank(_ offset: Int) -> Bool { lines.content(literal.line(offset)).allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        var blocks: [(rank: Int, lines: [[UInt8]])] = []
        for (index, section) in sections.enumerated() {
            var stop = index + 1 < sections.count ? sections[index + 1].line : end
            while stop > section.line + 1, isBlank(stop - 1) { stop -= 1 }
            blocks.append((order.firstIndex(of: section.kind)!, (section.line ..< stop).map { lines.content(literal.line($0)) }))
        }
        // A line at the header's indentation inside a Google section (a `.. versionadded::`, a
        // closing paragraph) is not the section's: after the last section it stays at the end,
        // between sections the docstring is left to its author. A NumPy section has no sure end
        // after a blank line.
        var tail: [[UInt8]] = []
        for (index, block) in blocks.enumerated() {
            let header = block.lines[0]
            let indent = header.prefix { $0 == 0x20 || $0 == 0x09 }.count
            for (offset, line) in block.lines.enumerated().dropFirst() {
                let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
                if docstring.style == .numpy, blank { return [] }
                guard docstring.style == .google, !blank, line.prefix(while: { $0 == 0x20 || $0 == 0x09 }).count <= indent else { continue }
                guard index == blocks.count - 1 else { return [] }
                tail = Array(block.lines[offset...])
                var kept = Array(block.lines[..<offset])
                while let last = kept.last, last.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { kept.removeLast() }
                blocks[index].lines = kept
                break
            }
        }
        let sorted = blocks.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.lines)
        var contents: [[UInt8]] = []
        for (index, block) in sorted.enumerated() {
            if index > 0 { contents.append([]) }
            contents += block
        }
        if !tail.isEmpty { contents += [[]] + tail }
        var last = end
        while last > sections[sections.count - 1].line + 1, isBlank(last - 1) { last -= 1 }
        return [LineEdit(start: literal.line(sections[0].line), end: literal.line(last), contents: contents)]
    }
}
