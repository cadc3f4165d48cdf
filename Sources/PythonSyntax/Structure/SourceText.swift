/// Decoded source bytes with their line table: turns byte offsets into lines and columns and
/// token ranges into text.
public struct SourceText: Sendable {
    /// UTF-8 bytes with `\n` line endings.
    public let bytes: [UInt8]
    /// Byte offset of the start of each line; index 0 is line 1.
    public let lineStarts: [Int32]

    /// Creates a source text.
    public init(bytes: [UInt8], lineStarts: [Int32]) {
        self.bytes = bytes
        self.lineStarts = lineStarts
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    public func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(lineStarts[middle]) <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var cursor = Int(lineStarts[low])
        while cursor < offset, cursor < bytes.count {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return (low + 1, column)
    }

    /// The text of a byte range.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The text of one line, without its line ending.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = Int(lineStarts[number - 1])
        var end = number < lineStarts.count ? Int(lineStarts[number]) : bytes.count
        if end > start, end <= bytes.count, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        return text(start ..< max(start, end))
    }
}
