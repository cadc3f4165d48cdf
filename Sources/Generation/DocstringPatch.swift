import PythonSyntax

/// Puts a docstring into a file's original bytes: it replaces the symbol's docstring literal, or
/// inserts one as the first statement of its body, and leaves every other byte as it was — line
/// endings (LF or CRLF, taken from the definition's line), tabs, the byte-order mark and the
/// file's encoding (ASCII-compatible encodings; a docstring with other characters is converted
/// with iconv).
public struct DocstringPatch: Sendable {
    /// Why a docstring cannot be put in.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// The line of the symbol.
        public var line: Int
        /// Why, and what to do.
        public var reason: String
        public var description: String { "\(path):\(line): \(reason)" }
    }

    /// Line ranges (1-based, inclusive start, exclusive end) and the replacement lines for each,
    /// applied bottom-up.
    struct Edit {
        var startLine: Int
        var endLine: Int
        var lines: [String]
    }

    /// The file's bytes with the docstrings of `targets` set to `values` (value lines without
    /// indentation, as `DocstringRenderer` gives them).
    public static func apply(_ docstrings: [(symbol: Symbol, value: [String])], to original: [UInt8], file: SourceFile) throws(Refusal) -> [UInt8] {
        let (bytes, refused) = try applyEach(docstrings, to: original, file: file)
        if let first = refused.first { throw first }
        return bytes
    }

    /// The file's bytes with every docstring that can be put in put in, and why each other one
    /// could not: one refused docstring does not cost the file's others.
    public static func applyEach(_ docstrings: [(symbol: Symbol, value: [String])], to original: [UInt8], file: SourceFile) throws(Refusal) -> (bytes: [UInt8], refused: [Refusal]) {
        guard let text = file.text else { throw Refusal(path: file.path, line: 1, reason: "the file could not be read as Python source") }
        var originalLines = splitLines(original)
        var edits: [(edit: Edit, encoded: [[UInt8]])] = []
        var refused: [Refusal] = []
        let summaryOnNextLine = summaryOnNextLine(in: file, text: text)
        for (symbol, value) in docstrings {
            do {
                let edit = try edit(for: symbol, value: value, text: text, originalLines: originalLines, path: file.path, summaryOnNextLine: summaryOnNextLine)
                let encoded = try edit.lines.map { line throws(Refusal) -> [UInt8] in
                    try encode(line, encoding: file.encoding ?? "utf-8", path: file.path, line: edit.startLine)
                }
                edits.append((edit, encoded))
            } catch {
                refused.append(error)
            }
        }
        for (edit, encoded) in edits.sorted(by: { $0.edit.startLine > $1.edit.startLine }) {
            originalLines.replaceSubrange((edit.startLine - 1) ..< (edit.endLine - 1), with: encoded)
        }
        return (Array(originalLines.joined()), refused)
    }

    /// The original bytes split after each `\n` (each line keeps its ending).
    static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            lines.append(Array(bytes[start ... index]))
            start = index + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        return lines
    }

    /// Whether most of the file's multi-line docstrings open with the quotes alone on their line
    /// and the summary on the next (pydocstyle's D213 convention rather than D212).
    static func summaryOnNextLine(in file: SourceFile, text: SourceText) -> Bool {
        var next = 0, same = 0
        for symbol in file.symbols {
            guard let line = symbol.docstringLine, let docstring = symbol.docstring, docstring.contains("\n") else { continue }
            let opening = text.line(line).trimming(" \t\r")
            let quotesAlone = opening.count <= 4 && (opening.hasSuffix(String(repeating: "\"", count: 3)) || opening.hasSuffix(String(repeating: "'", count: 3)))
            if quotesAlone { next += 1 } else { same += 1 }
        }
        return next > same
    }

    static func edit(for symbol: Symbol, value: [String], text: SourceText, originalLines: [[UInt8]], path: String,
                     summaryOnNextLine: Bool = false) throws(Refusal) -> Edit {
        let headerEnd = headerLastLine(of: symbol, text: text)
        let headerLine = originalLines.indices.contains(headerEnd - 1) ? originalLines[headerEnd - 1] : []
        let newline = headerLine.suffix(2) == [13, 10] ? "\r\n" : "\n"
        let indent: String
        let startLine: Int
        let endLine: Int
        if let docstringLine = symbol.docstringLine {
            let first = text.line(docstringLine)
            indent = String(first.prefix { $0 == " " || $0 == "\t" })
            guard let last = literalLastLine(from: docstringLine, text: text) else {
                throw Refusal(path: path, line: docstringLine, reason: "the docstring literal's end could not be found; fix the file's syntax first")
            }
            let after = text.line(last)
            guard after.trimming(" \t\r").hasSuffix("\"\"\"") || after.trimming(" \t\r").hasSuffix("'''") || after.trimming(" \t\r").hasSuffix("\"") || after.trimming(" \t\r").hasSuffix("'") else {
                throw Refusal(path: path, line: last, reason: "code follows the docstring on its last line; put it on a line of its own first")
            }
            guard first.hasPrefix(indent + "\"") || first.hasPrefix(indent + "'") || first.dropFirst(indent.count).first.map({ "rRuUbB".contains($0) }) == true else {
                throw Refusal(path: path, line: docstringLine, reason: "the docstring shares its line with other code")
            }
            startLine = docstringLine
            endLine = last + 1
        } else {
            let headerText = text.line(headerEnd).trimming(" \t\r")
            guard headerText.hasSuffix(":") else {
                throw Refusal(path: path, line: symbol.line, reason: "the body is on the definition's line; move it to a line of its own to add a docstring")
            }
            var bodyLine = headerEnd + 1
            while bodyLine <= symbol.endLine {
                let line = text.line(bodyLine).trimming(" \t\r")
                if !line.isEmpty, !line.hasPrefix("#") { break }
                bodyLine += 1
            }
            guard bodyLine <= symbol.endLine else { throw Refusal(path: path, line: symbol.line, reason: "the body could not be found") }
            indent = String(text.line(bodyLine).prefix { $0 == " " || $0 == "\t" })
            startLine = headerEnd + 1
            endLine = headerEnd + 1
        }
        return Edit(startLine: startLine, endLine: endLine, lines: literal(value, indent: indent, newline: newline, summaryOnNextLine: summaryOnNextLine))
    }

    /// The docstring literal's lines, each with its line ending.
    static func literal(_ value: [String], indent: String, newline: String, summaryOnNextLine: Bool = false) -> [String] {
        let needsRaw = value.contains { $0.contains("\\") }
        let escaped = value.map { $0.replacing("\"\"\"", with: "\\\"\\\"\\\"") }
        let open = (needsRaw ? "r" : "") + "\"\"\""
        if escaped.count == 1, !escaped[0].hasSuffix("\"") {
            return [indent + open + escaped[0] + "\"\"\"" + newline]
        }
        var lines = summaryOnNextLine ? [indent + open + newline, indent + escaped[0] + newline] : [indent + open + escaped[0] + newline]
        for line in escaped.dropFirst() { lines.append((line.isEmpty ? "" : indent + line) + newline) }
        lines.append(indent + "\"\"\"" + newline)
        return lines
    }

    /// The line that ends a definition's header (the colon opening the body).
    static func headerLastLine(of symbol: Symbol, text: SourceText) -> Int {
        DocstringTarget.signature(of: symbol, in: text).split(separator: "\n", omittingEmptySubsequences: false).count
            - decoratorCount(of: symbol, text: text) + symbol.line - 1
    }

    static func decoratorCount(of symbol: Symbol, text: SourceText) -> Int {
        var count = 0
        var line = symbol.line
        while line > 1, text.line(line - 1).trimming(" \t\r").hasPrefix("@") { count += 1; line -= 1 }
        return count
    }

    /// The last line of the string literal starting on `line`.
    static func literalLastLine(from line: Int, text: SourceText) -> Int? {
        let first = text.line(line)
        guard let quoteIndex = first.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return nil }
        let rest = first[quoteIndex...]
        let quote = rest.hasPrefix("\"\"\"") ? "\"\"\"" : rest.hasPrefix("'''") ? "'''" : String(rest.first!)
        var current = line
        var search = Substring(rest.dropFirst(quote.count))
        while true {
            var index = search.startIndex
            while index < search.endIndex {
                if search[index] == "\\" {  // escapes the next character, in raw strings too
                    index = search.index(after: index)
                    if index < search.endIndex { index = search.index(after: index) }
                    continue
                }
                if search[index...].hasPrefix(quote) { return current }
                index = search.index(after: index)
            }
            current += 1
            if current > text.lineStarts.count { return nil }
            search = Substring(text.line(current))
        }
    }

    static func encode(_ line: String, encoding: String, path: String, line number: Int) throws(Refusal) -> [UInt8] {
        let utf8 = Array(line.utf8)
        let normalized = encoding.lowercased().replacing("_", with: "-")
        if utf8.allSatisfy({ $0 < 0x80 }) || normalized == "utf-8" || normalized == "utf8" || normalized == "utf-8-sig" { return utf8 }
        guard let converted = SourceEncoder.encode(utf8, as: encoding) else {
            throw Refusal(path: path, line: number, reason: "the docstring has characters the file's encoding (\(encoding)) cannot hold")
        }
        return converted
    }
}
