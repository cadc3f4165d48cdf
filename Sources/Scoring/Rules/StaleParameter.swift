import PythonSyntax
/// The docstring documents a parameter the signature does not have.
///
/// **Why it matters:** a renamed or removed parameter left in the docstring is documentation that
/// lies; it is the most common kind of drift between code and docs. A function taking `**kwargs`
/// may document the keywords it accepts (`requests.request` documents `params`, `data`, … with
/// `:param:`), so for such a function a documented name that is not in the signature is read as
/// one of those keywords, not as a stale parameter — unless the body reads keywords from
/// `kwargs` only by literal key (`kwargs.get("timeout")`) and never this one.
///
/// A class docstring that documents its constructor's parameters (and `__init__`'s docstring
/// does not) is checked against `__init__`'s signature. A property getter's docstring may
/// document the parameters of what the property returns when that is called, and is left alone.
///
/// **Example:** `def move(x, y):` whose docstring still documents `z`.
struct StaleParameter: FixableRule {
    static let code = "DH102"
    static let name = "stale-parameter"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .good("def cast(expression, type_):\n    r\"\"\"Cast an expression.\n\n    :param expression: What to cast.\n    :param type\\_: The SQL type to cast to.\n    \"\"\"\n"),
        .bad("def move(x):\n    \"\"\"Move.\n\n    Parameters\n    ----------\n    x : int\n        Horizontal.\n    ↓z : int\n        Depth.\n    \"\"\"\n", message: "`z` is documented but is not a parameter; remove it or rename it to match the signature",
             fixed: "def move(x):\n    \"\"\"Move.\n\n    Parameters\n    ----------\n    x : int\n        Horizontal.\n    \"\"\"\n"),
        .bad("def move(x):\n    \"\"\"Move.\n\n    Args:\n    ↓    y: Vertical,\n            in metres.\n        x: Horizontal.\n    \"\"\"\n", message: "`y` is documented but is not a parameter; remove it or rename it to match the signature",
             fixed: "def move(x):\n    \"\"\"Move.\n\n    Args:\n        x: Horizontal.\n    \"\"\"\n"),
        .bad("def move(width):\n    \"\"\"Move.\n\n    Args:\n    ↓    wdth: How far.\n    \"\"\"\n", message: "`wdth` is documented but is not a parameter; remove it or rename it to match the signature",
             fixed: "def move(width):\n    \"\"\"Move.\n\n    Args:\n        wdth: How far.\n    \"\"\"\n",
             unsafeFixed: "def move(width):\n    \"\"\"Move.\n    \"\"\"\n"),
        .good("def total(*args, **kwargs):\n    r\"\"\"Add numbers.\n\n    Parameters\n    ----------\n    \\*args : int\n        The numbers.\n    \\*\\*kwargs : dict\n        Ignored.\n    \"\"\"\n"),
        .good("def move(x, **options):\n    \"\"\"Move.\n\n    Args:\n        x: Horizontal.\n        speed: How fast (one of the options).\n    \"\"\"\n"),
        .bad("class Pen:\n    \"\"\"A pen that draws lines.\n\n    Args:\n        colour: Ink colour.\n    ↓    width: Stroke width.\n    \"\"\"\n\n    def __init__(self, colour):\n        self.colour = colour\n", message: "`width` is documented but is not a parameter; remove it or rename it to match the signature",
             fixed: "class Pen:\n    \"\"\"A pen that draws lines.\n\n    Args:\n        colour: Ink colour.\n    \"\"\"\n\n    def __init__(self, colour):\n        self.colour = colour\n"),
        .good("def move(x, **options):\n    \"\"\"Move.\n\n    Args:\n        x: Horizontal.\n        speed: How fast.\n    \"\"\"\n    return x * options.get(\"speed\", 1)\n"),
        .good("class Graph:\n    @cached_property\n    def edges(self):\n        \"\"\"An EdgeView of the graph, called as G.edges(nbunch, data).\n\n        Parameters\n        ----------\n        nbunch : container of nodes, optional\n            Only the edges of these nodes.\n        data : bool, optional\n            Whether to report the edges' data too.\n        \"\"\"\n        return EdgeView(self)\n"),
        .bad("def move(x, **options):\n    \"\"\"Move.\n\n    Args:\n        x: Horizontal.\n    ↓    sped: How fast.\n    \"\"\"\n    return x * options.get(\"speed\", 1)\n", message: "`sped` is documented but is not a parameter; remove it or rename it to match the signature",
             fixed: "def move(x, **options):\n    \"\"\"Move.\n\n    Args:\n        x: Horizontal.\n    \"\"\"\n    return x * options.get(\"speed\", 1)\n"),
    ]

    /// Several at one place show as one line naming them all.
    static func groupedMessage(_ messages: [String]) -> String? {
        "\(quotedNames(messages)) are documented but are not parameters; remove them or rename them to match the signature"
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        // Whose signature the entries describe: the function's own, or for a class documenting
        // its constructor, `__init__`'s (pydoclint's DOC3xx).
        let function: Symbol
        if context.isFunction {
            function = context.symbol
        } else if let constructor = context.constructorContext?.symbol {
            function = constructor
        } else {
            return []
        }
        // A property getter takes only `self`: entries in its docstring describe what it returns
        // when that is called (NetworkX's `G.edges(nbunch, data, default)` view), not stale names.
        if context.isFunction, context.isProperty, function.parameters.count <= 1 { return [] }
        let names = Set(function.parameters.map(\.name))
        // A function taking **kwargs may document the keywords it accepts — those it reads by
        // name, or any when it passes them on or uses them whole (`keywordsRead` nil).
        let acceptsKeywords = function.parameters.contains { $0.kind == .varKeyword }
        let keywordsRead = function.keywordsRead.map(Set.init)
        var seen: Set<String> = []
        var violations: [Violation] = []
        for item in docstring.parameters {
            guard let raw = item.name else { continue }
            let name = ParameterName.normalize(raw)
            guard !names.contains(name), seen.insert(name).inserted else { continue }
            if acceptsKeywords, keywordsRead?.contains(name) ?? true { continue }
            violations.append(Violation(line: context.line(item.line),
                                        message: "`\(raw)` is documented but is not a parameter; remove it or rename it to match the signature",
                                        subject: name, penalty: 0.2))
        }
        return violations
    }

    /// Removes the entries of parameters the signature no longer has: each entry's line and its
    /// description's, up to the next entry, header or blank line. A section whose every entry is
    /// stale is left to its author.
    func fix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard let docstring = context.docstring else { return [] }
        let stale = Set(check(context).map(\.subject))
        guard !stale.isEmpty else { return [] }
        let items = docstring.parameters
        let starts = Set(items.map(\.line) + docstring.sections.map(\.line) + docstring.returns.map(\.line) + docstring.raises.map(\.line)
            + docstring.yields.map(\.line) + docstring.attributes.map(\.line))
        var edits: [LineEdit] = []
        for section in Set(items.map(\.section)) {
            let entries = items.filter { $0.section == section }
            let removed = entries.filter { item in item.name.map { !$0.contains(",") && stale.contains(ParameterName.normalize($0)) } ?? false }
            guard !removed.isEmpty, removed.count < entries.count else { continue }
            for item in removed {
                var end = item.line + 1
                while end < docstring.lineCount - 1, !starts.contains(end),
                      !lines.content(literal.line(end)).allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { end += 1 }
                edits.append(LineEdit(start: literal.line(item.line), end: literal.line(end), contents: []))
            }
        }
        return edits
    }

    /// Removes a section whose every entry is stale, header and all: the parameters may have
    /// been renamed rather than removed, so what the entries said may be worth keeping.
    func unsafeFix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] {
        guard let docstring = context.docstring else { return [] }
        let stale = Set(check(context).map(\.subject))
        func isBlank(_ offset: Int) -> Bool { lines.content(literal.line(offset)).allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        for kind in Set(docstring.parameters.map(\.section)) {
            let entries = docstring.parameters.filter { $0.section == kind }
            guard let first = entries.first, entries.allSatisfy({ item in item.name.map { stale.contains(ParameterName.normalize($0)) } ?? false }),
                  let header = docstring.sections.filter({ $0.kind == kind && $0.line < first.line }).max(by: { $0.line < $1.line }) else { continue }
            let next = docstring.sections.map(\.line).filter { $0 > header.line }.min()
            var start = header.line
            var end: Int
            if let next {
                end = next
            } else {
                // The last section: up to the closing quotes, with the blank line before it.
                end = docstring.layout.lastLineIsBlank ? docstring.lineCount - 1 : docstring.lineCount
                if start > 0, isBlank(start - 1) { start -= 1 }
                guard docstring.layout.lastLineIsBlank else { return [] }
            }
            return [LineEdit(start: literal.line(start), end: literal.line(end), contents: [])]
        }
        return []
    }
}
