/// A file's original bytes as lines, each with its ending (`\n`, `\r\n`, or none at the end):
/// what `--fix` edits, so every byte it does not change stays as it was.
public struct SourceLines: Sendable, Equatable {
    /// The lines, 0-based, each with its line ending.
    public private(set) var lines: [[UInt8]]

    /// Splits bytes after each `\n`.
    public init(_ bytes: [UInt8]) {
        var lines: [[UInt8]] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(Array(bytes[start ... index]))
            start = index + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        self.lines = lines
    }

    /// The bytes, lines joined.
    public var bytes: [UInt8] { Array(lines.joined()) }

    /// The number of lines.
    public var count: Int { lines.count }

    /// The 1-based line without its ending; empty past the end.
    public func content(_ line: Int) -> [UInt8] {
        guard line >= 1, line <= lines.count else { return [] }
        var bytes = lines[line - 1]
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        return bytes
    }

    /// The 1-based line's ending (`\n` or `\r\n`); the previous line's for the last line without one.
    public func ending(_ line: Int) -> [UInt8] {
        for candidate in stride(from: min(line, lines.count), through: 1, by: -1) {
            let bytes = lines[candidate - 1]
            if bytes.last == 0x0A { return bytes.count >= 2 && bytes[bytes.count - 2] == 0x0D ? [0x0D, 0x0A] : [0x0A] }
        }
        return [0x0A]
    }

    /// Applies edits that do not overlap, bottom-up; each replaced or inserted line takes the
    /// ending of the first line it replaces (or of the line before an insertion).
    public mutating func apply(_ edits: [LineEdit]) {
        for edit in edits.sorted(by: { $0.start > $1.start }) {
            let ending = ending(edit.end > edit.start ? edit.start : max(1, edit.start - 1))
            let lastKeepsNoEnding = edit.end > lines.count && lines.last?.last != 0x0A
            var replacement = edit.contents.map { $0 + ending }
            if lastKeepsNoEnding, !replacement.isEmpty { replacement[replacement.count - 1] = edit.contents[edit.contents.count - 1] }
            lines.replaceSubrange((edit.start - 1) ..< min(edit.end - 1, lines.count), with: replacement)
        }
    }
}

/// Lines `start..<end` (1-based; `start == end` inserts before `start`) replaced by `contents`
/// (lines without endings).
public struct LineEdit: Sendable, Hashable {
    /// The first line replaced, or the line inserted before.
    public var start: Int
    /// The line after the last one replaced.
    public var end: Int
    /// The new lines, without endings.
    public var contents: [[UInt8]]

    /// Creates an edit.
    public init(start: Int, end: Int, contents: [[UInt8]]) {
        self.start = start
        self.end = end
        self.contents = contents
    }
}
