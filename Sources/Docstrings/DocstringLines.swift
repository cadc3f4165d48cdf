/// A docstring's lines after `inspect.cleandoc`: tabs expanded, the first line stripped, the others
/// dedented by their common indentation. Each line keeps its offset in the literal.
struct DocstringLines {
    struct Line {
        /// The dedented text, trailing whitespace removed.
        var text: String
        /// Columns of indentation left after dedenting.
        var indent: Int
        /// 0-based offset in the literal.
        var offset: Int
        var isBlank: Bool { text.isEmpty }
        /// The text without its indentation.
        var content: Substring { text.dropFirst(indent) }
    }

    var lines: [Line]
    /// Number of lines in the raw value.
    var rawCount: Int
    /// The raw lines' layout, for PEP 257 checks.
    var layout: DocstringLayout

    init(_ raw: String) {
        // Work on UTF-8: indentation is ASCII, and this runs for every docstring.
        var rawLines: [Substring] = []
        var lineStart = raw.utf8.startIndex
        var cursor = raw.utf8.startIndex
        while cursor < raw.utf8.endIndex {
            if raw.utf8[cursor] == 0x0A {
                rawLines.append(raw[lineStart ..< cursor])
                lineStart = raw.utf8.index(after: cursor)
            }
            cursor = raw.utf8.index(after: cursor)
        }
        rawLines.append(raw[lineStart ..< raw.utf8.endIndex])
        rawCount = rawLines.count
        let expanded = rawLines.map { $0.utf8.contains(0x09) ? Substring(Self.expandTabs($0)) : $0 }
        var indentations: [Int?] = []
        indentations.reserveCapacity(expanded.count)
        for line in expanded {
            let indent = Self.indentation(line)
            indentations.append(indent < line.utf8.count && !Self.isBlank(line) ? indent : nil)
        }
        // A line at column 0 right after an indented one, in a docstring whose other lines are
        // indented, is the rest of that line, split by a `\n` escape in a non-raw literal
        // (`Defaults to "\n".`): it is joined back (as the source shows it) instead of setting the
        // margin to 0, which would put every section header off its column.
        var joined = expanded.map { Substring($0) }
        var offsets = Array(expanded.indices)
        let splits = expanded.indices.dropFirst(2).filter { indentations[$0] == 0 && (indentations[$0 - 1] ?? 0) > 0 }
        if !splits.isEmpty, expanded.indices.dropFirst().allSatisfy({ splits.contains($0) || indentations[$0] != 0 }) {
            for offset in splits.reversed() {
                joined[offset - 1] = Substring(String(joined[offset - 1]) + "\\n" + joined[offset])
                joined.remove(at: offset)
                offsets.remove(at: offset)
            }
        }
        let margin = offsets.dropFirst().compactMap { indentations[$0] }.min() ?? 0
        var result: [Line] = []
        result.reserveCapacity(joined.count)
        for (position, line) in joined.enumerated() {
            let offset = offsets[position]
            var text: Substring
            if offset == 0 {
                text = line.drop { $0 == " " }
            } else {
                let drop = min(margin, Self.indentation(line))
                text = Substring(line.utf8.dropFirst(drop))
            }
            while let last = text.utf8.last, last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0C || last == 0x0B {
                text = Substring(text.utf8.dropLast())
            }
            let string = String(text)
            result.append(Line(text: string, indent: Self.indentation(string), offset: offset))
        }
        layout = DocstringLayout(lineCount: rawLines.count, indentations: indentations,
                                 lastLineIsBlank: indentations.last.map { $0 == nil } ?? true)
        while result.first?.isBlank == true { result.removeFirst() }
        while result.last?.isBlank == true { result.removeLast() }
        lines = result
    }

    static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C || $0 == 0x0B }
    }

    static func indentation<S: StringProtocol>(_ line: S) -> Int {
        var count = 0
        for byte in line.utf8 {
            guard byte == 0x20 else { break }
            count += 1
        }
        return count
    }

    /// `str.expandtabs(8)`.
    static func expandTabs(_ line: Substring) -> String {
        guard line.contains("\t") else { return String(line) }
        var result = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = 8 - column % 8
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                result.append(character)
                column += 1
            }
        }
        return result
    }
}

extension Array where Element == DocstringLines.Line {
    /// The lines' text dedented by their common indentation, blank lines at both ends dropped.
    func joinedDedented() -> String {
        var slice = self[...]
        while slice.first?.isBlank == true { slice.removeFirst() }
        while slice.last?.isBlank == true { slice.removeLast() }
        let margin = slice.filter { !$0.isBlank }.map(\.indent).min() ?? 0
        return slice.map { String($0.text.dropFirst(Swift.min(margin, $0.indent))) }.joined(separator: "\n")
    }
}

/// Where a docstring's raw lines start, for the PEP 257 layout checks.
public struct DocstringLayout: Sendable, Hashable, Codable {
    /// Number of lines in the raw value.
    public var lineCount: Int
    /// Columns of indentation of each raw line (tabs expanded), nil for blank lines.
    public var indentations: [Int?]
    /// Whether the last raw line is blank, i.e. the closing quotes sit on a line of their own.
    public var lastLineIsBlank: Bool

    /// Creates a layout.
    public init(lineCount: Int, indentations: [Int?], lastLineIsBlank: Bool) {
        self.lineCount = lineCount
        self.indentations = indentations
        self.lastLineIsBlank = lastLineIsBlank
    }

    /// Number of lines with text.
    public var contentLineCount: Int { indentations.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
}
