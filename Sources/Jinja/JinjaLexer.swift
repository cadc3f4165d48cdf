/// Splits a template into text and tag tokens as Jinja2's lexer does, whitespace control
/// included: newlines normalized to `\n` and one trailing newline dropped
/// (`keep_trailing_newline=False`), `-` stripping whitespace beside a tag, and the environment's
/// `trim_blocks` / `lstrip_blocks` on block and comment tags (`+` turns them off for one tag).
struct JinjaLexer {
    enum Kind: Equatable {
        case text(String)
        case variableBegin
        case variableEnd
        case blockBegin
        case blockEnd
        case name(String)
        case string(String)
        case integer(Int)
        case float(Double)
        case symbol(String)
    }

    struct Token {
        var kind: Kind
        var line: Int

        /// The bytes of text or a string literal the token carries.
        var textBytes: Int {
            switch kind {
            case .text(let text), .string(let text): text.utf8.count
            default: 0
            }
        }
    }

    let scalars: [Unicode.Scalar]
    let trimBlocks: Bool
    let lstripBlocks: Bool
    var position = 0
    var line = 1
    var tokens: [Token] = []

    init(source: String, trimBlocks: Bool, lstripBlocks: Bool) {
        var normalized: [Unicode.Scalar] = []
        let input = Array(source.unicodeScalars)
        var index = 0
        while index < input.count {
            if input[index] == "\r" {
                normalized.append("\n")
                if index + 1 < input.count, input[index + 1] == "\n" { index += 1 }
            } else {
                normalized.append(input[index])
            }
            index += 1
        }
        if normalized.last == "\n" { normalized.removeLast() }
        scalars = normalized
        self.trimBlocks = trimBlocks
        self.lstripBlocks = lstripBlocks
    }

    static func tokenize(_ source: String, trimBlocks: Bool, lstripBlocks: Bool) throws(JinjaError) -> [Token] {
        var lexer = JinjaLexer(source: source, trimBlocks: trimBlocks, lstripBlocks: lstripBlocks)
        try lexer.run()
        return lexer.tokens
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}"
            || (scalar.value > 0x7F && scalar.properties.isWhitespace)
    }

    func starts(_ text: String, at index: Int) -> Bool {
        var offset = index
        for scalar in text.unicodeScalars {
            guard offset < scalars.count, scalars[offset] == scalar else { return false }
            offset += 1
        }
        return true
    }

    /// The next `{{`, `{%` or `{#` at or after `index`.
    func nextOpener(from index: Int) -> Int? {
        var offset = index
        while offset + 1 < scalars.count {
            if scalars[offset] == "{", scalars[offset + 1] == "{" || scalars[offset + 1] == "%" || scalars[offset + 1] == "#" { return offset }
            offset += 1
        }
        return nil
    }

    mutating func emitText(_ text: ArraySlice<Unicode.Scalar>) {
        // `line` is the text's first line; `advance` counts its newlines when the lexer moves past it.
        guard !text.isEmpty else { return }
        tokens.append(Token(kind: .text(String(String.UnicodeScalarView(text))), line: line))
    }

    /// Moves `position` to `index`, counting the newlines passed.
    mutating func advance(to index: Int) {
        while position < index {
            if scalars[position] == "\n" { line += 1 }
            position += 1
        }
    }

    mutating func run() throws(JinjaError) {
        var stripLeading = false
        var lineStarting = true
        while position < scalars.count {
            let opener = nextOpener(from: position)
            var textEnd = opener ?? scalars.count
            var textStart = position
            if stripLeading {
                while textStart < textEnd, Self.isSpace(scalars[textStart]) { textStart += 1 }
                stripLeading = false
            }
            guard let opener else {
                advance(to: textStart)
                emitText(scalars[textStart ..< textEnd])
                position = scalars.count
                break
            }
            let kindScalar = scalars[opener + 1]
            let sign: Unicode.Scalar? = opener + 2 < scalars.count && (scalars[opener + 2] == "-" || scalars[opener + 2] == "+") ? scalars[opener + 2] : nil
            if sign == "-" {
                while textEnd > textStart, Self.isSpace(scalars[textEnd - 1]) { textEnd -= 1 }
            } else if sign != "+", lstripBlocks, kindScalar != "{" {
                var lineStart = textEnd
                while lineStart > textStart, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
                let hasNewline = lineStart > textStart
                if (hasNewline || lineStarting), lineStart < textEnd, scalars[lineStart ..< textEnd].allSatisfy({ Self.isSpace($0) }) {
                    textEnd = lineStart
                }
            }
            advance(to: textStart)
            emitText(scalars[textStart ..< textEnd])
            advance(to: opener)
            let bodyStart = opener + 2 + (sign == nil ? 0 : 1)
            switch kindScalar {
            case "#":
                guard let close = find("#}", from: bodyStart) else { throw JinjaError(.syntax, line: line, "a comment `{#` is never closed") }
                let endSign = close > bodyStart ? scalars[close - 1] : " "
                var end = close + 2
                if endSign == "-" {
                    stripLeading = true
                } else if endSign != "+", trimBlocks, end < scalars.count, scalars[end] == "\n" {
                    end += 1
                }
                advance(to: end)
                lineStarting = scalars[end - 1] == "\n"
            case "%" where isRaw(at: bodyStart):
                try lexRaw(opener: opener, bodyStart: bodyStart, stripLeading: &stripLeading, lineStarting: &lineStarting)
            default:
                let isBlock = kindScalar == "%"
                tokens.append(Token(kind: isBlock ? .blockBegin : .variableBegin, line: line))
                advance(to: bodyStart)
                let endSign = try lexExpression(closing: isBlock ? "%}" : "}}")
                tokens.append(Token(kind: isBlock ? .blockEnd : .variableEnd, line: line))
                // `position` is just past the closing delimiter.
                if endSign == "-" {
                    stripLeading = true
                } else if endSign != "+", isBlock, trimBlocks, position < scalars.count, scalars[position] == "\n" {
                    advance(to: position + 1)
                }
                lineStarting = scalars[position - 1] == "\n"
            }
        }
    }

    func find(_ text: String, from index: Int) -> Int? {
        var offset = index
        while offset < scalars.count {
            if starts(text, at: offset) { return offset }
            offset += 1
        }
        return nil
    }

    /// Whether a block tag's body is `raw`.
    func isRaw(at index: Int) -> Bool {
        var offset = index
        while offset < scalars.count, Self.isSpace(scalars[offset]) { offset += 1 }
        guard starts("raw", at: offset) else { return false }
        offset += 3
        while offset < scalars.count, Self.isSpace(scalars[offset]) { offset += 1 }
        return starts("%}", at: offset) || starts("-%}", at: offset)
    }

    /// `{% raw %}…{% endraw %}`: the text between, verbatim (whitespace control on the tags applies).
    mutating func lexRaw(opener: Int, bodyStart: Int, stripLeading: inout Bool, lineStarting: inout Bool) throws(JinjaError) {
        guard let close = find("%}", from: bodyStart) else { throw JinjaError(.syntax, line: line, "`{% raw` is never closed") }
        var contentStart = close + 2
        if scalars[close - 1] == "-" {
            while contentStart < scalars.count, Self.isSpace(scalars[contentStart]) { contentStart += 1 }
        } else if trimBlocks, contentStart < scalars.count, scalars[contentStart] == "\n" {
            contentStart += 1
        }
        var search = contentStart
        while true {
            guard let endOpen = find("{%", from: search) else { throw JinjaError(.syntax, line: line, "`{% raw %}` without `{% endraw %}`") }
            var offset = endOpen + 2
            let sign = offset < scalars.count && (scalars[offset] == "-" || scalars[offset] == "+") ? scalars[offset] : nil
            if sign != nil { offset += 1 }
            while offset < scalars.count, Self.isSpace(scalars[offset]) { offset += 1 }
            guard starts("endraw", at: offset), let endClose = find("%}", from: offset) else {
                search = endOpen + 2
                continue
            }
            var contentEnd = endOpen
            if sign == "-" {
                while contentEnd > contentStart, Self.isSpace(scalars[contentEnd - 1]) { contentEnd -= 1 }
            } else if sign != "+", lstripBlocks {
                var lineStart = contentEnd
                while lineStart > contentStart, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
                if lineStart > contentStart, scalars[lineStart ..< contentEnd].allSatisfy({ Self.isSpace($0) }) { contentEnd = lineStart }
            }
            advance(to: contentStart)
            emitText(scalars[contentStart ..< contentEnd])
            var end = endClose + 2
            if scalars[endClose - 1] == "-" {
                stripLeading = true
            } else if trimBlocks, end < scalars.count, scalars[end] == "\n" {
                end += 1
            }
            advance(to: end)
            lineStarting = scalars[end - 1] == "\n"
            return
        }
    }

    static let symbols = ["//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "=", "<", ">"]

    /// Lexes a tag's expression tokens up to its closing delimiter; returns the whitespace sign
    /// before the delimiter (`-`, `+` or nil) and leaves `position` past the delimiter.
    mutating func lexExpression(closing: String) throws(JinjaError) -> Unicode.Scalar? {
        while true {
            while position < scalars.count, Self.isSpace(scalars[position]) { advance(to: position + 1) }
            guard position < scalars.count else {
                throw JinjaError(.syntax, line: line, "a tag is never closed (expected `\(closing)`)")
            }
            if starts(closing, at: position) {
                advance(to: position + 2)
                return nil
            }
            if (scalars[position] == "-" || scalars[position] == "+"), starts(closing, at: position + 1) {
                let sign = scalars[position]
                advance(to: position + 3)
                return sign
            }
            let scalar = scalars[position]
            if scalar == "'" || scalar == "\"" {
                tokens.append(Token(kind: .string(try lexString(quote: scalar)), line: line))
            } else if scalar.properties.numericType != nil, scalar.isASCII {
                tokens.append(Token(kind: lexNumber(), line: line))
            } else if scalar == "_" || (scalar.isASCII && scalar.properties.isAlphabetic) {
                var end = position
                while end < scalars.count, scalars[end] == "_" || (scalars[end].isASCII && (scalars[end].properties.isAlphabetic || scalars[end].properties.numericType != nil)) {
                    end += 1
                }
                tokens.append(Token(kind: .name(String(String.UnicodeScalarView(scalars[position ..< end]))), line: line))
                advance(to: end)
            } else if let symbol = Self.symbols.first(where: { starts($0, at: position) }) {
                tokens.append(Token(kind: .symbol(symbol), line: line))
                advance(to: position + symbol.unicodeScalars.count)
            } else {
                throw JinjaError(.syntax, line: line, "unexpected character `\(scalar)`")
            }
        }
    }

    mutating func lexNumber() -> Kind {
        var end = position
        func digits() { while end < scalars.count, scalars[end].isASCII, scalars[end].properties.numericType != nil || scalars[end] == "_" { end += 1 } }
        digits()
        var isFloat = false
        if end + 1 < scalars.count, scalars[end] == ".", scalars[end + 1].isASCII, scalars[end + 1].properties.numericType != nil {
            isFloat = true
            end += 1
            digits()
        }
        if end < scalars.count, scalars[end] == "e" || scalars[end] == "E" {
            var exponent = end + 1
            if exponent < scalars.count, scalars[exponent] == "+" || scalars[exponent] == "-" { exponent += 1 }
            if exponent < scalars.count, scalars[exponent].isASCII, scalars[exponent].properties.numericType != nil {
                isFloat = true
                end = exponent
                digits()
            }
        }
        let text = String(String.UnicodeScalarView(scalars[position ..< end])).replacingUnderscores()
        advance(to: end)
        return isFloat ? .float(Double(text) ?? 0) : .integer(Int(text) ?? Int.max)
    }

    /// A quoted string with Python's escapes (`unicode-escape`).
    mutating func lexString(quote: Unicode.Scalar) throws(JinjaError) -> String {
        var output = String.UnicodeScalarView()
        var index = position + 1
        let startLine = line
        while true {
            guard index < scalars.count else { throw JinjaError(.syntax, line: startLine, "a string is never closed") }
            let scalar = scalars[index]
            if scalar == quote { break }
            if scalar == "\\", index + 1 < scalars.count {
                let escaped = scalars[index + 1]
                index += 2
                switch escaped {
                case "n": output.append("\n")
                case "t": output.append("\t")
                case "r": output.append("\r")
                case "0": output.append("\0")
                case "a": output.append("\u{07}")
                case "b": output.append("\u{08}")
                case "f": output.append("\u{0C}")
                case "v": output.append("\u{0B}")
                case "\\", "'", "\"": output.append(escaped)
                case "\n": break
                case "x", "u", "U":
                    let width = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
                    let hex = String(String.UnicodeScalarView(scalars[index ..< min(scalars.count, index + width)]))
                    guard hex.unicodeScalars.count == width, let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                        throw JinjaError(.syntax, line: line, "a malformed `\\\(escaped)` escape in a string")
                    }
                    output.append(decoded)
                    index += width
                default:
                    output.append("\\")
                    output.append(escaped)
                }
                continue
            }
            output.append(scalar)
            index += 1
        }
        advance(to: index + 1)
        return String(output)
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
