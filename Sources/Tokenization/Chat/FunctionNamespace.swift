import ChatWire

/// The text a server renders tool and function definitions into before counting them: a
/// TypeScript `namespace functions { … }` with one `type name = (_: { … }) => any;` per function,
/// after hmarr/openai-chat-tokens' reconstruction, with the descriptions of nested properties
/// kept. docs/token-counting.md gives the measured error.
public enum FunctionNamespace {
    /// The namespace text of `functions`.
    public static func render(_ functions: [FunctionDefinition]) -> String {
        var lines = ["namespace functions {", ""]
        for function in functions {
            if let description = function.description, !description.isEmpty { lines.append("// \(description)") }
            if let parameters = function.parameters, let properties = parameters["properties"]?.objectMembers, !properties.isEmpty {
                lines.append("type \(function.name) = (_: {")
                lines.append(renderProperties(parameters, indent: 0))
                lines.append("}) => any;")
            } else {
                lines.append("type \(function.name) = () => any;")
            }
            lines.append("")
        }
        lines.append("} // namespace functions")
        return lines.joined(separator: "\n")
    }

    static func renderProperties(_ object: JSONValue, indent: Int) -> String {
        let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var lines: [String] = []
        for member in object["properties"]?.objectMembers ?? [] {
            // Nested properties keep their descriptions too (hmarr drops them; the recorded usage
            // of crewAI's planning tool shows the server counts them).
            if let description = member.value["description"]?.stringValue, !description.isEmpty {
                lines.append("// \(description)")
            }
            var line = "\(member.key)\(required.contains(member.key) ? "" : "?"): \(renderType(member.value, indent: indent)),"
            // A default is a trailing comment, as OpenAI's harmony renderer writes it (tried on the
            // recorded usage with titles, examples, `nullable` and number enums too: only this and
            // type lists lowered the error; titles raised it).
            if let value = member.value["default"] {
                if case .string(let text) = value, member.value["enum"] == nil { line += " // default: \"\(text)\"" }
                else if case .string(let text) = value { line += " // default: \(text)" }
                else { line += " // default: \(JSONWriter.string(value))" }
            }
            lines.append(line)
        }
        let padding = String(repeating: " ", count: indent)
        return lines.map { padding + $0 }.joined(separator: "\n")
    }

    static func renderType(_ schema: JSONValue, indent: Int) -> String {
        var type = schema["type"]?.stringValue
        if let types = schema["type"]?.arrayValue?.compactMap(\.stringValue) {
            // `["string", "null"]` is the union of its types.
            if !types.isEmpty { return types.map { $0 == "integer" ? "number" : $0 }.joined(separator: " | ") }
            type = types.first { $0 != "null" } ?? "null"
        }
        if type == nil, let options = schema["anyOf"]?.arrayValue {
            return options.map { renderType($0, indent: indent) }.joined(separator: " | ")
        }
        switch type {
        case "string":
            if let options = schema["enum"]?.arrayValue, !options.isEmpty {
                return options.map { "\"\($0.stringValue ?? JSONWriter.string($0))\"" }.joined(separator: " | ")
            }
            return "string"
        case "number", "integer":
            if let options = schema["enum"]?.arrayValue, !options.isEmpty { return options.map { JSONWriter.string($0) }.joined(separator: " | ") }
            return "number"
        case "array":
            guard let items = schema["items"], let members = items.objectMembers, !members.isEmpty else { return "any[]" }
            return renderType(items, indent: indent) + "[]"
        case "boolean": return "boolean"
        case "null": return "null"
        case "object": return ["{", renderProperties(schema, indent: indent + 2), "}"].joined(separator: "\n")
        default: return "any"
        }
    }
}

/// The JSON schema a `response_format` is counted with: the schema without its `title`
/// keywords (the server leaves them out; a property *named* `title` stays).
public enum ResponseFormatSchema {
    /// `schema` with every `title` keyword removed.
    public static func withoutTitles(_ schema: JSONValue, inPropertyMap: Bool = false) -> JSONValue {
        switch schema {
        case .object(let members):
            return .object(members.compactMap { member in
                if !inPropertyMap, member.key == "title" { return nil }
                let isMap = !inPropertyMap && ["properties", "$defs", "definitions", "patternProperties"].contains(member.key)
                return JSONMember(member.key, withoutTitles(member.value, inPropertyMap: isMap))
            })
        case .array(let elements):
            return .array(elements.map { withoutTitles($0) })
        default:
            return schema
        }
    }
}
