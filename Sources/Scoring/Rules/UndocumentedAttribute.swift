/// A public class attribute is missing from a structured class docstring.
///
/// **Why it matters:** class attributes are part of a class's interface; Google and NumPy have an
/// `Attributes` section and Sphinx has `:ivar:`/`:cvar:` for them. The rule applies when the class
/// docstring documents attributes at all (an `Attributes` section, `:ivar:`/`:cvar:` fields): a
/// docstring that documents only the constructor's parameters has not taken on the attributes, and
/// a summary-only docstring is judged by DH400. Entries under `Args:`/`:param` count as
/// documenting the attribute of the same name (a dataclass's fields are its parameters).
///
/// **Example:** `class Config:` with `timeout = 30` and an `Attributes:` section that omits it.
struct UndocumentedAttribute: Rule {
    static let code = "DH107"
    static let name = "undocumented-attribute"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("class Config:\n    \"\"\"Settings.\n\n    ↓Attributes:\n        retries: How often to retry.\n    \"\"\"\n    retries = 3\n    timeout = 30\n", message: "class attribute `timeout` is not documented"),
        .good("class Config:\n    \"\"\"Settings.\n\n    Args:\n        path: Where they are read from.\n    \"\"\"\n    retries = 3\n\n    def __init__(self, path):\n        self.path = path\n"),
        .good("class Config:\n    \"\"\"Settings.\n\n    Attributes:\n        retries: How often to retry.\n        timeout: Seconds to wait.\n    \"\"\"\n    retries = 3\n    timeout = 30\n    _cache = None\n"),
        .good("class Config:\n    \"\"\"Settings.\"\"\"\n    retries = 3\n"),
        .good("@dataclass\nclass Point:\n    \"\"\"A point on the screen.\n\n    Args:\n        x: Pixels from the left.\n        y: Pixels from the top.\n\n    Attributes:\n        label: What the point is called.\n    \"\"\"\n    x: int\n    y: int\n    label: str = ''\n"),
    ]

    /// Several at one place show as one line naming them all.
    static func groupedMessage(_ messages: [String]) -> String? {
        "\(messages.count) class attributes are not documented: \(quotedNames(messages))"
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.symbol.kind == .class, let docstring = context.docstring,
              !docstring.attributes.isEmpty || docstring.sections.contains(where: { $0.kind == .attributes }) else { return [] }
        // A dataclass's (attrs', pydantic's) fields are its constructor's parameters too, and are
        // often documented under `Args:`/`:param`: those entries document the attributes.
        let documented = Set((docstring.attributes + docstring.parameters).compactMap { $0.name.map(ParameterName.normalize) })
        let line = docstring.sections.first(where: { $0.kind == .attributes }).map { context.line($0.line) } ?? context.docstringLine
        return context.symbol.attributes.filter { !$0.name.hasPrefix("_") && !documented.contains($0.name) }.map {
            Violation(line: line, message: "class attribute `\($0.name)` is not documented", subject: $0.name, penalty: 0.1)
        }
    }
}
