/// A TOML 1.0 reader that keeps line numbers, for `pyproject.toml` and `docharness.toml`.
///
/// It reads the whole language (basic, literal and multi-line strings with escapes, integers in
/// every base, floats, booleans, dates, arrays, inline tables, dotted keys, `[table]` and
/// `[[array of tables]]` headers) and rejects what the specification rejects, with the line and
/// column of the problem. Dates are kept as text.
public struct TOMLParser {
    /// A syntax error.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// 1-based line.
        public var line: Int
        /// 1-based column.
        public var column: Int
        /// What is wrong.
        public var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// Parses a whole document.
    public static func parse(_ text: String) throws(SyntaxError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8))
        return try parser.document()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: - Document

    private mutating func document() throws(SyntaxError) -> TOMLTable {
        var root = TOMLTable()
        var current: [String] = []
        while true {
            skipBlankAndComments()
            guard let byte = peek() else { break }
            if byte == UInt8(ascii: "[") {
                let isArray = peek(1) == UInt8(ascii: "[")
                let headerLine = line
                index += isArray ? 2 : 1
                skipSpaces()
                let path = try key()
                skipSpaces()
                try expect("]")
                if isArray { try expect("]") }
                try endOfLine()
                current = path
                try declareTable(path, isArray: isArray, line: headerLine, in: &root)
            } else {
                let keyLine = line
                let path = try key()
                skipSpaces()
                try expect("=")
                skipSpaces()
                let value = try self.value()
                try endOfLine()
                try insert(value, at: current, key: path, line: keyLine, into: &root)
            }
        }
        return root
    }

    private mutating func declareTable(_ path: [String], isArray: Bool, line: Int, in root: inout TOMLTable) throws(SyntaxError) {
        try modify(&root, path: Array(path.dropLast()), line: line) { (table: inout TOMLTable) throws(SyntaxError) in
            let last = path[path.count - 1]
            if isArray {
                var elements: [TOMLNode] = []
                if let existing = table[last] {
                    guard case .array(let array) = existing.value else { throw self.error("`\(last)` is already defined as a \(existing.value.typeName) on line \(existing.line)", line: line) }
                    elements = array
                }
                var fresh = TOMLTable()
                fresh.isExplicit = true
                elements.append(TOMLNode(value: .table(fresh), line: line))
                table[last] = TOMLNode(value: .array(elements), line: table[last]?.line ?? line)
            } else if let existing = table[last] {
                guard case .table(var inner) = existing.value, !inner.isExplicit, !inner.isInline else {
                    throw self.error("table `\(path.joined(separator: "."))` is defined twice (first on line \(existing.line))", line: line)
                }
                inner.isExplicit = true
                table[last] = TOMLNode(value: .table(inner), line: existing.line)
            } else {
                var fresh = TOMLTable()
                fresh.isExplicit = true
                table[last] = TOMLNode(value: .table(fresh), line: line)
            }
        }
    }

    private mutating func insert(_ value: TOMLValue, at tablePath: [String], key: [String], line: Int, into root: inout TOMLTable) throws(SyntaxError) {
        try modify(&root, path: tablePath + key.dropLast(), line: line) { (table: inout TOMLTable) throws(SyntaxError) in
            let last = key[key.count - 1]
            if let existing = table[last] {
                throw self.error("key `\(key.joined(separator: "."))` is defined twice (first on line \(existing.line))", line: line)
            }
            table[last] = TOMLNode(value: value, line: line)
        }
    }

    /// Walks to the table at `path` (creating implicit tables, entering the last element of arrays
    /// of tables) and applies `body` to it.
    private func modify(_ table: inout TOMLTable, path: [String], line: Int,
                        _ body: (inout TOMLTable) throws(SyntaxError) -> Void) throws(SyntaxError) {
        guard let first = path.first else {
            try body(&table)
            return
        }
        let rest = Array(path.dropFirst())
        // What is there is decided first, so that no copy of a nested table is alive while it is
        // changed: a copy held across the change made every insertion copy the table (a
        // 20,000-entry [per-file-ignores] took 11 s; issue 23).
        enum Found { case absent, table(isInline: Bool), arrayOfTables, other(String) }
        let found: Found = switch table[first]?.value {
        case nil: .absent
        case .table(let inner)?: .table(isInline: inner.isInline)
        case .array(let elements)?: { if case .table? = elements.last?.value { Found.arrayOfTables } else { Found.other("array") } }()
        case let other?: .other(other.typeName)
        }
        switch found {
        case .absent:
            var inner = TOMLTable()
            try modify(&inner, path: rest, line: line, body)
            table[first] = TOMLNode(value: .table(inner), line: line)
        case .table(isInline: true):
            throw error("inline table `\(first)` cannot be extended", line: line)
        case .table(isInline: false):
            try table.modifyValue(first) { (value: inout TOMLValue) throws(SyntaxError) in
                guard case .table(var inner) = value else { return }
                value = .boolean(false) // release the table's own reference: `inner` is now unique
                defer { value = .table(inner) }
                try modify(&inner, path: rest, line: line, body)
            }
        case .arrayOfTables:
            try table.modifyValue(first) { (value: inout TOMLValue) throws(SyntaxError) in
                guard case .array(var elements) = value, case .table(var inner)? = elements.last?.value else { return }
                value = .boolean(false)
                elements[elements.count - 1].value = .boolean(false)
                defer {
                    elements[elements.count - 1].value = .table(inner)
                    value = .array(elements)
                }
                try modify(&inner, path: rest, line: line, body)
            }
        case .other("array"):
            throw error("`\(first)` is an array, not a table", line: line)
        case .other(let typeName):
            throw error("`\(first)` is a \(typeName), not a table", line: line)
        }
    }

    // MARK: - Keys

    private mutating func key() throws(SyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let byte = peek() else { throw error("expected a key") }
            if byte == UInt8(ascii: "\"") {
                index += 1
                parts.append(try basicString())
            } else if byte == UInt8(ascii: "'") {
                index += 1
                parts.append(try literalString())
            } else {
                let start = index
                while let next = peek(), Self.isBareKeyByte(next) { index += 1 }
                guard index > start else { throw error("expected a key, found `\(Self.describe(byte))`") }
                parts.append(String(decoding: bytes[start ..< index], as: UTF8.self))
            }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            // A 20,000-part dotted key took 16 s and nested as deep (issue 23).
            guard parts.count < Self.deepestNesting else { throw error("a dotted key with more than \(Self.deepestNesting) parts") }
            index += 1
        }
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: - Values

    /// The deepest arrays and inline tables may nest.
    static let deepestNesting = 128
    private var nesting = 0

    private mutating func value() throws(SyntaxError) -> TOMLValue {
        guard let byte = peek() else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                index += 3
                return .string(try multilineString(literal: false))
            }
            index += 1
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                index += 3
                return .string(try multilineString(literal: true))
            }
            index += 1
            return .string(try literalString())
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            // 200,000 nested `[` overflowed the stack (issue 23); no configuration nests deeper than a few.
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= Self.deepestNesting else { throw error("arrays and inline tables nested deeper than \(Self.deepestNesting)") }
            index += 1
            return byte == UInt8(ascii: "[") ? try array() : try inlineTable()
        default:
            return try scalar()
        }
    }

    private mutating func array() throws(SyntaxError) -> TOMLValue {
        var elements: [TOMLNode] = []
        while true {
            skipBlankAndComments()
            guard let byte = peek() else { throw error("unterminated array; close it with `]`") }
            if byte == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            let elementLine = line
            elements.append(TOMLNode(value: try value(), line: elementLine))
            skipBlankAndComments()
            if peek() == UInt8(ascii: ",") {
                index += 1
            } else if peek() != UInt8(ascii: "]") {
                throw error("expected `,` or `]` in array")
            }
        }
    }

    private mutating func inlineTable() throws(SyntaxError) -> TOMLValue {
        var table = TOMLTable()
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            index += 1
            table.isInline = true
            return .table(table)
        }
        while true {
            skipSpaces()
            let keyLine = line
            let path = try key()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let value = try self.value()
            try insert(value, at: [], key: path, line: keyLine, into: &table)
            skipSpaces()
            guard let byte = peek() else { throw error("unterminated inline table; close it with `}`") }
            index += 1
            if byte == UInt8(ascii: "}") {
                table.isInline = true
                return .table(table)
            }
            guard byte == UInt8(ascii: ",") else { throw error("expected `,` or `}` in inline table") }
        }
    }

    private mutating func scalar() throws(SyntaxError) -> TOMLValue {
        let start = index
        while let byte = peek(), !(byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
                                   || byte == UInt8(ascii: "#") || byte == 0x0A || byte == 0x0D) {
            // A space is allowed inside a date-time (`1979-05-27 07:32:00`).
            if byte == UInt8(ascii: " ") || byte == 0x09 {
                let isDateTimeSpace = index - start == 10 && peek(1).map { $0 >= 0x30 && $0 <= 0x39 } == true
                if !isDateTimeSpace { break }
            }
            index += 1
        }
        let text = String(decoding: bytes[start ..< index], as: UTF8.self)
        switch text {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        case "": throw error("expected a value")
        default: break
        }
        if let integer = Self.integer(text) { return .integer(integer) }
        if Self.isFloat(text), let float = Double(text.filter { $0 != "_" }) { return .float(float) }
        if Self.isDateTime(text) { return .dateTime(text) }
        throw error("`\(text)` is not a TOML value; strings need quotes: \"\(text)\"", column: start - lineStart + 1)
    }

    private static func integer(_ text: String) -> Int? {
        guard !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__") else { return nil }
        let clean = text.filter { $0 != "_" }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where clean.hasPrefix(prefix) {
            return Int(clean.dropFirst(2), radix: radix)
        }
        let digits = clean.first == "+" || clean.first == "-" ? clean.dropFirst() : clean[...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        if digits.count > 1, digits.first == "0" { return nil }
        return Int(clean)
    }

    private static func isFloat(_ text: String) -> Bool {
        let allowed = Set("0123456789+-_.eE")
        return text.allSatisfy { allowed.contains($0) } && (text.contains(".") || text.contains("e") || text.contains("E"))
            && text.first != "." && text.last != "."
    }

    private static func isDateTime(_ text: String) -> Bool {
        let allowed = Set("0123456789-:TtZz.+ ")
        return text.count >= 8 && text.allSatisfy { allowed.contains($0) } && (text.contains("-") || text.contains(":"))
    }

    // MARK: - Strings

    private mutating func basicString() throws(SyntaxError) -> String {
        var result: [UInt8] = []
        while true {
            guard let byte = peek(), byte != 0x0A else { throw error("unterminated string; close it with `\"`") }
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: result, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") {
                try escape(into: &result)
            } else {
                result.append(byte)
            }
        }
    }

    private mutating func literalString() throws(SyntaxError) -> String {
        let start = index
        while true {
            guard let byte = peek(), byte != 0x0A else { throw error("unterminated string; close it with `'`") }
            index += 1
            if byte == UInt8(ascii: "'") { return String(decoding: bytes[start ..< index - 1], as: UTF8.self) }
        }
    }

    private mutating func multilineString(literal: Bool) throws(SyntaxError) -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        if peek() == 0x0D, peek(1) == 0x0A { index += 2; newLine() } else if peek() == 0x0A { index += 1; newLine() }
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unterminated multi-line string") }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                // Up to two more quotes belong to the content.
                var extra = 0
                while extra < 2, peek() == quote {
                    result.append(quote)
                    index += 1
                    extra += 1
                }
                return String(decoding: result, as: UTF8.self)
            }
            index += 1
            if byte == 0x0A { newLine() }
            if !literal, byte == UInt8(ascii: "\\") {
                // A line-ending backslash trims the newline and the whitespace after it.
                var probe = index
                while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                if probe < bytes.count, bytes[probe] == 0x0A || bytes[probe] == 0x0D {
                    index = probe
                    while let next = peek(), next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D {
                        index += 1
                        if next == 0x0A { newLine() }
                    }
                    continue
                }
                try escape(into: &result)
                continue
            }
            result.append(byte)
        }
    }

    private mutating func escape(into result: inout [UInt8]) throws(SyntaxError) {
        guard let byte = peek() else { throw error("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "e"): result.append(0x1B)
        case UInt8(ascii: "\""): result.append(0x22)
        case UInt8(ascii: "\\"): result.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = byte == UInt8(ascii: "u") ? 4 : 8
            guard index + count <= bytes.count,
                  let scalarValue = UInt32(String(decoding: bytes[index ..< index + count], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(scalarValue) else { throw error("invalid unicode escape") }
            index += count
            result += Array(String(Character(scalar)).utf8)
        default:
            throw error("invalid escape `\\\(Self.describe(byte))`; write `\\\\` for a backslash or use a 'literal string'")
        }
    }

    // MARK: - Whitespace and helpers

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func newLine() {
        line += 1
        lineStart = index
    }

    private mutating func skipSpaces() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 { index += 1 }
    }

    private mutating func skipComment() {
        if peek() == UInt8(ascii: "#") {
            while let byte = peek(), byte != 0x0A { index += 1 }
        }
    }

    private mutating func skipBlankAndComments() {
        while true {
            skipSpaces()
            skipComment()
            if peek() == 0x0D, peek(1) == 0x0A { index += 1 }
            guard peek() == 0x0A else { return }
            index += 1
            newLine()
        }
    }

    private mutating func endOfLine() throws(SyntaxError) {
        skipSpaces()
        skipComment()
        if peek() == 0x0D { index += 1 }
        guard let byte = peek() else { return }
        guard byte == 0x0A else { throw error("expected the end of the line, found `\(Self.describe(byte))`") }
        index += 1
        newLine()
    }

    private mutating func expect(_ character: Character) throws(SyntaxError) {
        guard let byte = peek(), byte == character.asciiValue else {
            throw error("expected `\(character)`\(peek().map { ", found `\(Self.describe($0))`" } ?? "")")
        }
        index += 1
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    private func error(_ message: String, line: Int? = nil, column: Int? = nil) -> SyntaxError {
        SyntaxError(line: line ?? self.line, column: column ?? (index - lineStart + 1), message: message)
    }
}
