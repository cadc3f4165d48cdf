/// The docstring documents a parameter the signature does not have.
///
/// **Why it matters:** a renamed or removed parameter left in the docstring is documentation that
/// lies; it is the most common kind of drift between code and docs. A function taking `**kwargs`
/// may document the keywords it accepts (`requests.request` documents `params`, `data`, … with
/// `:param:`), so for such a function a documented name that is not in the signature is read as
/// one of those keywords, not as a stale parameter.
///
/// **Example:** `def move(x, y):` whose docstring still documents `z`.
struct StaleParameter: Rule {
    static let code = "DH102"
    static let name = "stale-parameter"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def move(x):\n    \"\"\"Move.\n\n    Parameters\n    ----------\n    x : int\n        Horizontal.\n    ↓z : int\n        Depth.\n    \"\"\"\n", message: "`z` is documented but is not a parameter; remove it or rename it to match the signature"),
        .good("def move(x, **options):\n    \"\"\"Move.\n\n    Args:\n        x: Horizontal.\n        speed: How fast (one of the options).\n    \"\"\"\n"),
    ]

    /// Several at one place show as one line naming them all.
    static func groupedMessage(_ messages: [String]) -> String? {
        "\(quotedNames(messages)) are documented but are not parameters; remove them or rename them to match the signature"
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring else { return [] }
        let names = Set(context.symbol.parameters.map(\.name))
        // A function taking **kwargs may document the keywords it accepts in a keyword section.
        let acceptsKeywords = context.symbol.parameters.contains { $0.kind == .varKeyword }
        var seen: Set<String> = []
        var violations: [Violation] = []
        for item in docstring.parameters {
            guard let raw = item.name else { continue }
            let name = ParameterName.normalize(raw)
            guard !names.contains(name), seen.insert(name).inserted else { continue }
            if acceptsKeywords { continue }
            violations.append(Violation(line: context.line(item.line),
                                        message: "`\(raw)` is documented but is not a parameter; remove it or rename it to match the signature",
                                        subject: name, penalty: 0.2))
        }
        return violations
    }
}
