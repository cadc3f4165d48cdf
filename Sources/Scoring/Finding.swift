/// One problem a rule found in one symbol's docstring.
public struct Finding: Sendable, Hashable, Codable {
    /// The rule's stable code (`DH101`).
    public var code: String
    /// The rule's kebab-case name (`undocumented-parameter`).
    public var rule: String
    /// The dimension the finding lowers.
    public var dimension: Dimension
    /// What is wrong and what to write instead.
    public var message: String
    /// The file, as given on the command line (or found under it).
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// The symbol's qualified name (`Outer.method`, `<module>`).
    public var symbol: String
    /// What the finding is about within the symbol (a parameter, an exception), or empty.
    public var subject: String
    /// How much of the dimension's score the finding takes away, from 0 to 1.
    public var penalty: Double
    /// A stable identity that survives line shifts: hash of path, symbol, code and subject.
    public var fingerprint: String
    /// False when an earlier report (`--baseline`) already had this finding.
    public var isNew: Bool = true

    /// Creates a finding; the fingerprint is computed.
    public init(code: String, rule: String, dimension: Dimension, message: String, path: String, line: Int,
                column: Int, symbol: String, subject: String, penalty: Double) {
        self.code = code
        self.rule = rule
        self.dimension = dimension
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.symbol = symbol
        self.subject = subject
        self.penalty = penalty
        self.fingerprint = Fingerprint.of(path, symbol, code, subject)
    }
}

/// FNV-1a 64-bit hashes, printed as 16 hex digits: stable across runs and platforms (unlike `Hasher`).
public enum Fingerprint {
    /// The hash of the parts, separated by NUL.
    public static func of(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { hash = (hash ^ 0) &* 0x100_0000_01b3 }
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
