/// The value of a (non-f, non-bytes) string literal token, escapes processed as CPython does.
enum StringLiteralValue {
    /// The literal's prefix and the byte range of its content (between the quotes).
    struct Parts {
        var prefix: StringPrefix
        var content: Range<Int>
    }

    /// Splits a string token into prefix and content.
    static func parts(of token: Token, in bytes: [UInt8]) -> Parts? {
        var cursor = Int(token.start)
        let end = Int(token.end)
        while cursor < end, bytes[cursor] != UInt8(ascii: "\""), bytes[cursor] != UInt8(ascii: "'") { cursor += 1 }
        guard let prefix = StringPrefix(bytes[Int(token.start) ..< cursor]), cursor < end else { return nil }
        let quote = bytes[cursor]
        let isTriple = cursor + 2 < end && bytes[cursor + 1] == quote && bytes[cursor + 2] == quote
            && end - cursor >= 6
        let quoteLength = isTriple ? 3 : 1
        return Parts(prefix: prefix, content: cursor + quoteLength ..< end - quoteLength)
    }

    /// The value of a plain `str` literal token (nil for an f-string, bytes or a token that is not
    /// a string).
    static func plainValue(of token: Token, in bytes: [UInt8]) -> String? {
        guard token.kind == .string, let parts = parts(of: token, in: bytes), !parts.prefix.isFormat, !parts.prefix.isBytes else { return nil }
        return decode(bytes[parts.content], isRaw: parts.prefix.isRaw)
    }

    /// The value of a `str` literal (not bytes, not an f-string).
    static func decode(_ content: ArraySlice<UInt8>, isRaw: Bool) -> String {
        if isRaw || !content.contains(UInt8(ascii: "\\")) {
            return String(decoding: content, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        let text = Array(content)
        var literalStart = 0
        var index = 0
        func flushLiteral(upTo end: Int) {
            if end > literalStart {
                scalars.append(contentsOf: String(decoding: text[literalStart ..< end], as: UTF8.self).unicodeScalars)
            }
        }
        while index < text.count {
            guard text[index] == UInt8(ascii: "\\"), index + 1 < text.count else {
                index += 1
                continue
            }
            flushLiteral(upTo: index)
            let escape = text[index + 1]
            var consumed = 2
            switch escape {
            case UInt8(ascii: "\n"): break
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "'"): scalars.append("'")
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "a"): scalars.append("\u{07}")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "v"): scalars.append("\u{0B}")
            case UInt8(ascii: "0") ... UInt8(ascii: "7"):
                var value: UInt32 = 0
                var digits = 0
                while digits < 3, index + 1 + digits < text.count,
                      text[index + 1 + digits] >= UInt8(ascii: "0"), text[index + 1 + digits] <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(text[index + 1 + digits] - UInt8(ascii: "0"))
                    digits += 1
                }
                consumed = 1 + digits
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                if let value = hexValue(text, from: index + 2, count: width) {
                    scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    consumed = 2 + width
                } else {
                    scalars.append("\\")
                    consumed = 1
                }
            case UInt8(ascii: "N"):
                if index + 2 < text.count, text[index + 2] == UInt8(ascii: "{"),
                   let close = text[(index + 3)...].firstIndex(of: UInt8(ascii: "}")) {
                    let name = String(decoding: text[(index + 3) ..< close], as: UTF8.self)
                    scalars.append(UnicodeNameTable.scalar(named: name) ?? "\u{FFFD}")
                    consumed = close + 1 - index
                } else {
                    scalars.append("\\")
                    consumed = 1
                }
            default:
                // Unknown escapes keep their backslash (CPython warns, then keeps both characters).
                scalars.append("\\")
                consumed = 1
            }
            index += consumed
            literalStart = index
        }
        flushLiteral(upTo: text.count)
        return String(scalars)
    }

    static func hexValue(_ text: [UInt8], from start: Int, count: Int) -> UInt32? {
        guard start + count <= text.count else { return nil }
        var value: UInt32 = 0
        for byte in text[start ..< start + count] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value &* 16 &+ UInt32(digit)
        }
        return value
    }
}

/// Reverse lookup of Unicode character names for `\N{...}` escapes, built on first use from the
/// standard library's Unicode data (names and name aliases, case-insensitive like CPython).
enum UnicodeNameTable {
    static let table: [String: UInt32] = {
        var table = [String: UInt32]()
        table.reserveCapacity(160_000)
        for value in UInt32(0) ... 0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if let name = scalar.properties.name { table[name] = value }
            if let alias = scalar.properties.nameAlias { table[alias] = value }
        }
        return table
    }()

    static func scalar(named name: String) -> Unicode.Scalar? {
        table[name.uppercased()].flatMap(Unicode.Scalar.init)
    }
}
