/// The expressions inside an f-string's replacement fields, for the facts that live in them
/// (`f"{(yield)}"` makes a generator).
enum FormattedStringFields {
    /// Byte ranges of the expressions of the top-level replacement fields of an f-string token
    /// (format specs' nested fields included).
    static func expressions(in bytes: [UInt8], token: Token) -> [Range<Int>] {
        guard let parts = StringLiteralValue.parts(of: token, in: bytes), parts.prefix.isFormat else { return [] }
        var ranges: [Range<Int>] = []
        var index = parts.content.lowerBound
        let end = parts.content.upperBound
        while index < end {
            let current = bytes[index]
            if current == UInt8(ascii: "\\") && !parts.prefix.isRaw {
                let next = index + 1 < end ? bytes[index + 1] : 0
                index += next == UInt8(ascii: "{") || next == UInt8(ascii: "}") ? 1 : 2
            } else if current == UInt8(ascii: "{") {
                if index + 1 < end, bytes[index + 1] == UInt8(ascii: "{") {
                    index += 2
                } else {
                    index = field(in: bytes, from: index + 1, end: end, into: &ranges)
                }
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// Reads one field starting after `{`; returns the offset after its `}`.
    private static func field(in bytes: [UInt8], from start: Int, end: Int, into ranges: inout [Range<Int>]) -> Int {
        var depth = 0
        var index = start
        var quote: UInt8 = 0
        while index < end {
            let current = bytes[index]
            if quote != 0 {
                if current == UInt8(ascii: "\\") { index += 2; continue }
                if current == quote { quote = 0 }
                index += 1
                continue
            }
            switch current {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = current
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: "}"):
                if depth == 0 {
                    ranges.append(start ..< index)
                    return index + 1
                }
                depth -= 1
            case UInt8(ascii: "!") where depth == 0 && index + 1 < end && bytes[index + 1] != UInt8(ascii: "="),
                 UInt8(ascii: ":") where depth == 0:
                ranges.append(start ..< index)
                // Skip the conversion and format spec, reading nested fields.
                var cursor = index + 1
                while cursor < end {
                    if bytes[cursor] == UInt8(ascii: "{") {
                        cursor = field(in: bytes, from: cursor + 1, end: end, into: &ranges)
                    } else if bytes[cursor] == UInt8(ascii: "}") {
                        return cursor + 1
                    } else {
                        cursor += 1
                    }
                }
                return cursor
            default:
                break
            }
            index += 1
        }
        ranges.append(start ..< end)
        return end
    }

    /// Whether any replacement field of the f-string token holds `yield` outside a lambda.
    static func containsYield(in bytes: [UInt8], token: Token) -> Bool {
        for range in expressions(in: bytes, token: token) {
            let text = [UInt8(ascii: "(")] + bytes[range] + [UInt8(ascii: ")")]
            let stream = Tokenizer.tokenize(DecodedSource(bytes: text))
            guard stream.error == nil else { continue }
            let source = SourceText(bytes: text, lineStarts: stream.lineStarts)
            let inner = ExpressionTokens(tokens: stream.tokens, source: source)
            if inner.containsYieldOutsideLambda(0 ..< stream.tokens.count) { return true }
        }
        return false
    }
}
