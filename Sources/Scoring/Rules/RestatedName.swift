/// The summary only repeats the symbol's name.
///
/// **Why it matters:** `get_user` → "Get user." tells the reader nothing the name did not; the
/// summary should say what the name cannot (which user, from where, what happens if absent).
///
/// A leading empty verb ("Handle", "Process", "Perform") does not make a restatement say more.
///
/// **Example:** `def get_user(): """Get the user."""`.
struct RestatedName: Rule {
    static let code = "DH204"
    static let name = "restated-name"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def get_user():\n    ↓\"\"\"Get the user.\"\"\"\n", message: "the summary \"Get the user.\" only restates the name `get_user`; say what it does that the name does not"),
        .bad("class UserStore:\n    ↓\"\"\"User store.\"\"\"\n", message: "the summary \"User store.\" only restates the name `UserStore`; say what it does that the name does not"),
        .bad("def get_user():\n    ↓\"\"\"Handle get user.\"\"\"\n", message: "the summary \"Handle get user.\" only restates the name `get_user`; say what it does that the name does not"),
        .good("def get_user():\n    \"\"\"Look the current user up in the session cache.\"\"\"\n"),
    ]

    static let fillers: Set<String> = ["the", "a", "an", "this", "of", "for", "to", "method", "function", "class", "given", "object", "instance"]

    /// Verbs that say nothing about what is done ("Handle get user." for `get_user`): a summary of
    /// one of them and the name's words restates the name.
    static let emptyVerbs: Set<String> = ["handle", "handles", "process", "processes", "perform", "performs", "do", "does", "manage", "manages"]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.symbol.kind != .module, let summary = context.docstring?.summary else { return [] }
        let nameWords = Self.words(ofIdentifier: context.symbol.name)
        // A restatement is short; longer summaries are not read word by word.
        guard !nameWords.isEmpty, summary.text.utf8.count <= 16 * (nameWords.count + 2) else { return [] }
        var summaryWords = SymbolContext.words(summary.text).filter { !$0.isEmpty && !Self.fillers.contains($0) }
        if let first = summaryWords.first, Self.emptyVerbs.contains(first), summaryWords.count > 1 { summaryWords.removeFirst() }
        guard !summaryWords.isEmpty, Set(summaryWords).isSubset(of: Set(nameWords) ) else { return [] }
        return [Violation(line: context.line(summary.line),
                          message: "the summary \"\(summary.text)\" only restates the name `\(context.symbol.name)`; say what it does that the name does not",
                          penalty: 0.3)]
    }

    /// `get_user` → [get, user]; `UserStore` → [user, store]; `__init__` → [init]. Works on UTF-8
    /// (identifiers are mostly ASCII; other bytes stay inside words).
    static func words(ofIdentifier name: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var previousIsLower = false
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in name.utf8 {
            if byte == 0x5F {
                flush()
                previousIsLower = false
                continue
            }
            let isUpper = byte >= 0x41 && byte <= 0x5A
            if isUpper && previousIsLower { flush() }
            current.append(isUpper ? byte | 0x20 : byte)
            previousIsLower = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
        }
        flush()
        return words
    }
}
