/// A comment, kept beside the token stream (suppressions and pragmas are read from it).
public struct Comment: Sendable, Hashable {
    /// Offset of the `#`.
    public var start: Int32
    /// Offset just past the last byte of the comment.
    public var end: Int32
    /// 1-based line.
    public var line: Int32
}

/// The tokenizer's output: tokens, comments, line starts and at most one error.
public struct TokenStream: Sendable {
    /// Tokens, ending with `endOfFile`.
    public var tokens: [Token]
    /// Every comment, in order.
    public var comments: [Comment]
    /// Byte offset of the start of each line; `lineStarts[0]` is line 1.
    public var lineStarts: [Int32]
    /// The first error, as CPython would report it; tokenizing stops there.
    public var error: Diagnostic?
}

/// Splits decoded Python source into tokens following CPython's tokenizer: string prefixes,
/// triple quotes, f-strings with nested replacement fields and reused quotes (PEP 701),
/// implicit joining inside brackets, backslash continuations, INDENT/DEDENT with tabs
/// (tab size 8, with CPython's consistency check) and form feeds.
public struct Tokenizer {
    let bytes: [UInt8]
    var position = 0
    var line = 1
    var lineStart = 0
    var tokens: [Token] = []
    var comments: [Comment] = []
    var lineStarts: [Int32] = [0]
    var error: Diagnostic?
    var brackets: [(op: Operator, offset: Int, line: Int)] = []
    var indents: [Int] = [0]
    var alternateIndents: [Int] = [0]
    var lineHasTokens = false
    var stringNesting = 0

    /// CPython's limits (`MAXINDENT`, `MAXLEVEL`, `MAXFSTRINGLEVEL`); they also bound recursion here.
    static let maximumIndentLevels = 100
    static let maximumBracketDepth = 200
    static let maximumStringNesting = 150

    /// Tokenizes `source`.
    public static func tokenize(_ source: DecodedSource) -> TokenStream {
        var tokenizer = Tokenizer(bytes: source.bytes)
        tokenizer.run()
        return TokenStream(tokens: tokenizer.tokens, comments: tokenizer.comments,
                           lineStarts: tokenizer.lineStarts, error: tokenizer.error)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        tokens.reserveCapacity(bytes.count / 4)
    }

    // MARK: - Byte classes

    @inline(__always) static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte >= 0x80
    }

    @inline(__always) static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always) func byte(at offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    // MARK: - Errors

    mutating func fail(_ message: String, at offset: Int, line errorLine: Int? = nil) {
        guard error == nil else { return }
        let position = SourceText(bytes: bytes, lineStarts: lineStarts).position(ofOffset: offset)
        error = Diagnostic(code: .syntaxError, message: message, line: errorLine ?? position.line, column: position.column)
    }

    mutating func newLine(at offset: Int) {
        line += 1
        lineStart = offset
        lineStarts.append(Int32(truncatingIfNeeded: offset))
    }

    mutating func emit(_ kind: Token.Kind, keyword: Keyword = .none, op: Operator = .none, from start: Int, to end: Int, line startLine: Int) {
        tokens.append(Token(kind: kind, keyword: keyword, op: op, start: start, end: end, line: startLine, endLine: line))
        if kind != .newline && kind != .indent && kind != .dedent { lineHasTokens = true }
    }

    // MARK: - Main loop

    mutating func run() {
        var atLineStart = true
        while error == nil {
            if atLineStart {
                atLineStart = false
                if !brackets.isEmpty { /* implicit line joining: no indentation */ } else if !processIndentation() {
                    continue
                }
            }
            // Skip whitespace within the line.
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0C {
                position += 1
            }
            guard position < bytes.count else { break }
            let current = bytes[position]
            switch current {
            case UInt8(ascii: "#"):
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                comments.append(Comment(start: Int32(start), end: Int32(position), line: Int32(line)))
            case UInt8(ascii: "\n"):
                if brackets.isEmpty && lineHasTokens {
                    emit(.newline, from: position, to: position + 1, line: line)
                    lineHasTokens = false
                }
                position += 1
                newLine(at: position)
                atLineStart = true
            case UInt8(ascii: "\\"):
                if byte(at: position + 1) == UInt8(ascii: "\n") {
                    position += 2
                    newLine(at: position)
                    if position >= bytes.count {
                        fail("unexpected EOF while parsing", at: position)
                    }
                } else if position + 1 >= bytes.count {
                    fail("unexpected EOF while parsing", at: position)
                } else {
                    fail("unexpected character after line continuation character", at: position)
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                scanStringToken(prefixStart: position, quote: position, isRaw: false, isFormat: false, isBytes: false)
            default:
                if Tokenizer.isIdentifierStart(current) {
                    scanNameOrPrefixedString()
                } else if Tokenizer.isDigit(current) || (current == UInt8(ascii: ".") && Tokenizer.isDigit(byte(at: position + 1))) {
                    scanNumber()
                } else {
                    scanOperator()
                }
            }
        }
        finish()
    }

    /// Measures the indentation of a new physical line and emits INDENT/DEDENT.
    /// Returns false when the line is blank or holds only a comment (no tokens, no indentation change).
    mutating func processIndentation() -> Bool {
        var column = 0
        var alternate = 0
        var index = position
        while index < bytes.count {
            switch bytes[index] {
            case 0x20: column += 1; alternate += 1
            case 0x09: column = (column / 8 + 1) * 8; alternate += 1
            case 0x0C: column = 0; alternate = 0
            default: break
            }
            if bytes[index] != 0x20 && bytes[index] != 0x09 && bytes[index] != 0x0C { break }
            index += 1
        }
        guard index < bytes.count else {
            position = index
            return true
        }
        let next = bytes[index]
        if next == UInt8(ascii: "#") || next == UInt8(ascii: "\n") {
            position = index
            return true
        }
        if next == UInt8(ascii: "\\") && byte(at: index + 1) == UInt8(ascii: "\n") {
            // A line that is only a continuation joins the next one; CPython treats it as blank.
            position = index
            return true
        }
        position = index
        let current = indents[indents.count - 1]
        if column == current {
            if alternate != alternateIndents[alternateIndents.count - 1] {
                fail("inconsistent use of tabs and spaces in indentation", at: index)
                return false
            }
        } else if column > current {
            if alternate <= alternateIndents[alternateIndents.count - 1] {
                fail("inconsistent use of tabs and spaces in indentation", at: index)
                return false
            }
            if indents.count > Tokenizer.maximumIndentLevels {
                fail("too many levels of indentation", at: index)
                return false
            }
            indents.append(column)
            alternateIndents.append(alternate)
            emit(.indent, from: lineStart, to: index, line: line)
        } else {
            while indents.count > 1 && column < indents[indents.count - 1] {
                indents.removeLast()
                alternateIndents.removeLast()
                emit(.dedent, from: index, to: index, line: line)
            }
            if column != indents[indents.count - 1] {
                fail("unindent does not match any outer indentation level", at: index)
                return false
            }
            if alternate != alternateIndents[alternateIndents.count - 1] {
                fail("inconsistent use of tabs and spaces in indentation", at: index)
                return false
            }
        }
        return true
    }

    mutating func finish() {
        if error == nil, let open = brackets.last {
            let symbol = open.op == .leftParen ? "(" : open.op == .leftBracket ? "[" : "{"
            fail("'\(symbol)' was never closed", at: open.offset, line: open.line)
        }
        if lineHasTokens {
            emit(.newline, from: bytes.count, to: bytes.count, line: line)
            lineHasTokens = false
        }
        while indents.count > 1 {
            indents.removeLast()
            emit(.dedent, from: bytes.count, to: bytes.count, line: line)
        }
        emit(.endOfFile, from: bytes.count, to: bytes.count, line: line)
    }

    // MARK: - Names

    mutating func scanNameOrPrefixedString() {
        let start = position
        var index = position
        var sawNonASCII = false
        while index < bytes.count, Tokenizer.isIdentifierContinue(bytes[index]) {
            if bytes[index] >= 0x80 { sawNonASCII = true }
            index += 1
        }
        let next = byte(at: index)
        if (next == UInt8(ascii: "\"") || next == UInt8(ascii: "'")), index - start <= 2,
           let prefix = StringPrefix(bytes[start..<index]) {
            scanStringToken(prefixStart: start, quote: index, isRaw: prefix.isRaw, isFormat: prefix.isFormat, isBytes: prefix.isBytes)
            return
        }
        if sawNonASCII, !validateIdentifier(start..<index) { return }
        position = index
        emit(.name, keyword: Keyword.lookup(bytes[start..<index]), from: start, to: index, line: line)
    }

    /// Checks a non-ASCII identifier against XID_Start/XID_Continue, as PEP 3131 requires.
    mutating func validateIdentifier(_ range: Range<Int>) -> Bool {
        var isFirst = true
        for scalar in String(decoding: bytes[range], as: UTF8.self).unicodeScalars {
            let valid = isFirst
                ? (scalar == "_" || scalar.properties.isXIDStart)
                : scalar.properties.isXIDContinue
            if !valid && scalar.value >= 0x80 {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                var offset = range.lowerBound
                for earlier in String(decoding: bytes[range], as: UTF8.self).unicodeScalars {
                    if earlier == scalar { break }
                    offset += String(earlier).utf8.count
                }
                let shown = scalar.properties.generalCategory == .spaceSeparator || scalar.properties.generalCategory == .format
                    ? "invalid non-printable character U+\(padded)"
                    : "invalid character '\(Character(scalar))' (U+\(padded))"
                fail(shown, at: offset)
                return false
            }
            isFirst = false
        }
        return true
    }

    // MARK: - Numbers

    mutating func scanNumber() {
        let start = position
        var index = position
        var isDecimalInteger = true
        if bytes[index] == UInt8(ascii: "0"), let radix = NumberRadix(byte(at: index + 1)) {
            index += 2
            while index < bytes.count, radix.accepts(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
            isDecimalInteger = false
        } else {
            while index < bytes.count, Tokenizer.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
            if byte(at: index) == UInt8(ascii: ".") {
                isDecimalInteger = false
                index += 1
                while index < bytes.count, Tokenizer.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
            }
            let exponent = byte(at: index)
            if exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
                var afterSign = index + 1
                if byte(at: afterSign) == UInt8(ascii: "+") || byte(at: afterSign) == UInt8(ascii: "-") { afterSign += 1 }
                if Tokenizer.isDigit(byte(at: afterSign)) {
                    isDecimalInteger = false
                    index = afterSign
                    while index < bytes.count, Tokenizer.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
                }
            }
            let imaginary = byte(at: index)
            if imaginary == UInt8(ascii: "j") || imaginary == UInt8(ascii: "J") {
                isDecimalInteger = false
                index += 1
            }
        }
        if isDecimalInteger, bytes[start] == UInt8(ascii: "0"),
           bytes[start..<index].contains(where: { $0 != UInt8(ascii: "0") && $0 != UInt8(ascii: "_") }) {
            fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", at: start)
            return
        }
        if Tokenizer.isIdentifierStart(byte(at: index)) {
            var wordEnd = index
            while wordEnd < bytes.count, Tokenizer.isIdentifierContinue(bytes[wordEnd]) { wordEnd += 1 }
            let word = Keyword.lookup(bytes[index..<wordEnd])
            let allowed: Set<Keyword> = [.and, .else, .for, .if, .in, .is, .not, .or]
            if !allowed.contains(word) {
                fail("invalid decimal literal", at: start)
                return
            }
        }
        position = index
        emit(.number, from: start, to: index, line: line)
    }

    // MARK: - Operators

    mutating func scanOperator() {
        let start = position
        let (op, length) = Tokenizer.matchOperator(bytes, at: position)
        guard op != .none else {
            let scalar = String(decoding: bytes[position..<min(bytes.count, position + 4)], as: UTF8.self).unicodeScalars.first
            if let scalar, scalar.value >= 0x80 {
                _ = validateIdentifier(position..<position + String(scalar).utf8.count)
            } else {
                fail("invalid syntax", at: position)
            }
            return
        }
        if op == .exclamation {
            fail("invalid syntax", at: position)
            return
        }
        if op.isOpening {
            if brackets.count >= Tokenizer.maximumBracketDepth {
                fail("too many nested parentheses", at: position)
                return
            }
            brackets.append((op, position, line))
        } else if op.isClosing {
            let symbol = op == .rightParen ? ")" : op == .rightBracket ? "]" : "}"
            guard let open = brackets.popLast() else {
                fail("unmatched '\(symbol)'", at: position)
                return
            }
            let matches = (open.op == .leftParen && op == .rightParen) || (open.op == .leftBracket && op == .rightBracket)
                || (open.op == .leftBrace && op == .rightBrace)
            if !matches {
                let opening = open.op == .leftParen ? "(" : open.op == .leftBracket ? "[" : "{"
                let suffix = open.line == line ? "" : " on line \(open.line)"
                fail("closing parenthesis '\(symbol)' does not match opening parenthesis '\(opening)'\(suffix)", at: position)
                return
            }
        }
        position += length
        emit(.op, op: op, from: start, to: position, line: line)
    }

    /// The longest operator at `offset`, or `.none`.
    static func matchOperator(_ bytes: [UInt8], at offset: Int) -> (Operator, Int) {
        let first = bytes[offset]
        let second: UInt8 = offset + 1 < bytes.count ? bytes[offset + 1] : 0
        let third: UInt8 = offset + 2 < bytes.count ? bytes[offset + 2] : 0
        let equal = UInt8(ascii: "=")
        switch first {
        case UInt8(ascii: "("): return (.leftParen, 1)
        case UInt8(ascii: ")"): return (.rightParen, 1)
        case UInt8(ascii: "["): return (.leftBracket, 1)
        case UInt8(ascii: "]"): return (.rightBracket, 1)
        case UInt8(ascii: "{"): return (.leftBrace, 1)
        case UInt8(ascii: "}"): return (.rightBrace, 1)
        case UInt8(ascii: ","): return (.comma, 1)
        case UInt8(ascii: ";"): return (.semicolon, 1)
        case UInt8(ascii: "~"): return (.tilde, 1)
        case UInt8(ascii: ":"): return second == equal ? (.colonEqual, 2) : (.colon, 1)
        case UInt8(ascii: "."):
            return second == UInt8(ascii: ".") && third == UInt8(ascii: ".") ? (.ellipsis, 3) : (.dot, 1)
        case UInt8(ascii: "+"): return second == equal ? (.plusEqual, 2) : (.plus, 1)
        case UInt8(ascii: "-"):
            if second == UInt8(ascii: ">") { return (.arrow, 2) }
            return second == equal ? (.minusEqual, 2) : (.minus, 1)
        case UInt8(ascii: "*"):
            if second == UInt8(ascii: "*") { return third == equal ? (.doubleStarEqual, 3) : (.doubleStar, 2) }
            return second == equal ? (.starEqual, 2) : (.star, 1)
        case UInt8(ascii: "/"):
            if second == UInt8(ascii: "/") { return third == equal ? (.doubleSlashEqual, 3) : (.doubleSlash, 2) }
            return second == equal ? (.slashEqual, 2) : (.slash, 1)
        case UInt8(ascii: "|"): return second == equal ? (.verticalBarEqual, 2) : (.verticalBar, 1)
        case UInt8(ascii: "&"): return second == equal ? (.ampersandEqual, 2) : (.ampersand, 1)
        case UInt8(ascii: "^"): return second == equal ? (.circumflexEqual, 2) : (.circumflex, 1)
        case UInt8(ascii: "%"): return second == equal ? (.percentEqual, 2) : (.percent, 1)
        case UInt8(ascii: "@"): return second == equal ? (.atEqual, 2) : (.at, 1)
        case UInt8(ascii: "="): return second == equal ? (.equalEqual, 2) : (.equal, 1)
        case UInt8(ascii: "!"): return second == equal ? (.notEqual, 2) : (.exclamation, 1)
        case UInt8(ascii: "<"):
            if second == UInt8(ascii: "<") { return third == equal ? (.leftShiftEqual, 3) : (.leftShift, 2) }
            if second == UInt8(ascii: ">") { return (.notEqual, 2) }
            return second == equal ? (.lessEqual, 2) : (.less, 1)
        case UInt8(ascii: ">"):
            if second == UInt8(ascii: ">") { return third == equal ? (.rightShiftEqual, 3) : (.rightShift, 2) }
            return second == equal ? (.greaterEqual, 2) : (.greater, 1)
        default: return (.none, 0)
        }
    }

    // MARK: - Strings

    mutating func scanStringToken(prefixStart: Int, quote: Int, isRaw: Bool, isFormat: Bool, isBytes: Bool) {
        let startLine = line
        guard let end = scanString(quote: quote, isRaw: isRaw, isFormat: isFormat, tokenStart: prefixStart) else { return }
        position = end
        tokens.append(Token(kind: .string, start: prefixStart, end: end, line: startLine, endLine: line))
        lineHasTokens = true
    }

    /// Scans a string literal whose opening quote is at `quote`; returns the offset past its end.
    mutating func scanString(quote: Int, isRaw: Bool, isFormat: Bool, tokenStart: Int) -> Int? {
        stringNesting += 1
        defer { stringNesting -= 1 }
        if stringNesting > Tokenizer.maximumStringNesting {
            fail("too many nested f-strings", at: quote)
            return nil
        }
        let quoteByte = bytes[quote]
        let isTriple = byte(at: quote + 1) == quoteByte && byte(at: quote + 2) == quoteByte
        let startLine = line
        var index = quote + (isTriple ? 3 : 1)
        while true {
            guard index < bytes.count else {
                fail(isTriple
                    ? "unterminated triple-quoted string literal (detected at line \(line))"
                    : "unterminated string literal (detected at line \(line))",
                    at: tokenStart, line: startLine)
                return nil
            }
            let current = bytes[index]
            if current == quoteByte {
                if !isTriple { return index + 1 }
                if byte(at: index + 1) == quoteByte && byte(at: index + 2) == quoteByte { return index + 3 }
                index += 1
            } else if current == UInt8(ascii: "\n") {
                if !isTriple {
                    fail("unterminated string literal (detected at line \(line))", at: tokenStart, line: startLine)
                    return nil
                }
                index += 1
                newLine(at: index)
            } else if current == UInt8(ascii: "\\") {
                if isFormat && !isRaw && byte(at: index + 1) == UInt8(ascii: "N") && byte(at: index + 2) == UInt8(ascii: "{") {
                    index += 3
                    while index < bytes.count, bytes[index] != UInt8(ascii: "}"), bytes[index] != quoteByte,
                          bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    if byte(at: index) == UInt8(ascii: "}") { index += 1 }
                } else if isFormat && (byte(at: index + 1) == UInt8(ascii: "{") || byte(at: index + 1) == UInt8(ascii: "}")) {
                    // `\{` does not escape the brace: it still opens a replacement field.
                    index += 1
                } else {
                    if byte(at: index + 1) == UInt8(ascii: "\n") {
                        index += 2
                        newLine(at: index)
                    } else {
                        index += index + 1 < bytes.count ? 2 : 1
                    }
                }
            } else if isFormat && current == UInt8(ascii: "{") {
                if byte(at: index + 1) == UInt8(ascii: "{") {
                    index += 2
                } else {
                    guard let next = scanReplacementField(from: index + 1, quoteByte: quoteByte, isTriple: isTriple,
                                                          tokenStart: tokenStart, stringLine: startLine) else { return nil }
                    index = next
                }
            } else if isFormat && current == UInt8(ascii: "}") {
                if byte(at: index + 1) == UInt8(ascii: "}") {
                    index += 2
                } else {
                    fail("f-string: single '}' is not allowed", at: index)
                    return nil
                }
            } else {
                index += 1
            }
        }
    }

    /// Scans the expression of an f-string replacement field starting after `{`; returns the
    /// offset past the closing `}`.
    mutating func scanReplacementField(from start: Int, quoteByte: UInt8, isTriple: Bool, tokenStart: Int, stringLine: Int) -> Int? {
        var depth = 0
        var index = start
        while true {
            guard index < bytes.count else {
                fail(isTriple
                    ? "unterminated triple-quoted string literal (detected at line \(line))"
                    : "f-string: expecting '}'", at: tokenStart, line: stringLine)
                return nil
            }
            let current = bytes[index]
            switch current {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                var prefixStart = index
                while prefixStart > start, Tokenizer.isIdentifierContinue(bytes[prefixStart - 1]) { prefixStart -= 1 }
                let prefix = StringPrefix(bytes[prefixStart..<index]) ?? StringPrefix(bytes[index..<index])!
                guard let end = scanString(quote: index, isRaw: prefix.isRaw, isFormat: prefix.isFormat, tokenStart: index) else { return nil }
                index = end
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\n"):
                index += 1
                newLine(at: index)
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                index += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
            case UInt8(ascii: "}"):
                if depth == 0 { return index + 1 }
                depth -= 1
                index += 1
            case UInt8(ascii: "!") where depth == 0 && byte(at: index + 1) != UInt8(ascii: "="):
                index += 1
                while index < bytes.count, Tokenizer.isIdentifierContinue(bytes[index]) { index += 1 }
            case UInt8(ascii: ":") where depth == 0:
                return scanFormatSpec(from: index + 1, quoteByte: quoteByte, isTriple: isTriple, tokenStart: tokenStart, stringLine: stringLine)
            default:
                index += 1
            }
        }
    }

    /// Scans a format spec (after `:`), which may hold nested replacement fields; returns the
    /// offset past the `}` that closes the enclosing field.
    mutating func scanFormatSpec(from start: Int, quoteByte: UInt8, isTriple: Bool, tokenStart: Int, stringLine: Int) -> Int? {
        var index = start
        while true {
            guard index < bytes.count else {
                fail("f-string: expecting '}'", at: tokenStart, line: stringLine)
                return nil
            }
            let current = bytes[index]
            if current == UInt8(ascii: "{") {
                guard let next = scanReplacementField(from: index + 1, quoteByte: quoteByte, isTriple: isTriple,
                                                      tokenStart: tokenStart, stringLine: stringLine) else { return nil }
                index = next
            } else if current == UInt8(ascii: "}") {
                return index + 1
            } else if current == UInt8(ascii: "\n") {
                if !isTriple {
                    fail("f-string: expecting '}'", at: index)
                    return nil
                }
                index += 1
                newLine(at: index)
            } else if current == quoteByte && !isTriple {
                fail("f-string: expecting '}'", at: index)
                return nil
            } else if current == UInt8(ascii: "\\") {
                index += 2
            } else {
                index += 1
            }
        }
    }
}

/// The radix of a `0x`, `0o` or `0b` literal.
enum NumberRadix {
    case hexadecimal, octal, binary

    init?(_ marker: UInt8) {
        switch marker {
        case UInt8(ascii: "x"), UInt8(ascii: "X"): self = .hexadecimal
        case UInt8(ascii: "o"), UInt8(ascii: "O"): self = .octal
        case UInt8(ascii: "b"), UInt8(ascii: "B"): self = .binary
        default: return nil
        }
    }

    func accepts(_ byte: UInt8) -> Bool {
        switch self {
        case .hexadecimal:
            return Tokenizer.isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
        case .octal: return byte >= 0x30 && byte <= 0x37
        case .binary: return byte == 0x30 || byte == 0x31
        }
    }
}
