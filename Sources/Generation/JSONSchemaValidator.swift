import ChatWire
import Foundation

/// Checks a JSON value against a JSON Schema, for the keywords structured outputs use: `type`
/// (a name or a list), `properties`, `required`, `additionalProperties: false`, `items`,
/// `enum`, `minLength`, `minItems` and `maxItems`. Other keywords are ignored, as a validator
/// ignores annotations.
public struct JSONSchemaValidator: Sendable {
    /// The schema.
    public let schema: JSONValue

    /// Creates a validator.
    public init(schema: JSONValue) {
        self.schema = schema
    }

    /// One way the value breaks the schema: where (a JSON pointer such as `/parameters/0/name`)
    /// and what.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The JSON pointer of the offending value (`""` for the whole document).
        public var pointer: String
        /// What is wrong.
        public var reason: String
        public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(reason)" }
    }

    /// Every violation, in document order (empty when the value conforms).
    public func violations(of value: JSONValue) -> [Violation] {
        var found: [Violation] = []
        check(value, against: schema, pointer: "", into: &found)
        return found
    }

    private func check(_ value: JSONValue, against schema: JSONValue, pointer: String, into found: inout [Violation]) {
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
            if !allowed.contains(where: { Self.matches(value, type: $0) }) {
                found.append(Violation(pointer: pointer, reason: "expected \(allowed.joined(separator: " or ")), found \(Self.typeName(value))"))
                return
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(where: { $0.isEquivalent(to: value) }) {
            found.append(Violation(pointer: pointer, reason: "not one of \(options.map { JSONWriter.string($0) }.joined(separator: ", "))"))
        }
        switch value {
        case .string(let text):
            if let minimum = schema["minLength"]?.intValue, text.count < minimum {
                found.append(Violation(pointer: pointer, reason: "shorter than \(minimum) characters"))
            }
        case .array(let elements):
            if let minimum = schema["minItems"]?.intValue, elements.count < minimum {
                found.append(Violation(pointer: pointer, reason: "fewer than \(minimum) items"))
            }
            if let maximum = schema["maxItems"]?.intValue, elements.count > maximum {
                found.append(Violation(pointer: pointer, reason: "more than \(maximum) items"))
            }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() { check(element, against: items, pointer: "\(pointer)/\(index)", into: &found) }
            }
        case .object(let members):
            let properties = schema["properties"]?.objectMembers ?? []
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !members.contains(where: { $0.key == required }) {
                found.append(Violation(pointer: pointer, reason: "missing required member '\(required)'"))
            }
            for member in members {
                let memberPointer = "\(pointer)/\(Self.escape(member.key))"
                if let property = properties.first(where: { $0.key == member.key }) {
                    check(member.value, against: property.value, pointer: memberPointer, into: &found)
                } else if schema["additionalProperties"]?.boolValue == false {
                    found.append(Violation(pointer: memberPointer, reason: "member not allowed by the schema"))
                }
            }
        default:
            break
        }
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): true
        case ("integer", .number(let literal)): Double(literal).map { $0.rounded() == $0 } ?? false
        default: false
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
