/// The docstring's prose scores below the minimum Flesch reading ease.
///
/// **Why it matters:** long sentences of long words are where readers give up. The Flesch reading
/// ease (206.835 − 1.015 × words per sentence − 84.6 × syllables per word) is computed on the
/// summary and description with code spans, doctests, reST roles, literal blocks (after `::`) and
/// URLs removed, only when there are
/// at least `rules.readability-minimum-words` words; the minimum is `rules.minimum-reading-ease`
/// (30, "difficult", by default).
///
/// **Example:** one 60-word sentence of polysyllabic jargon.
struct HardToRead: Rule {
    static let code = "DH207"
    static let name = "hard-to-read"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def f():\n    ↓\"\"\"Instantiate configuration.\n\n    Instantiates hierarchical configuration representations incorporating environmental parameterization, simultaneously reconciling contradictory organizational specifications, prioritizing administratively authorized declarations, invalidating superseded intermediate representations, and propagating consolidated characteristics throughout interdependent infrastructural subcomponents automatically.\n    \"\"\"\n", message: "the prose is hard to read (Flesch reading ease -196, minimum 30); use shorter sentences and plainer words"),
        .good("def f():\n    \"\"\"Load the settings.\n\n    Read the file, then the environment. Later values win. The result is cached, so call\n    reload() after you change the file on disk. Missing keys get their default value.\n    \"\"\"\n"),
    ]

    /// The text without URLs (`https://keras.io/api/applications/#usage-examples` read as
    /// words made Keras' model docstrings score 8), and without the parentheses a Markdown link
    /// leaves around one.
    static func withoutLinks(_ text: String) -> String {
        guard text.containsBytes("://") else { return text }
        var words: [Substring] = []
        // On the bytes: the separators, `://` and the scheme's letters are ASCII.
        for word in text.utf8.split(separator: 0x20, omittingEmptySubsequences: false) {
            var kept = word
            if let colon = Self.firstScheme(in: word) {
                // Keep what precedes the URL on the same word (`[guide](`), drop the rest.
                var start = colon
                while start > word.startIndex, case let byte = word[word.index(before: start)], (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
                    start = word.index(before: start)
                }
                kept = word[..<start]
                if kept.last == UInt8(ascii: "(") { kept = kept.dropLast() }
                if kept.last == UInt8(ascii: "]") { kept = kept.dropLast() }
            }
            words.append(Substring(kept))
        }
        return words.joined(separator: " ")
    }

    /// Where the first `://` of a word starts.
    private static func firstScheme(in word: Substring.UTF8View) -> Substring.UTF8View.Index? {
        var index = word.startIndex
        while index < word.endIndex {
            if word[index] == 0x3A, word[index...].starts(with: "://".utf8) { return index }
            index = word.index(after: index)
        }
        return nil
    }

    /// The text without reST literal blocks: the indented lines after a paragraph ending in `::`
    /// (`The computation during fit is::` then `regressor.fit(X, func(y))`), which are code.
    static func withoutLiteralBlocks(_ text: String) -> String {
        guard text.containsBytes("::") else { return text }
        var kept: [Substring] = []
        var blockIndent: Int?
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let indent = bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count
            let isBlank = indent == bytes.count
            if let open = blockIndent {
                if isBlank { continue }
                if indent > open { continue }
                blockIndent = nil
            }
            if bytes.count >= 2, bytes.suffix(2).elementsEqual("::".utf8) {
                blockIndent = indent
                // `is::` reads as `is:`; a lone `::` line says nothing.
                let text = bytes.dropLast()
                if !text.allSatisfy({ $0 == 0x20 || $0 == 0x3A }) { kept.append(Substring(text)) }
                continue
            }
            kept.append(Substring(bytes))
        }
        return kept.joined(separator: "\n")
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        let prose = Self.withoutLinks(Self.withoutLiteralBlocks([docstring.summary?.text, docstring.description?.text].compactMap { $0 }.joined(separator: "\n\n")))
        guard let score = Readability.fleschReadingEase(prose, minimumWords: context.options.readabilityMinimumWords),
              score < context.options.minimumReadingEase else { return [] }
        return [Violation(line: context.line(docstring.summary?.line ?? 0),
                          message: "the prose is hard to read (Flesch reading ease \(Int(score.rounded())), minimum \(Int(context.options.minimumReadingEase))); use shorter sentences and plainer words",
                          penalty: 0.1)]
    }
}

/// The Flesch reading ease formula with a vowel-group syllable counter.
enum Readability {
    /// The score of `text`, or nil when it has fewer than `minimumWords` words.
    static func fleschReadingEase(_ text: String, minimumWords: Int) -> Double? {
        let words = ProseWords(text)
        guard words.count >= max(1, minimumWords) else { return nil }
        var sentences = 0
        var syllables = 0
        for index in words.ranges.indices {
            if words.endsSentence(index) { sentences += 1 }
            syllables += words.syllables(index)
        }
        sentences = max(1, sentences)
        return 206.835 - 1.015 * Double(words.count) / Double(sentences) - 84.6 * Double(syllables) / Double(words.count)
    }
}
