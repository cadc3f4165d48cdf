import ChatWire
import Files
import Yams

/// A recorder's document, reduced to what cassettes use: scalars (text, or bytes from `!!binary`),
/// sequences and mappings, each with its line. Built from YAML nodes without constructing any
/// tagged object, so a tag such as `!!python/object/apply:multidict.istr` is never executed: a
/// tagged one-element sequence reads as its element.
indirect enum CassetteTree {
    case null(line: Int?)
    case text(String, line: Int?)
    /// A number or a boolean: a JSON literal (`0.5`, `true`) as written; `text` reads it too.
    case literal(String, line: Int?)
    case binary([UInt8], line: Int?)
    case sequence([CassetteTree], line: Int?)
    case mapping([(key: String, value: CassetteTree)], line: Int?)

    var line: Int? {
        switch self {
        case .null(let line), .text(_, let line), .literal(_, let line), .binary(_, let line), .sequence(_, let line), .mapping(_, let line): return line
        }
    }

    subscript(key: String) -> CassetteTree? {
        guard case .mapping(let members, _) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    var text: String? {
        switch self {
        case .text(let text, _), .literal(let text, _): return text
        case .binary(let bytes, _): return String(validating: bytes, as: UTF8.self)
        default: return nil
        }
    }

    /// The text of a string scalar, not of binary data (which may be compressed).
    var stringScalar: String? {
        switch self {
        case .text(let text, _), .literal(let text, _): return text
        default: return nil
        }
    }

    /// The JSON the tree stands for: a body a recorder kept as a structure (pydantic-ai's
    /// `parsed_body:`, a test proxy's `RequestBody`, nock's `body`) rather than as text.
    var json: JSONValue {
        switch self {
        case .null: return .null
        case .text(let text, _): return .string(text)
        case .literal(let literal, _):
            if literal == "true" { return .bool(true) }
            if literal == "false" { return .bool(false) }
            return .number(literal)
        case .binary(let bytes, _): return .string(String(decoding: bytes, as: UTF8.self))
        case .sequence(let elements, _): return .array(elements.map(\.json))
        case .mapping(let members, _): return .object(members.map { JSONMember($0.key, $0.value.json) })
        }
    }

    var elements: [CassetteTree]? {
        if case .sequence(let elements, _) = self { return elements }
        return nil
    }

    // MARK: From YAML

    private static let binaryTag = "tag:yaml.org,2002:binary"
    private static let nullTag = "tag:yaml.org,2002:null"

    /// More nodes than a document's aliases may expand to (a billion-laughs cassette of ten lines
    /// expands to 10⁹ and took 45 s and 7.5 GB before this bound).
    struct ExpansionLimit: Error {}

    /// The tree of a YAML node; `budget` is how many nodes may still be made (aliases expanded).
    init(yaml node: Node, budget: inout Int) throws(ExpansionLimit) {
        budget -= 1
        guard budget >= 0 else { throw ExpansionLimit() }
        let line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            if scalar.tag.rawValue == Self.binaryTag {
                self = Base64.decode(scalar.string).map { .binary($0, line: line) } ?? .text(scalar.string, line: line)
            } else if scalar.tag.rawValue == Self.nullTag
                || (scalar.style == .plain && ["null", "Null", "NULL", "~", ""].contains(scalar.string) && !scalar.tag.rawValue.hasPrefix("tag:yaml.org,2002:str"))
            {
                self = .null(line: line)
            } else if scalar.style == .plain, !scalar.tag.rawValue.hasPrefix("tag:yaml.org,2002:str"), let literal = Self.jsonLiteral(scalar.string) {
                self = .literal(literal, line: line)
            } else {
                self = .text(scalar.string, line: line)
            }
        case .sequence(let sequence):
            var elements: [CassetteTree] = []
            for element in sequence { elements.append(try CassetteTree(yaml: element, budget: &budget)) }
            // `!!python/object/apply:multidict.istr [Name]` and similar: the value is its argument.
            if sequence.tag.rawValue.contains("python/"), elements.count == 1 {
                self = elements[0]
            } else {
                self = .sequence(elements, line: line)
            }
        case .mapping(let mapping):
            var members: [(key: String, value: CassetteTree)] = []
            for pair in mapping { members.append((try CassetteTree(yaml: pair.key, budget: &budget).keyText, try CassetteTree(yaml: pair.value, budget: &budget))) }
            self = .mapping(members, line: line)
        case .alias:
            self = .null(line: line)
        }
    }

    /// A plain YAML scalar that is a JSON number or boolean, in JSON's spelling; nil otherwise
    /// (YAML 1.1's `yes`, `0x1F`, `.inf` stay text).
    static func jsonLiteral(_ text: String) -> String? {
        switch text {
        case "true", "True", "TRUE": return "true"
        case "false", "False", "FALSE": return "false"
        default: break
        }
        let bytes = Array(text.utf8)
        var index = 0
        func isDigit(_ at: Int) -> Bool { at < bytes.count && (0x30 ... 0x39).contains(bytes[at]) }
        func digits() -> Int {
            let start = index
            while isDigit(index) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        guard digits() > 0, !(bytes[integerStart] == UInt8(ascii: "0") && index - integerStart > 1) else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        return index == bytes.count ? text : nil
    }

    private var keyText: String {
        switch self {
        case .text(let text, _), .literal(let text, _): return text
        case .binary(let bytes, _): return String(decoding: bytes, as: UTF8.self)
        case .sequence(let elements, _): return elements.map(\.keyText).joined(separator: ",")
        case .null: return ""
        case .mapping: return "{…}"
        }
    }

    // MARK: From JSON

    init(json value: JSONValue, line: Int?) {
        switch value {
        case .null: self = .null(line: line)
        case .bool(let flag): self = .literal(flag ? "true" : "false", line: line)
        case .number(let literal): self = .literal(literal, line: line)
        case .string(let text): self = .text(text, line: line)
        case .array(let elements): self = .sequence(elements.map { CassetteTree(json: $0, line: line) }, line: line)
        case .object(let members): self = .mapping(members.map { ($0.key, CassetteTree(json: $0.value, line: line)) }, line: line)
        }
    }
}
