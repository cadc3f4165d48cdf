/// Sphinx (`:param x:`) and Epytext (`@param x:`) fields.
extension DocstringBuilder {
    mutating func addField(_ start: SectionStart, body: [DocstringLines.Line]) {
        let section = start.section
        let arguments = start.fieldArguments
        let description = Self.description(start.inlineText, body)
        let line = section.line
        let fieldName = section.style == .sphinx ? ":\(section.title):" : "@\(section.title):"
        switch section.kind {
        case .parameters, .keywordArguments, .attributes:
            guard let name = arguments.last else {
                problem("`\(fieldName)` names no \(section.kind == .attributes ? "attribute" : "parameter"); write `\(section.style == .sphinx ? ":" : "@")\(section.title) name: description`", line: line)
                return
            }
            let type = arguments.count > 1 ? arguments.dropLast().joined(separator: " ") : nil
            append([DocstringItem(name: name, type: type, description: description, line: line)], to: section.kind)
        case .types:
            let type = description.trimmingSpaces()
            switch section.title {
            case "rtype", "returntype":
                returnType = (type, line)
            case "ytype":
                yieldType = (type, line)
            case "vartype":
                if let name = arguments.last { attributeTypes[name] = type }
            default:
                guard let name = arguments.last else {
                    problem("`\(fieldName)` names no parameter; write `\(section.style == .sphinx ? ":" : "@")type name: type`", line: line)
                    return
                }
                parameterTypes[name] = type
            }
        case .returns, .yields:
            append([DocstringItem(name: nil, type: nil, description: description, line: line)], to: section.kind)
        case .raises:
            let joined = arguments.joined(separator: " ")
            guard !joined.isEmpty else {
                problem("`\(fieldName)` names no exception; write `\(section.style == .sphinx ? ":" : "@")\(section.title) ValueError: when …`", line: line)
                return
            }
            let items = joined.split(separator: ",").map {
                DocstringItem(name: $0.trimmingCharacters(), type: nil, description: description, line: line)
            }
            append(items, to: .raises)
        default:
            let text = DocstringText(text: description, line: line)
            if section.kind == .examples {
                docstring.examples.append(text)
            } else {
                docstring.notes.append(DocstringNote(kind: section.kind, text: text))
            }
        }
    }
}
