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

    init(_ raw: String) {
        let rawLines = raw.split(separator: "\n", omittingEmptySubsequences: false).map { Self.expandTabs($0) }
        rawCount = rawLines.count
        var margin = Int.max
        for line in rawLines.dropFirst() {
            let indent = Self.indentation(line)
            if indent < line.count { margin = min(margin, indent) }
        }
        if margin == Int.max { margin = 0 }
        var result: [Line] = []
        for (offset, line) in rawLines.enumerated() {
            var text = offset == 0 ? String(line.drop { $0 == " " }) : String(line.dropFirst(min(margin, Self.indentation(line))))
            while let last = text.last, last.isWhitespace { text.removeLast() }
            result.append(Line(text: text, indent: Self.indentation(text), offset: offset))
        }
        while result.first?.isBlank == true { result.removeFirst() }
        while result.last?.isBlank == true { result.removeLast() }
        lines = result
    }

    static func indentation<S: StringProtocol>(_ line: S) -> Int {
        var count = 0
        for character in line {
            guard character == " " else { break }
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
