/// The pre-tokenizer of each encoding: its published split pattern, hand-written as a scanner
/// over scalar classes (a regex engine in the hot path is the slow way). Each returns the pieces
/// as scalar-index ranges, exactly as tiktoken's regex would find them.
enum SplitPattern {
    /// cl100k_base:
    /// `'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s`
    static func cl100k(_ text: ScalarText, _ emit: (Range<Int>) -> Void) {
        let count = text.count
        var index = 0
        while index < count {
            let end = cl100kPiece(text, at: index, count: count)
            emit(index ..< end)
            index = end
        }
    }

    static func cl100kPiece(_ text: ScalarText, at index: Int, count: Int) -> Int {
        let scalar = text.scalars[index]
        // '(?i:[sdmt]|ll|ve|re)
        if scalar == 0x27, index + 1 < count {
            let first = foldedASCII(text.scalars[index + 1])
            if first == 0x73 || first == 0x64 || first == 0x6D || first == 0x74 { return index + 2 }
            if index + 2 < count {
                let second = foldedASCII(text.scalars[index + 2])
                if (first == 0x6C && second == 0x6C) || (first == 0x76 && second == 0x65) || (first == 0x72 && second == 0x65) {
                    return index + 3
                }
            }
        }
        let letter = ScalarText.letter, number = ScalarText.number, space = ScalarText.space, newline = ScalarText.newline
        // [^\r\n\p{L}\p{N}]?+\p{L}++
        if text.is(index, letter) {
            return run(text, from: index + 1, count: count, letter)
        }
        if !text.is(index, newline | number), index + 1 < count, text.is(index + 1, letter) {
            return run(text, from: index + 2, count: count, letter)
        }
        // \p{N}{1,3}+
        if text.is(index, number) {
            var end = index + 1
            while end < count, end < index + 3, text.is(end, number) { end += 1 }
            return end
        }
        // ' ?[^\s\p{L}\p{N}]++[\r\n]*+'
        let isOther = { (position: Int) in !text.is(position, letter | number | space) }
        if scalar == 0x20, index + 1 < count, isOther(index + 1) {
            var end = index + 2
            while end < count, isOther(end) { end += 1 }
            return run(text, from: end, count: count, newline)
        }
        if isOther(index) {
            var end = index + 1
            while end < count, isOther(end) { end += 1 }
            return run(text, from: end, count: count, newline)
        }
        // Whitespace: \s++$ | \s*[\r\n] | \s+(?!\S) | \s
        let runEnd = run(text, from: index + 1, count: count, space)
        if runEnd == count { return count }
        var lastNewline = -1
        for position in index ..< runEnd where text.is(position, newline) { lastNewline = position }
        if lastNewline >= 0 { return lastNewline + 1 }
        if runEnd - index >= 2 { return runEnd - 1 }
        return index + 1
    }

    /// The end of the run of scalars with `bits` starting at `start`.
    @inline(__always)
    static func run(_ text: ScalarText, from start: Int, count: Int, _ bits: UInt8) -> Int {
        var end = start
        while end < count, text.is(end, bits) { end += 1 }
        return end
    }

    /// ASCII letters lowercased, `ſ` (U+017F, which case-folds to `s`) as `s`, others unchanged.
    @inline(__always)
    static func foldedASCII(_ scalar: UInt32) -> UInt32 {
        if scalar >= 0x41 && scalar <= 0x5A { return scalar | 0x20 }
        if scalar == 0x17F { return 0x73 }
        return scalar
    }

    /// o200k_base (no possessive quantifiers, so the scanner reproduces the backtracking):
    /// `[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`
    /// `|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`
    /// `|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`
    static func o200k(_ text: ScalarText, _ emit: (Range<Int>) -> Void) {
        let count = text.count
        var index = 0
        while index < count {
            let end = o200kPiece(text, at: index, count: count)
            emit(index ..< end)
            index = end
        }
    }

    static func o200kPiece(_ text: ScalarText, at index: Int, count: Int) -> Int {
        let letter = ScalarText.letter, number = ScalarText.number, space = ScalarText.space, newline = ScalarText.newline
        let upper = ScalarText.upperish, lower = ScalarText.lowerish
        // The optional leading [^\r\n\p{L}\p{N}]: tried first when it matches, as the regex does.
        let prefixes: [Int] = text.is(index, newline | letter | number) ? [index] : [index + 1, index]
        // Alternative 1: U* L+ then a contraction.
        for start in prefixes where start < count {
            let upperEnd = run(text, from: start, count: count, upper)
            // Greedy U*, then back off until L+ can start.
            var lowerStart = upperEnd
            while lowerStart >= start, !(lowerStart < count && text.is(lowerStart, lower)) { lowerStart -= 1 }
            if lowerStart >= start {
                return contraction(text, at: run(text, from: lowerStart + 1, count: count, lower), count: count)
            }
        }
        // Alternative 2: U+ L* then a contraction.
        for start in prefixes where start < count && text.is(start, upper) {
            let upperEnd = run(text, from: start, count: count, upper)
            return contraction(text, at: run(text, from: upperEnd, count: count, lower), count: count)
        }
        // \p{N}{1,3}
        if text.is(index, number) {
            var end = index + 1
            while end < count, end < index + 3, text.is(end, number) { end += 1 }
            return end
        }
        // ' ?[^\s\p{L}\p{N}]+[\r\n/]*'
        let isOther = { (position: Int) in !text.is(position, letter | number | space) }
        var otherStart = -1
        if text.scalars[index] == 0x20, index + 1 < count, isOther(index + 1) {
            otherStart = index + 1
        } else if isOther(index) {
            otherStart = index
        }
        if otherStart >= 0 {
            var end = otherStart + 1
            while end < count, isOther(end) { end += 1 }
            while end < count, text.is(end, newline) || text.scalars[end] == 0x2F { end += 1 }
            return end
        }
        // Whitespace: \s*[\r\n]+ | \s+(?!\S) | \s+
        let runEnd = run(text, from: index + 1, count: count, space)
        var lastNewline = -1
        for position in index ..< runEnd where text.is(position, newline) { lastNewline = position }
        if lastNewline >= 0 { return lastNewline + 1 }
        if runEnd == count { return count }
        if runEnd - index >= 2 { return runEnd - 1 }
        return index + 1
    }

    /// `(?i:'s|'t|'re|'ve|'m|'ll|'d)?` at `end`.
    @inline(__always)
    static func contraction(_ text: ScalarText, at end: Int, count: Int) -> Int {
        guard end + 1 < count, text.scalars[end] == 0x27 else { return end }
        let first = foldedASCII(text.scalars[end + 1])
        if first == 0x73 || first == 0x74 || first == 0x6D || first == 0x64 { return end + 2 }
        if end + 2 < count {
            let second = foldedASCII(text.scalars[end + 2])
            if (first == 0x72 && second == 0x65) || (first == 0x76 && second == 0x65) || (first == 0x6C && second == 0x6C) {
                return end + 3
            }
        }
        return end
    }
}
