/// `tojson` as Python writes JSON: `json.dumps` separators (`, ` and `: `, or `,` and `: ` with
/// an indent), floats by `repr`, and per ``JinjaTemplate/Environment/JSONStyle`` the key order,
/// `ensure_ascii` and Jinja2's HTML-safe escapes.
enum JinjaJSON {
    static func encode(_ value: JinjaValue, style: JinjaTemplate.Environment.JSONStyle, indent: Int?, line: Int) throws(JinjaError) -> String {
        var output = ""
        try write(value, style: style, indent: indent, depth: 0, line: line, into: &output)
        guard style == .jinja2 else { return output }
        var escaped = ""
        for scalar in output.unicodeScalars {
            switch scalar {
            case "<": escaped += "\\u003c"
            case ">": escaped += "\\u003e"
            case "&": escaped += "\\u0026"
            case "'": escaped += "\\u0027"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    static func write(_ value: JinjaValue, style: JinjaTemplate.Environment.JSONStyle, indent: Int?, depth: Int, line: Int, into output: inout String) throws(JinjaError) {
        func newline(_ level: Int) {
            guard let indent else { return }
            output += "\n" + String(repeating: " ", count: indent * level)
        }
        let itemSeparator = indent == nil ? ", " : ","
        switch value {
        case .none: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let integer): output += String(integer)
        case .double(let number):
            output += number.isNaN ? "NaN" : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : JinjaValue.pythonFloat(number)
        case .string(let text), .markup(let text): writeString(text, asciiOnly: style == .jinja2, into: &output)
        case .generator:
            throw JinjaError(.render, line: line, "Object of type generator is not JSON serializable (add `| list` before `| tojson`)")
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += itemSeparator }
                newline(depth + 1)
                try write(item, style: style, indent: indent, depth: depth + 1, line: line, into: &output)
            }
            newline(depth)
            output += "]"
        case .dictionary(let dictionary):
            if dictionary.isEmpty { output += "{}"; return }
            output += "{"
            let pairs = style == .jinja2 ? dictionary.pairs.sorted { Array($0.0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.0.unicodeScalars.map(\.value)) } : dictionary.pairs
            for (index, (key, item)) in pairs.enumerated() {
                if index > 0 { output += itemSeparator }
                newline(depth + 1)
                writeString(key, asciiOnly: style == .jinja2, into: &output)
                output += ": "
                try write(item, style: style, indent: indent, depth: depth + 1, line: line, into: &output)
            }
            newline(depth)
            output += "}"
        case .namespace(let namespace):
            try write(.dictionary(namespace.attributes), style: style, indent: indent, depth: depth, line: line, into: &output)
        case .undefined(let name):
            throw JinjaError(.render, line: line, "`\(name)` is undefined and cannot be written as JSON")
        case .callable(let callable):
            throw JinjaError(.render, line: line, "the function `\(callable.name)` cannot be written as JSON")
        }
    }

    static func writeString(_ text: String, asciiOnly: Bool, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7E) {
                    if scalar.value > 0xFFFF {
                        let value = scalar.value - 0x10000
                        output += "\\u" + JinjaValue.hex(0xD800 + (value >> 10), width: 4) + "\\u" + JinjaValue.hex(0xDC00 + (value & 0x3FF), width: 4)
                    } else {
                        output += "\\u" + JinjaValue.hex(scalar.value, width: 4)
                    }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
