/// Google-style section bodies, read the way Sphinx's napoleon reads them.
extension DocstringBuilder {
    mutating func addGoogle(_ section: DocstringSection, body: [DocstringLines.Line]) {
        let entries = Self.entries(body)
        guard !entries.isEmpty else {
            if section.kind != .admonition {
                problem("section `\(section.title):` is empty; indent its entries under the header or remove it", line: section.line)
            }
            return
        }
        switch section.kind {
        case .parameters, .otherParameters, .keywordArguments, .attributes:
            var items: [DocstringItem] = []
            for entry in entries {
                if let field = Docstring.templateField(String(entry.head.content)) {
                    docstring.templateFields.append(field)
                } else if let item = Self.googleField(entry.head, entry.rest) {
                    items.append(item)
                } else {
                    unparsedEntry("`\(entry.head.content)` in `\(section.title):` is not `name (type): description`", head: entry.head, rest: entry.rest)
                }
            }
            append(items, to: section.kind)
        case .returns, .yields:
            let firstLine = entries[0].head
            let (type, description) = Self.googleReturn(String(firstLine.content))
            let rest = Array(body.drop { $0.offset <= firstLine.offset })
            append([DocstringItem(name: nil, type: type, description: Self.description(description, rest), line: firstLine.offset)],
                   to: section.kind)
        case .raises, .warns:
            var items: [DocstringItem] = []
            for entry in entries {
                let content = String(entry.head.content)
                let (name, description) = Self.splitOnColon(content)
                if let name, Self.isExceptionList(name) {
                    for exception in name.split(separator: ",") {
                        items.append(DocstringItem(name: exception.trimmingCharacters(), type: nil,
                                                   description: Self.description(description, entry.rest), line: entry.head.offset))
                    }
                } else if Self.isExceptionList(content) {
                    items.append(DocstringItem(name: content, type: nil, description: Self.description("", entry.rest), line: entry.head.offset))
                } else {
                    unparsedEntry("`\(content)` in `\(section.title):` is not `ExceptionType: description`", head: entry.head, rest: entry.rest)
                }
            }
            if section.kind == .raises { append(items, to: .raises) }
        default:
            addText(section.kind, lines: body, fallbackLine: section.line)
        }
    }

    /// `name (type, optional): description`, `name: description`, or a bare `name`.
    static func googleField(_ head: DocstringLines.Line, _ rest: [DocstringLines.Line]) -> DocstringItem? {
        let content = head.content
        var nameEnd = content.startIndex
        while nameEnd < content.endIndex, content[nameEnd] != " ", content[nameEnd] != "(", content[nameEnd] != ":" {
            nameEnd = content.index(after: nameEnd)
        }
        let name = content[content.startIndex ..< nameEnd]
        guard isIdentifier(name) else { return nil }
        var cursor = nameEnd
        while cursor < content.endIndex, content[cursor] == " " { cursor = content.index(after: cursor) }
        var type: String?
        if cursor < content.endIndex, content[cursor] == "(" {
            var depth = 0
            var close: String.Index?
            var scan = cursor
            while scan < content.endIndex {
                if content[scan] == "(" || content[scan] == "[" { depth += 1 }
                if content[scan] == ")" || content[scan] == "]" {
                    depth -= 1
                    if depth == 0 && content[scan] == ")" {
                        close = scan
                        break
                    }
                }
                scan = content.index(after: scan)
            }
            guard let close else { return nil }
            type = String(content[content.index(after: cursor) ..< close]).trimmingSpaces()
            cursor = content.index(after: close)
            while cursor < content.endIndex, content[cursor] == " " { cursor = content.index(after: cursor) }
        }
        var inline = ""
        if cursor < content.endIndex {
            guard content[cursor] == ":" else { return nil }
            inline = String(content[content.index(after: cursor)...]).trimmingSpaces()
        }
        return DocstringItem(name: String(name), type: type, description: description(inline, rest), line: head.offset)
    }

    /// napoleon's reading of a Returns/Yields first line: `type: description`, else all description.
    static func googleReturn(_ line: String) -> (type: String?, description: String) {
        let (before, after) = splitOnColon(line)
        guard let before, !before.isEmpty, before.split(separator: " ").count <= 4 else { return (nil, line) }
        return (before, after)
    }

    /// Splits on the first colon outside brackets and backticks that is followed by a space or the end.
    static func splitOnColon(_ line: String) -> (before: String?, after: String) {
        var depth = 0
        var inBackticks = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "`" { inBackticks.toggle() }
            if !inBackticks {
                if "([{".contains(character) { depth += 1 }
                if ")]}".contains(character) { depth -= 1 }
                if character == ":" && depth == 0 {
                    let next = line.index(after: index)
                    if next == line.endIndex || line[next] == " " {
                        return (String(line[..<index]).trimmingSpaces(), String(line[next...]).trimmingSpaces())
                    }
                }
            }
            index = line.index(after: index)
        }
        return (nil, line)
    }

    /// `ValueError`, `errors.Timeout`, `KeyError, IndexError`, `:exc:`ValueError``.
    static func isExceptionList(_ text: String) -> Bool {
        text.split(separator: ",").allSatisfy { part in
            var name = part.trimmingCharacters()
            if name.hasPrefix(":exc:`") || name.hasPrefix(":class:`") {
                name = String(name.drop { $0 != "`" }.dropFirst().dropLast())
            }
            name = name.replacingOccurrences(of: "~", with: "")
            return isIdentifier(name)
        }
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        String(self).trimmingSpaces()
    }
}

extension String {
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
