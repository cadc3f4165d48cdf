/// NumPy-style section bodies, read the way numpydoc reads them.
extension DocstringBuilder {
    mutating func addNumpy(_ section: DocstringSection, body: [DocstringLines.Line]) {
        let entries = Self.entries(body)
        guard !entries.isEmpty else {
            problem("section `\(section.title)` is empty; write its entries under the dashes or remove it", line: section.line)
            return
        }
        switch section.kind {
        case .parameters, .otherParameters, .keywordArguments, .attributes:
            var items: [DocstringItem] = []
            for entry in entries {
                let content = String(entry.head.content)
                if let field = Docstring.templateField(content) {
                    docstring.templateFields.append(field)
                    continue
                }
                let (namePart, type) = Self.numpyNameAndType(content)
                let names = Self.entryNames(namePart)
                guard !names.isEmpty, names.allSatisfy(Self.isIdentifier) else {
                    unparsedEntry("`\(content)` in `\(section.title)` is not `name : type`", head: entry.head, rest: entry.rest)
                    continue
                }
                let description = entry.rest.joinedDedented()
                for name in names {
                    items.append(DocstringItem(name: name, type: type, description: description, line: entry.head.offset))
                }
            }
            append(items, to: section.kind)
        case .returns, .yields, .receives:
            var items: [DocstringItem] = []
            for entry in entries {
                let content = String(entry.head.content)
                let (namePart, type) = Self.numpyNameAndType(content)
                let item = type == nil
                    ? DocstringItem(name: nil, type: content, description: entry.rest.joinedDedented(), line: entry.head.offset)
                    : DocstringItem(name: namePart, type: type, description: entry.rest.joinedDedented(), line: entry.head.offset)
                items.append(item)
            }
            append(items, to: section.kind)
        case .raises, .warns:
            var items: [DocstringItem] = []
            for entry in entries {
                var content = String(entry.head.content)
                var description = entry.rest.joinedDedented()
                // `ValueError:` or `ValueError: If n < 0.` — the Google habit in a NumPy section.
                if let colon = content.firstIndex(of: ":"), Self.isExceptionList(String(content[..<colon])) {
                    let inline = content[content.index(after: colon)...].trimmingCharacters()
                    if !inline.isEmpty { description = description.isEmpty ? inline : inline + "\n" + description }
                    content = String(content[..<colon])
                }
                // `TypeError if the column is complex.`: the exception, then its description on
                // the same line. It documents `TypeError`; the layout is still worth a note.
                if !Self.isExceptionList(content), let space = content.firstIndex(of: " "), Self.looksLikeException(String(content[..<space]),
                                                                                                            then: content[content.index(after: space)...]) {
                    let name = String(content[..<space])
                    problem("`\(content)` in `\(section.title)`: put `\(name)` alone on its line and its description indented under it",
                            line: entry.head.offset)
                    let inline = content[content.index(after: space)...].trimmingCharacters()
                    items.append(DocstringItem(name: name, type: nil, description: description.isEmpty ? inline : inline + "\n" + description,
                                               line: entry.head.offset))
                    continue
                }
                guard Self.isExceptionList(content) else {
                    unparsedEntry("`\(content)` in `\(section.title)` is not an exception type", head: entry.head, rest: entry.rest)
                    continue
                }
                for exception in content.split(separator: ",") {
                    items.append(DocstringItem(name: exception.trimmingCharacters(), type: nil,
                                               description: description, line: entry.head.offset))
                }
            }
            if section.kind == .raises { append(items, to: .raises) }
        default:
            addText(section.kind, lines: body, fallbackLine: section.line)
        }
    }

    /// Whether `word` followed by `rest` reads as an exception and its description: `TypeError if
    /// …`, `Timeout when …` — an exception's name, or any name followed by a condition.
    static func looksLikeException(_ word: String, then rest: Substring) -> Bool {
        guard isExceptionList(word), let first = word.first, first.isUppercase else { return false }
        if ["Error", "Exception", "Warning", "Exit", "Interrupt", "Iteration"].contains(where: { word.hasSuffix($0) }) { return true }
        let next = rest.prefix { $0 != " " }.lowercased()
        return ["if", "when", "whenever", "unless"].contains(next)
    }

    /// `x : int` → (`x`, `int`); `x` → (`x`, nil). numpydoc splits on the first ` : `, and also
    /// accepts `x: int`.
    /// The names of one entry: `x, y`, and the brace shorthand `{row,col}_cluster` for
    /// `row_cluster` and `col_cluster` (seaborn's).
    static func entryNames(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.flatMap { part -> [String] in
            let name = part.trimmingCharacters()
            guard let open = name.firstIndex(of: "{"), let close = name[open...].firstIndex(of: "}") else { return [name] }
            let prefix = name[..<open], suffix = name[name.index(after: close)...]
            return name[name.index(after: open) ..< close].split(separator: ",").map { prefix + $0.trimmingCharacters() + suffix }
        }
    }

    static func numpyNameAndType(_ content: String) -> (name: String, type: String?) {
        let (before, after) = splitOnColon(content)
        if let before, !before.isEmpty {
            return (before, after.isEmpty ? nil : after)
        }
        if let range = content.range(of: " :") {
            return (String(content[..<range.lowerBound]).trimmingSpaces(),
                    String(content[range.upperBound...]).trimmingSpaces())
        }
        return (content, nil)
    }
}

extension String {
    /// The first occurrence of `needle`, without Foundation.
    func range(of needle: String) -> Range<String.Index>? {
        guard !needle.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) {
                return index ..< self.index(index, offsetBy: needle.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
