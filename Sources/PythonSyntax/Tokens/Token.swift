/// One token of Python source, as CPython's tokenizer would produce it.
///
/// Positions are byte offsets into ``DecodedSource/bytes``; an f-string, however deeply its
/// replacement fields nest, is one `string` token.
public struct Token: Sendable, Hashable {
    /// What sort of token this is.
    public enum Kind: UInt8, Sendable {
        case name, number, string, op, newline, indent, dedent, endOfFile
    }

    /// The token's kind.
    public var kind: Kind
    /// For `name` tokens, the keyword it spells (hard or soft), else `.none`.
    public var keyword: Keyword
    /// For `op` tokens, the operator, else `.none`.
    public var op: Operator
    /// Offset of the first byte.
    public var start: Int32
    /// Offset just past the last byte.
    public var end: Int32
    /// 1-based line of the first byte.
    public var line: Int32
    /// 1-based line of the last byte (differs from `line` for multi-line strings).
    public var endLine: Int32

    /// Creates a token.
    public init(kind: Kind, keyword: Keyword = .none, op: Operator = .none, start: Int, end: Int, line: Int, endLine: Int) {
        self.kind = kind
        self.keyword = keyword
        self.op = op
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.line = Int32(truncatingIfNeeded: line)
        self.endLine = Int32(truncatingIfNeeded: endLine)
    }

    /// Whether this is the given operator.
    @inlinable public func isOp(_ expected: Operator) -> Bool { kind == .op && op == expected }
    /// Whether this is the given keyword.
    @inlinable public func isKeyword(_ expected: Keyword) -> Bool { kind == .name && keyword == expected }
}

/// The keywords of Python 3.12: hard ones, and the soft ones (`match`, `case`, `type`, `_`)
/// that are keywords only in some positions.
public enum Keyword: UInt8, Sendable {
    case none
    case falseLiteral, noneLiteral, trueLiteral, and, `as`, assert, async, await, `break`, `class`, `continue`
    case def, del, elif, `else`, except, finally, `for`, from, global, `if`, `import`, `in`, `is`
    case lambda, nonlocal, not, or, pass, raise, `return`, `try`, `while`, with, yield
    case match, `case`, type, underscore

    /// Whether the keyword is soft (usable as an ordinary name).
    public var isSoft: Bool { self == .match || self == .case || self == .type || self == .underscore }

    /// Whether the word is an operand when it appears in an expression (`True`, `None`, soft keywords).
    public var isOperandWord: Bool { self == .none || self == .trueLiteral || self == .falseLiteral || self == .noneLiteral || isSoft }

    static let table: [UInt64: Keyword] = {
        let words: [(String, Keyword)] = [
            ("False", .falseLiteral), ("None", .noneLiteral), ("True", .trueLiteral), ("and", .and), ("as", .as),
            ("assert", .assert), ("async", .async), ("await", .await), ("break", .break),
            ("class", .class), ("continue", .continue), ("def", .def), ("del", .del), ("elif", .elif),
            ("else", .else), ("except", .except), ("finally", .finally), ("for", .for), ("from", .from),
            ("global", .global), ("if", .if), ("import", .import), ("in", .in), ("is", .is),
            ("lambda", .lambda), ("nonlocal", .nonlocal), ("not", .not), ("or", .or), ("pass", .pass),
            ("raise", .raise), ("return", .return), ("try", .try), ("while", .while), ("with", .with),
            ("yield", .yield), ("match", .match), ("case", .case), ("type", .type), ("_", .underscore),
        ]
        var table = [UInt64: Keyword]()
        for (word, keyword) in words { table[packed(Array(word.utf8)[...])!] = keyword }
        return table
    }()

    /// Packs up to eight ASCII bytes into an integer key; nil for longer words.
    @inline(__always)
    static func packed(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for byte in bytes { key = key << 8 | UInt64(byte) }
        return key
    }

    /// The keyword spelled by `bytes`, or `.none`.
    static func lookup(_ bytes: ArraySlice<UInt8>) -> Keyword {
        guard let key = packed(bytes) else { return .none }
        // Every name the tokenizer reads is looked up: an open-addressed table with a
        // multiplicative hash, not a Dictionary's seeded SipHash.
        return slots.withUnsafeBufferPointer { slots in
            var slot = slotIndex(key)
            while true {
                let entry = slots[slot]
                if entry.key == key { return entry.keyword }
                if entry.key == 0 { return .none }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
    }

    /// `table` as 128 open-addressed slots (key 0: empty; no name packs to 0).
    static let slots: [(key: UInt64, keyword: Keyword)] = {
        var slots = [(key: UInt64, keyword: Keyword)](repeating: (0, .none), count: 128)
        for (key, keyword) in table {
            var slot = slotIndex(key)
            while slots[slot].key != 0 { slot = (slot + 1) & 127 }
            slots[slot] = (key, keyword)
        }
        return slots
    }()

    @inline(__always)
    private static func slotIndex(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 57)
    }
}

/// Python's operators and delimiters.
public enum Operator: UInt8, Sendable {
    case none
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case colon, comma, semicolon, plus, minus, star, slash, verticalBar, ampersand, less, greater
    case equal, dot, percent, tilde, circumflex, at, exclamation
    case equalEqual, notEqual, lessEqual, greaterEqual, leftShift, rightShift, doubleStar, doubleSlash
    case plusEqual, minusEqual, starEqual, slashEqual, percentEqual, ampersandEqual, verticalBarEqual
    case circumflexEqual, atEqual, colonEqual, arrow, ellipsis
    case leftShiftEqual, rightShiftEqual, doubleStarEqual, doubleSlashEqual

    /// Whether the operator opens a bracket.
    public var isOpening: Bool { self == .leftParen || self == .leftBracket || self == .leftBrace }
    /// Whether the operator closes a bracket.
    public var isClosing: Bool { self == .rightParen || self == .rightBracket || self == .rightBrace }
}
