import Docstrings

/// A parameter, attribute or return description says nothing beyond the name and type it describes.
///
/// **Why it matters:** "A value.", "The result.", "The points to use." or "The `x` parameter." pass
/// every presence check and tell the reader nothing; it is what a model writes when it has nothing
/// to say. The rule measures content instead of listing phrases: it takes the description's words,
/// removes the entry's name, its documented type and the annotation, articles and other function
/// words, and a short list of empty nouns and verbs ("value", "result", "object", "use",
/// "given"…) — and words naming the entry's kind ("parameter", "argument", "function") unless
/// the description says whose it is ("Name of the parameter."); a description with no word left
/// and no code span other than the name says nothing. Descriptions that DH206 already reports
/// (empty, or only the name) are left to it.
///
/// **Example:** `Args:\n    amount: A value.`.
struct ContentFreeDescription: Rule {
    static let code = "DH208"
    static let name = "content-free-description"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def transfer(amount):\n    \"\"\"Move money between accounts.\n\n    Args:\n    ↓    amount: A value.\n    \"\"\"\n",
             message: "the description of `amount` says nothing beyond its name and type; say what it means, its unit or which values it takes"),
        .bad("def hull(points):\n    \"\"\"Compute the smallest convex polygon around points.\n\n    Args:\n    ↓    points: The points to use.\n    \"\"\"\n",
             message: "the description of `points` says nothing beyond its name and type; say what it means, its unit or which values it takes"),
        .bad("def total(prices):\n    \"\"\"Add the prices of a basket.\n\n    Args:\n        prices: Unit prices in cents.\n\n    Returns:\n    ↓    The result.\n    \"\"\"\n    return sum(prices)\n",
             message: "the return description says nothing beyond its type; say what the value means"),
        .good("def transfer(amount):\n    \"\"\"Move money between accounts.\n\n    Args:\n        amount: How much to move, in cents; must be positive.\n    \"\"\"\n"),
    ]

    /// Words that carry no content in a description: articles, determiners, pronouns,
    /// prepositions, conjunctions, auxiliaries.
    static let functionWords: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "its", "it", "their", "our", "your", "my", "some", "any",
        "of", "to", "for", "in", "on", "at", "by", "with", "from", "as", "into", "onto", "and", "or",
        "is", "are", "be", "was", "were", "been", "being", "will", "should", "can", "may", "which", "one",
    ]

    /// Nouns and verbs that name the role of any entry rather than what this one is.
    static let emptyWords: Set<String> = [
        "value", "values", "result", "results", "object", "objects", "input", "inputs", "output", "outputs", "data",
        "thing", "things", "item", "items", "element", "elements", "instance", "stuff", "info", "information",
        "return", "returned", "returns", "use", "used", "uses", "using", "given", "provided", "passed", "specified",
        "supplied", "pass", "provide", "specify", "supply", "call", "called",
    ]

    /// Words that name an entry's kind ("The `x` parameter.") — empty unless the description says
    /// whose it is ("Name of the parameter." says the name is a parameter's: content).
    static let kindWords: Set<String> = [
        "parameter", "parameters", "param", "params", "argument", "arguments", "arg", "args", "kwarg", "kwargs",
        "variable", "var", "function", "method",
    ]

    /// The content words of `description` once the name's, the types' and the empty words are
    /// removed. A code span other than the name itself (`` `sys.stdin` ``) counts as content.
    static func contentWords(_ description: String, name: String?, types: [String?]) -> [String] {
        let bare = name.map { ParameterName.normalize($0).lowercased() }
        if description.utf8.contains(UInt8(ascii: "`")) {
            let spans = description.utf8.split(separator: UInt8(ascii: "`"), omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { Substring($0.element).lowercased() }
            let otherSpans = spans.filter { !$0.isEmpty && $0 != bare && $0 != "*" + (bare ?? "") && $0 != "**" + (bare ?? "") }
            if !otherSpans.isEmpty { return otherSpans }
        }
        let words = SymbolContext.words(description).filter { !$0.isEmpty }
        // The words removed: the fixed lists (sets made once), and the few words of the name and
        // the types (a list: a set per description cost more than the scan).
        let fixed = words.contains("of") ? Self.emptyOrFunctionWords : Self.emptyFunctionOrKindWords
        var own: [String] = []
        if let name { own += RestatedName.words(ofIdentifier: ParameterName.normalize(name)).map { $0.lowercased() } }
        for type in types.compactMap({ $0 }) {
            own += SymbolContext.words(Self.lettersAndDigits(type, keeping: nil))
            own += RestatedName.words(ofIdentifier: Self.lettersAndDigits(type, keeping: UInt8(ascii: "_"))).map { $0.lowercased() }
        }
        return words.filter { !fixed.contains($0) && !own.contains($0) && !$0.allSatisfy(\.isNumber) }
    }

    static let emptyOrFunctionWords = functionWords.union(emptyWords)
    static let emptyFunctionOrKindWords = emptyOrFunctionWords.union(kindWords)

    /// The type's letters and digits: with `kept` nil, anything else becomes a space; with a
    /// `kept` byte, that byte stays and anything else is left out. On the bytes when ASCII.
    private static func lettersAndDigits(_ type: String, keeping kept: UInt8?) -> String {
        guard type.utf8.allSatisfy({ $0 < 0x80 }) else {
            return kept == nil ? String(type.map { $0.isLetter || $0.isNumber ? $0 : " " })
                : type.filter { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(type.utf8.count)
        for byte in type.utf8 {
            let isAlphanumeric = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39)
            if isAlphanumeric || byte == kept { bytes.append(byte) } else if kept == nil { bytes.append(0x20) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether DH206 reports the entry (empty, or only its name): then this rule stays quiet.
    static func isEmptyOrName(_ description: String, name: String) -> Bool {
        let bare = ParameterName.normalize(name).lowercased()
        // Three rules ask this of every entry: read word by word while that can be done on the
        // bytes (no code span or doctest mark; a name in ASCII, compared byte for byte).
        let bareBytes = Array(bare.utf8)
        if bareBytes.allSatisfy({ $0 < 0x80 }), let answer = ProseWords.allWords(of: description, { word in
            word.isEmpty || word.elementsEqual(bareBytes) || word.elementsEqual("the".utf8) || word.elementsEqual("a".utf8) || word.elementsEqual("an".utf8)
        }) {
            return answer
        }
        // Word by word, stopping at the first that says something (most do at once).
        let words = ProseWords(description)
        return words.ranges.indices.allSatisfy { index in
            let word = words.normalizedWord(index)
            return word.isEmpty || word == "the" || word == "a" || word == "an" || word == bare
        }
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        let annotations = Dictionary(context.symbol.parameters.map { ($0.name, $0.annotation) }, uniquingKeysWith: { first, _ in first })
        let entries = docstring.parameters + docstring.attributes
        let described = entries.count + docstring.returns.count
        // As DH101 weighs a missing entry: a description that says nothing is as good as none.
        let penalty = max(0.1, 0.6 / Double(max(1, described)))
        var violations: [Violation] = []
        for item in entries {
            guard let name = item.name, !item.description.isEmpty, !Self.isEmptyOrName(item.description, name: name) else { continue }
            let bare = ParameterName.normalize(name)
            guard Self.contentWords(item.description, name: name, types: [item.type, annotations[bare] ?? nil]).isEmpty else { continue }
            violations.append(Violation(line: context.line(item.line),
                                        message: "the description of `\(name)` says nothing beyond its name and type; say what it means, its unit or which values it takes",
                                        subject: bare.lowercased(), penalty: penalty))
        }
        for item in docstring.returns where !item.description.isEmpty {
            // A Google `Returns:` entry may start with its type (`int: the count`).
            guard Self.contentWords(item.description, name: item.name, types: [item.type, context.symbol.returns]).isEmpty else { continue }
            violations.append(Violation(line: context.line(item.line), message: "the return description says nothing beyond its type; say what the value means",
                                        subject: "return", penalty: penalty))
        }
        return violations
    }
}
