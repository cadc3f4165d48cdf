import Docstrings
import PythonSyntax

/// A docstring literal `--fix` can edit line by line: triple-quoted, on lines of its own, without
/// a backslash joining lines (so the value's line `i` is the source line `first + i`), in a UTF-8
/// file. Edits find their places in the source bytes, so escapes within a line are kept.
public struct DocstringLiteral: Sendable {
    /// The source line of the opening quotes (1-based).
    public var first: Int
    /// The source line of the closing quotes.
    public var last: Int
    /// The bytes before the opening quotes' prefix on the first line.
    public var indent: [UInt8]
    /// `"""` or `'''`.
    public var quote: [UInt8]

    /// The literal of a symbol's docstring, or nil when it cannot be edited safely.
    public init?(symbol: Symbol, docstring: Docstring, lines: SourceLines, encoding: String?) {
        if let encoding, !["utf-8", "utf8", "utf-8-sig", "ascii"].contains(encoding.lowercased().replacing("_", with: "-")) { return nil }
        guard let first = symbol.docstringLine, docstring.lineCount >= 1 else { return nil }
        let opening = lines.content(first)
        var index = 0
        while index < opening.count, opening[index] == 0x20 || opening[index] == 0x09 { index += 1 }
        if first == 1, opening.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        let indent = Array(opening[..<index])
        // A raw literal's value is its source text, backslashes and all; another one's backslashes
        // may join lines or stand for other characters.
        var raw = false
        if index < opening.count, [UInt8(ascii: "r"), UInt8(ascii: "R"), UInt8(ascii: "u"), UInt8(ascii: "U")].contains(opening[index]) {
            raw = opening[index] | 0x20 == UInt8(ascii: "r")
            index += 1
        }
        let rest = opening[index...]
        let quote: [UInt8]
        if rest.starts(with: Array("\"\"\"".utf8)) { quote = Array("\"\"\"".utf8) } else if rest.starts(with: Array("'''".utf8)) { quote = Array("'''".utf8) } else { return nil }
        let last = first + docstring.lineCount - 1
        guard last <= lines.count else { return nil }
        // A backslash ending a line joins two lines of a literal that is not raw: the value's lines
        // would no longer be the source's. Other escapes stay within their line.
        for line in first ... last where !raw && lines.content(line).last == UInt8(ascii: "\\") { return nil }
        // The literal ends on `last` and not before (an escaped line break in the value would
        // make it look longer than it is).
        for line in first ..< last where Self.lastRange(of: quote, in: lines.content(line), from: line == first ? index + 3 : 0) != nil { return nil }
        // The closing quotes end the last line (a comment may follow), and no line before has them.
        let closing = lines.content(last)
        guard let end = Self.lastRange(of: quote, in: closing, from: first == last ? index + 3 : 0) else { return nil }
        let after = closing[end...].drop { $0 == 0x20 || $0 == 0x09 }
        guard after.isEmpty || after.first == UInt8(ascii: "#") else { return nil }
        self.first = first
        self.last = last
        self.indent = indent
        self.quote = quote
    }

    /// The end of the last occurrence of `needle` in `bytes` starting at or after `from`.
    static func lastRange(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        from <= bytes.count ? bytes[from...].ranges(of: needle).last?.upperBound : nil
    }

    /// Where the closing quotes start on the last line.
    public func closingStart(in lines: SourceLines) -> Int? {
        let content = lines.content(last)
        return Self.lastRange(of: quote, in: content, from: first == last ? indent.count + 3 : 0).map { $0 - quote.count }
    }

    /// The source line of a docstring part's 0-based line.
    public func line(_ offset: Int) -> Int { first + offset }
}
