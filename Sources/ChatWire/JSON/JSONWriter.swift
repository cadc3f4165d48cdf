/// Writes `JSONValue`s as text: compact (the wire, fingerprints) or pretty with two-space
/// indentation (cassettes, so diffs read well). Non-ASCII text is written as UTF-8, not escaped.
public enum JSONWriter {
    /// How to lay out the text.
    public enum Layout: Sendable {
        /// No whitespace: `{"a":1,"b":[true]}`.
        case compact
        /// Two-space indentation, one member per line, `": "` after keys.
        case pretty
    }

    /// The text of a value.
    public static func string(_ value: JSONValue, layout: Layout = .compact, sortKeys: Bool = false) -> String {
        String(decoding: bytes(value, layout: layout, sortKeys: sortKeys), as: UTF8.self)
    }

    /// The UTF-8 bytes of a value.
    public static func bytes(_ value: JSONValue, layout: Layout = .compact, sortKeys: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(sortKeys ? value.sortedKeys : value, into: &output, layout: layout, indent: 0)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8], layout: Layout, indent: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let literal): output.append(contentsOf: literal.utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, layout: layout, indent: indent + 1)
                write(element, into: &output, layout: layout, indent: indent + 1)
            }
            newline(into: &output, layout: layout, indent: indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, layout: layout, indent: indent + 1)
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if layout == .pretty { output.append(UInt8(ascii: " ")) }
                write(member.value, into: &output, layout: layout, indent: indent + 1)
            }
            newline(into: &output, layout: layout, indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(into output: inout [UInt8], layout: Layout, indent: Int) {
        guard layout == .pretty else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Writes a JSON string literal: quotes, backslashes and control characters escaped.
    public static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// The same value with every object's keys sorted (duplicates resolved, last wins), numbers as written.
    public var sortedKeys: JSONValue {
        sortingKeys(normalizingNumbers: false)
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { JSONWriter.string(self) }
}
