/// Accumulates sections into a `Docstring`, one section or field at a time.
struct DocstringBuilder {
    var docstring: Docstring
    /// `:type x:` / `@type x:` fields, applied to parameters once all are read.
    var parameterTypes: [String: String] = [:]
    var attributeTypes: [String: String] = [:]
    var returnType: (type: String, line: Int)?
    var yieldType: (type: String, line: Int)?

    init(docstring: Docstring) {
        self.docstring = docstring
    }

    mutating func add(_ start: SectionStart, body: [DocstringLines.Line]) {
        let section = start.section
        docstring.sections.append(section)
        if !docstring.styles.contains(section.style) { docstring.styles.append(section.style) }
        switch section.style {
        case .google:
            // As in napoleon, a Google section ends at the first line that is not indented under
            // its header; text after it is prose, not entries.
            if let end = body.firstIndex(where: { !$0.isBlank && $0.indent == 0 }) {
                addGoogle(section, body: Array(body[..<end]))
                addText(.notes, lines: Array(body[end...]), fallbackLine: body[end].offset)
            } else {
                addGoogle(section, body: body)
            }
        case .numpy: addNumpy(section, body: body)
        case .sphinx, .epytext: addField(start, body: body)
        case .plain: break
        }
    }

    mutating func finish() -> Docstring {
        for index in docstring.parameters.indices {
            if docstring.parameters[index].type == nil, let name = docstring.parameters[index].name {
                docstring.parameters[index].type = parameterTypes[name]
            }
        }
        for index in docstring.attributes.indices {
            if docstring.attributes[index].type == nil, let name = docstring.attributes[index].name {
                docstring.attributes[index].type = attributeTypes[name]
            }
        }
        if let returnType {
            if docstring.returns.isEmpty {
                docstring.returns.append(DocstringItem(name: nil, type: returnType.type, description: "", line: returnType.line, section: .returns))
            } else if docstring.returns[0].type == nil {
                docstring.returns[0].type = returnType.type
            }
        }
        if let yieldType {
            if docstring.yields.isEmpty {
                docstring.yields.append(DocstringItem(name: nil, type: yieldType.type, description: "", line: yieldType.line, section: .yields))
            } else if docstring.yields[0].type == nil {
                docstring.yields[0].type = yieldType.type
            }
        }
        var counts: [DocstringStyle: Int] = [:]
        for section in docstring.sections { counts[section.style, default: 0] += 1 }
        docstring.style = docstring.styles.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? .plain
        return docstring
    }

    // MARK: - Free text

    mutating func addText(_ kind: SectionKind, lines: [DocstringLines.Line], fallbackLine: Int) {
        let text = lines.joinedDedented()
        let line = lines.first(where: { !$0.isBlank })?.offset ?? fallbackLine
        let part = DocstringText(text: text, line: line)
        switch kind {
        case .examples: docstring.examples.append(part)
        case .notes, .warnings, .seeAlso, .references, .todo, .deprecated, .admonition, .methods:
            docstring.notes.append(DocstringNote(kind: kind, text: part))
        default: break
        }
    }

    mutating func problem(_ message: String, line: Int) {
        docstring.problems.append(DocstringProblem(message: message, line: line))
    }

    /// A section entry that could not be parsed: `message` says why; its text is kept.
    mutating func unparsedEntry(_ message: String, head: DocstringLines.Line, rest: [DocstringLines.Line]) {
        problem(message, line: head.offset)
        docstring.unparsedText.append(Self.description(String(head.content), rest))
    }

    mutating func append(_ items: [DocstringItem], to kind: SectionKind) {
        let items = items.map { item in
            var copy = item
            copy.section = kind
            return copy
        }
        switch kind {
        case .parameters, .otherParameters, .keywordArguments: docstring.parameters += items
        case .returns: docstring.returns += items
        case .yields: docstring.yields += items
        case .raises: docstring.raises += items
        case .attributes: docstring.attributes += items
        default: break
        }
    }

    /// Splits a section body into entries: a line at the body's own indentation starts an entry,
    /// deeper lines continue it.
    static func entries(_ body: [DocstringLines.Line]) -> [(head: DocstringLines.Line, rest: [DocstringLines.Line])] {
        let margin = body.filter { !$0.isBlank }.map(\.indent).min() ?? 0
        var result: [(head: DocstringLines.Line, rest: [DocstringLines.Line])] = []
        for line in body {
            if !line.isBlank, line.indent == margin {
                result.append((line, []))
            } else if !result.isEmpty {
                result[result.count - 1].rest.append(line)
            }
        }
        return result
    }

    static func description(_ first: String, _ rest: [DocstringLines.Line]) -> String {
        let continuation = rest.joinedDedented()
        if first.isEmpty { return continuation }
        return continuation.isEmpty ? first : first + "\n" + continuation
    }

    static func isIdentifier<S: StringProtocol>(_ text: S) -> Bool {
        var name = Substring(text)
        // `*args`, and `\*args` as reST (and numpydoc) would have it escaped.
        while true {
            if name.first == "*" {
                name.removeFirst()
            } else if name.hasPrefix("\\*") {
                name.removeFirst(2)
            } else {
                break
            }
        }
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    }
}
