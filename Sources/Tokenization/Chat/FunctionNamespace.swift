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
                lines.append(renderProperties(parameters, indent: 0, root: parameters))
                lines.append("}) => any;")
            } else {
                lines.append("type \(function.name) = () => any;")
            }
            lines.append("")
        }
        lines.append("} // namespace functions")
        return lines.joined(separator: "\n")
    }

    static func renderProperties(_ object: JSONValue, indent: Int, root: JSONValue, depth: Int = 0) -> String {
        let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var lines: [String] = []
        for member in object["properties"]?.objectMembers ?? [] {
            // Nested properties keep their descriptions too (hmarr drops them; the recorded usage
            // of crewAI's planning tool shows the server counts them).
            if let title = member.value["title"]?.stringValue { lines.append("// \(title)"); lines.append("//") }
            if let description = member.value["description"]?.stringValue, !description.isEmpty {
                lines.append("// \(description)")
            }
            if let examples = member.value["examples"]?.arrayValue, !examples.isEmpty {
                lines.append("// Examples:")
                for example in examples { if let text = example.stringValue { lines.append("// - \"\(text)\"") } }
            }
            var line = "\(member.key)\(required.contains(member.key) ? "" : "?"): \(renderType(member.value, indent: indent + 4, root: root, depth: depth)),"
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

    /// The schema a `$ref` (`#/$defs/NAME`, `#/definitions/NAME`) points to in `root`.
    static func resolve(_ reference: String, in root: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var target: JSONValue? = root
        for key in reference.dropFirst(2).split(separator: "/") {
            target = target?[String(key).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return target
    }

    static func renderType(_ schema: JSONValue, indent: Int, root: JSONValue, depth: Int = 0) -> String {
        // A reference is rendered as the schema it points to (pydantic's nested models are
        // `$defs` references; the server counts them in full: crewAI's TaskEvaluation tool was 74
        // tokens under as `any`). Recursive models stop at a depth of 8.
        if let reference = schema["$ref"]?.stringValue {
            guard depth < 8, let target = resolve(reference, in: root) else { return "any" }
            return renderType(target, indent: indent, root: root, depth: depth + 1)
        }
        if let all = schema["allOf"]?.arrayValue, all.count == 1, schema["type"] == nil { return renderType(all[0], indent: indent, root: root, depth: depth + 1) }
        var type = schema["type"]?.stringValue
        if let types = schema["type"]?.arrayValue?.compactMap(\.stringValue) {
            // `["string", "null"]` is the union of its types.
            if !types.isEmpty { return types.map { $0 == "integer" ? "number" : $0 }.joined(separator: " | ") }
            type = types.first { $0 != "null" } ?? "null"
        }
        if type == nil, let options = schema["anyOf"]?.arrayValue {
            return options.map { renderType($0, indent: indent, root: root, depth: depth) }.joined(separator: " | ")
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
            return renderType(items, indent: indent, root: root, depth: depth) + "[]"
        case "boolean": return "boolean"
        case "null": return "null"
        case "object":
            let padding = String(repeating: " ", count: indent)
            return "{\n" + renderProperties(schema, indent: indent, root: root, depth: depth) + "\n" + padding + "}"
        default: return "any"
        }
    }
}

/// The JSON schema a `response_format` is counted with: the schema without the keywords a
/// strict schema implies or does not support — `required`, `"additionalProperties": false`,
/// `minimum`, `maximum` — which the server leaves out (a property *named* so stays). Fitted on the
/// recorded traffic (docs/token-counting.md): with them left out, requests without a system
/// message differ from the count by 7–11 tokens on seven projects; with them in, by −23 to +13.
public enum ResponseFormatSchema {
    /// Keywords left out wherever they appear as keywords.
    static let omittedKeywords: Set<String> = ["required", "minimum", "maximum"]

    /// `schema` as the server counts it.
    public static func counted(_ schema: JSONValue, inPropertyMap: Bool = false) -> JSONValue {
        switch schema {
        case .object(let members):
            return .object(members.compactMap { member in
                if !inPropertyMap {
                    if omittedKeywords.contains(member.key) { return nil }
                    if member.key == "additionalProperties", case .bool(false) = member.value { return nil }
                }
                let isMap = !inPropertyMap && ["properties", "$defs", "definitions", "patternProperties"].contains(member.key)
                return JSONMember(member.key, counted(member.value, inPropertyMap: isMap))
            })
        case .array(let elements):
            return .array(elements.map { counted($0) })
        default:
            return schema
        }
    }
}
