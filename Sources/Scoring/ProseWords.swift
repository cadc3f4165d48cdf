/// The words of docstring prose, found on UTF-8 bytes: code spans (between backticks) and doctest
/// lines (`>>>`, `...`) are left out, and a word is a run of non-blank bytes holding at least one
/// letter or digit (any non-ASCII byte counts as a letter).
struct ProseWords {
    /// The prose's bytes.
    let bytes: [UInt8]
    /// Each word's byte range.
    let ranges: [Range<Int>]

    init(_ text: String) {
        let source = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var inCode = false
        var index = 0
        let count = source.count
        // First the prose without doctest lines and code spans (backticks and what they hold).
        while index < count {
            var probe = index
            while probe < count, source[probe] == 0x20 || source[probe] == 0x09 { probe += 1 }
            if probe + 2 < count, (source[probe] == 0x3E && source[probe + 1] == 0x3E && source[probe + 2] == 0x3E)
                || (source[probe] == 0x2E && source[probe + 1] == 0x2E && source[probe + 2] == 0x2E) {
                while index < count, source[index] != 0x0A { index += 1 }
                index += 1
                continue
            }
            while index < count {
                let byte = source[index]
                index += 1
                if byte == 0x60 {
                    inCode.toggle()
                } else if !inCode || byte == 0x0A {
                    bytes.append(byte)
                }
                if byte == 0x0A { break }
            }
        }
        // Then the words.
        var ranges: [Range<Int>] = []
        var wordStart = -1
        var hasAlphanumeric = false
        for (position, byte) in bytes.enumerated() {
            if Self.isSeparator(byte) {
                if wordStart >= 0, hasAlphanumeric { ranges.append(wordStart ..< position) }
                wordStart = -1
                hasAlphanumeric = false
            } else {
                if wordStart < 0 { wordStart = position }
                if Self.isAlphanumeric(byte) { hasAlphanumeric = true }
            }
        }
        if wordStart >= 0, hasAlphanumeric { ranges.append(wordStart ..< bytes.count) }
        self.bytes = bytes
        self.ranges = ranges
    }

    /// Whether every word of `text`, spelled as `normalizedWord` spells it, passes `accept` —
    /// read one word at a time, stopping at the first that fails (no copy, no word list); nil
    /// when the text has a code span or a doctest mark, which only `init` leaves out.
    static func allWords(of text: String, _ accept: (ArraySlice<UInt8>) -> Bool) -> Bool? {
        guard !text.utf8.contains(0x60), !text.containsBytes(">>>"), !text.containsBytes("...") else { return nil }
        var text = text
        return text.withUTF8 { bytes in
            var word: [UInt8] = []
            var index = 0
            while index < bytes.count {
                while index < bytes.count, isSeparator(bytes[index]) { index += 1 }
                word.removeAll(keepingCapacity: true)
                var hasAlphanumeric = false
                while index < bytes.count, !isSeparator(bytes[index]) {
                    let byte = bytes[index]
                    if isAlphanumeric(byte) { hasAlphanumeric = true }
                    if isAlphanumeric(byte) || byte == 0x5F { word.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
                    index += 1
                }
                if hasAlphanumeric, !accept(word[...]) { return false }
            }
            return true
        }
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }

    var count: Int { ranges.count }

    /// A word lowercased with only its letters, digits and underscores kept.
    func normalizedWord(_ index: Int) -> String {
        var result: [UInt8] = []
        for byte in bytes[ranges[index]] where Self.isAlphanumeric(byte) || byte == 0x5F {
            result.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// All words normalized.
    var normalizedWords: [String] { ranges.indices.map(normalizedWord) }

    /// Whether a word ends a sentence (`.`, `?`, `!`, `:` or `;` last).
    func endsSentence(_ index: Int) -> Bool {
        guard let last = bytes[ranges[index]].last else { return false }
        return last == 0x2E || last == 0x3F || last == 0x21 || last == 0x3A || last == 0x3B
    }

    /// Vowel groups of a word, minus a silent final `e` (not `-le`), at least one.
    func syllables(_ index: Int) -> Int {
        var count = 0
        var previousVowel = false
        var lastLetters: (UInt8, UInt8) = (0, 0)
        for byte in bytes[ranges[index]] {
            let lower = byte | 0x20
            guard lower >= 0x61 && lower <= 0x7A else { continue }
            let vowel = lower == 0x61 || lower == 0x65 || lower == 0x69 || lower == 0x6F || lower == 0x75 || lower == 0x79
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
            lastLetters = (lastLetters.1, lower)
        }
        if lastLetters.1 == 0x65, lastLetters.0 != 0x6C, count > 1 { count -= 1 }
        return max(1, count)
    }
}
