/// The summary only repeats the symbol's name.
///
/// **Why it matters:** `get_user` → "Get user." tells the reader nothing the name did not; the
/// summary should say what the name cannot (which user, from where, what happens if absent).
///
/// **Example:** `def get_user(): """Get the user."""`.
struct RestatedName: Rule {
    static let code = "DH204"
    static let name = "restated-name"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def get_user():\n    \"\"\"Get the user.\"\"\"\n"),
        .bad("class UserStore:\n    \"\"\"User store.\"\"\"\n"),
        .good("def get_user():\n    \"\"\"Look the current user up in the session cache.\"\"\"\n"),
    ]

    static let fillers: Set<String> = ["the", "a", "an", "this", "of", "for", "to", "method", "function", "class", "given", "object", "instance"]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.symbol.kind != .module, let summary = context.docstring?.summary else { return [] }
        let nameWords = Self.words(ofIdentifier: context.symbol.name)
        // A restatement is short; longer summaries are not read word by word.
        guard !nameWords.isEmpty, summary.text.utf8.count <= 16 * (nameWords.count + 2) else { return [] }
        let summaryWords = SymbolContext.words(summary.text).filter { !$0.isEmpty && !Self.fillers.contains($0) }
        guard !summaryWords.isEmpty, Set(summaryWords).isSubset(of: Set(nameWords) ) else { return [] }
        return [Violation(line: context.line(summary.line),
                          message: "the summary \"\(summary.text)\" only restates the name `\(context.symbol.name)`; say what it does that the name does not",
                          penalty: 0.3)]
    }

    /// `get_user` → [get, user]; `UserStore` → [user, store]; `__init__` → [init].
    static func words(ofIdentifier name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousIsLower = false
        for character in name {
            if character == "_" {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousIsLower = false
                continue
            }
            if character.isUppercase && previousIsLower {
                words.append(current)
                current = ""
            }
            current.append(character)
            previousIsLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }
}
