/// A parameter or attribute description is the same as another entry's, or as the summary.
///
/// **Why it matters:** `source: The account.` and `target: The account.` say the two are the same
/// thing; a description copied from the summary says what the function does, not what the
/// parameter is. Either is what a template or a model fills in when it has nothing specific to say.
/// Descriptions are compared by their text (case, spacing and the final period aside); the first
/// of a repeated group is left alone, and so are references ("Same as …", "See …"). A repeated
/// content-free description ("A value." on every parameter) is reported here too; empty and
/// name-only ones are DH206's.
///
/// **Example:** `Args:\n    source: The account to use.\n    target: The account to use.`.
struct CopiedDescription: Rule {
    static let code = "DH209"
    static let name = "copied-description"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def move(source, target):\n    \"\"\"Move money between two accounts.\n\n    Args:\n        source: The bank account involved.\n    ↓    target: The bank account involved.\n    \"\"\"\n",
             message: "the description of `target` repeats that of `source`; say how they differ"),
        .bad("def move(amount):\n    \"\"\"Move money between two accounts.\n\n    Args:\n    ↓    amount: Move money between two accounts.\n    \"\"\"\n",
             message: "the description of `amount` repeats the summary; say what the parameter is"),
        .good("def move(source, target):\n    \"\"\"Move money between two accounts.\n\n    Args:\n        source: The account debited.\n        target: The account credited.\n    \"\"\"\n"),
        .good("def contract(graph, u, v):\n    \"\"\"Merge two nodes into one.\n\n    Parameters\n    ----------\n    graph : Graph\n        The graph whose nodes are merged.\n    u, v : nodes\n        Must be nodes of `graph`.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring, !(docstring.parameters.isEmpty && docstring.attributes.isEmpty) else { return [] }
        let summary = docstring.summary.map { Self.key($0.text) } ?? ""
        var seen: [String: (name: String, line: Int)] = [:]
        var violations: [Violation] = []
        for item in docstring.parameters + docstring.attributes {
            guard let name = item.name, !ContentFreeDescription.isEmptyOrName(item.description, name: name) else { continue }
            let words = Self.key(item.description)
            guard !words.hasPrefix("same as"), !words.hasPrefix("see ") else { continue }
            let bare = ParameterName.normalize(name)
            if words == summary {
                violations.append(Violation(line: context.line(item.line), message: "the description of `\(name)` repeats the summary; say what the parameter is",
                                            subject: bare.lowercased(), penalty: 0.1))
            } else if let first = seen[words] {
                // `u, v : nodes` in NumPy style is one entry for two names: one description, not a copy.
                guard first.line != item.line else { continue }
                violations.append(Violation(line: context.line(item.line), message: "the description of `\(name)` repeats that of `\(first.name)`; say how they differ",
                                            subject: bare.lowercased(), penalty: 0.1))
            } else {
                seen[words] = (name, item.line)
            }
        }
        return violations
    }

    /// The text compared: lowercase, one space between words, no final period.
    static func key(_ text: String) -> String {
        // ASCII text (nearly every description) is folded byte by byte; the rest through Unicode.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte >= 0x80 {
                var key = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                while key.hasSuffix(".") { key.removeLast() }
                return key
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        while bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
