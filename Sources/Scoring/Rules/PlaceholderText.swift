/// The docstring contains placeholder text from a template or a note left for later.
///
/// **Why it matters:** IDE templates (`_summary_`, `[description]`, `Description of x`) and
/// `TODO`/`FIXME` markers look like documentation to a coverage counter but say nothing; they are
/// the first thing a generated or rushed docstring leaves behind.
///
/// **Example:** `"""_summary_\n\n    Args:\n        x (_type_): _description_\n    """`.
struct PlaceholderText: Rule {
    static let code = "DH205"
    static let name = "placeholder-text"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    \"\"\"_summary_\n\n    Args:\n        x (_type_): _description_\n    \"\"\"\n"),
        .bad("def f():\n    \"\"\"TODO: write this.\"\"\"\n"),
        .bad("def f(x):\n    \"\"\"Scale a vector.\n\n    :param x: Description of x.\n    \"\"\"\n"),
        .good("def f(x):\n    \"\"\"Scale a vector.\n\n    Args:\n        x (float): The factor; 1 keeps the length.\n    \"\"\"\n"),
    ]

    /// Template leftovers, matched case-insensitively anywhere in a text.
    static let templateMarkers = [
        "_summary_", "_description_", "_type_", "_extended_summary_", "[summary]", "[description]", "[type]",
        "[extended_summary]", "<description>", "<summary>", "insert description here", "lorem ipsum",
        "summary line.", "short description", "add description", "write description", "docstring here",
    ]

    /// Words that mark unfinished text when written in capitals.
    static let markers = ["TODO", "FIXME", "XXX", "TBD"]

    /// The placeholder found in `text`, or nil.
    static func placeholder(in text: String, name: String?) -> String? {
        let lower = text.lowercased()
        if let marker = templateMarkers.first(where: { lower.contains($0) }) { return marker }
        for word in text.split(whereSeparator: { !$0.isLetter }) where markers.contains(String(word)) {
            return String(word)
        }
        if let name {
            let trimmed = lower.trimmingCharacters().filter { $0 != "`" && $0 != "." }
            if trimmed == "description of \(name.lowercased())" || trimmed == "the \(name.lowercased()) parameter" {
                return text.trimmingCharacters()
            }
        }
        if lower.hasPrefix("description of ") { return "Description of …" }
        return nil
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        var violations: [Violation] = []
        if let summary = docstring.summary, let found = Self.placeholder(in: summary.text, name: nil) {
            violations.append(Violation(line: context.line(summary.line),
                                        message: "the summary is placeholder text (`\(found)`); write what this does",
                                        subject: "summary", penalty: 0.7))
        }
        if let description = docstring.description, let found = Self.placeholder(in: description.text, name: nil) {
            violations.append(Violation(line: context.line(description.line),
                                        message: "the description contains placeholder text (`\(found)`)", subject: "description", penalty: 0.3))
        }
        let items = docstring.parameters + docstring.returns + docstring.yields + docstring.raises + docstring.attributes
        for item in items {
            let text = item.description + " " + (item.type ?? "")
            if let found = Self.placeholder(in: text, name: item.name) {
                violations.append(Violation(line: context.line(item.line),
                                            message: "`\(item.name ?? item.type ?? "entry")` is described by placeholder text (`\(found)`)",
                                            subject: item.name ?? "item@\(item.line)", penalty: 0.3))
            }
        }
        return violations
    }
}
