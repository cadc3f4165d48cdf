/// `tojson` as Python writes JSON: `json.dumps` separators (`, ` and `: `, or `,` and `: ` with
/// an indent), floats by `repr`, and the options each environment's filter passes: Jinja2's own
/// (`htmlsafe_json_dumps`: keys sorted, non-ASCII as `\uXXXX`, `< > & '` escaped) or Hugging
/// Face's (`json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)`).
enum JinjaJSON {
    /// What `json.dumps` is asked for.
    struct Options {
        var asciiOnly: Bool
        var sortKeys: Bool
        var htmlSafe: Bool
        var indent: Int?
        var itemSeparator: String?
        var keySeparator = ": "

        /// Jinja2's `htmlsafe_json_dumps`.
        static func jinja2(indent: Int?) -> Options {
            Options(asciiOnly: true, sortKeys: true, htmlSafe: true, indent: indent)
        }
    }

    static func encode(_ value: JinjaValue, options: Options, line: Int) throws(JinjaError) -> String {
        var output = ""
        try write(value, options: options, depth: 0, line: line, into: &output)
        guard options.htmlSafe else { return output }
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

    static func write(_ value: JinjaValue, options: Options, depth: Int, line: Int, into output: inout String) throws(JinjaError) {
        func newline(_ level: Int) {
            guard let indent = options.indent else { return }
            output += "\n" + String(repeating: " ", count: indent * level)
        }
        let itemSeparator = options.itemSeparator ?? (options.indent == nil ? ", " : ",")
        switch value {
        case .none: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let integer): output += String(integer)
        case .double(let number):
            output += number.isNaN ? "NaN" : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : JinjaValue.pythonFloat(number)
        case .string(let text), .markup(let text): writeString(text, asciiOnly: options.asciiOnly, into: &output)
        case .generator:
            throw JinjaError(.render, line: line, "Object of type generator is not JSON serializable (add `| list` before `| tojson`)")
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += itemSeparator }
                newline(depth + 1)
                try write(item, options: options, depth: depth + 1, line: line, into: &output)
            }
            newline(depth)
            output += "]"
        case .dictionary(let dictionary):
            if dictionary.isEmpty { output += "{}"; return }
            output += "{"
            // json.dumps writes int, float, bool and None keys as strings ("1", "true", "null").
            var pairs: [(String, JinjaValue)] = try dictionary.entries.map { entry throws(JinjaError) in
                switch entry.key {
                case .string(let text), .markup(let text): (text, entry.value)
                case .int, .double: (entry.key.string, entry.value)
                case .bool(let flag): (flag ? "true" : "false", entry.value)
                case .none: ("null", entry.value)
                default: throw JinjaError(.render, line: line, "keys must be str, int, float, bool or None, not \(entry.key.typeName)")
                }
            }
            if options.sortKeys {
                if Set(dictionary.keyValues.map(\.typeName)).count > 1 {
                    throw JinjaError(.render, line: line, "'<' not supported between the dictionary's keys (\(Set(dictionary.keyValues.map(\.typeName)).sorted().joined(separator: ", "))) when sorting them for JSON")
                }
                pairs.sort { Array($0.0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.0.unicodeScalars.map(\.value)) }
            }
            for (index, (key, item)) in pairs.enumerated() {
                if index > 0 { output += itemSeparator }
                newline(depth + 1)
                writeString(key, asciiOnly: options.asciiOnly, into: &output)
                output += options.keySeparator
                try write(item, options: options, depth: depth + 1, line: line, into: &output)
            }
            newline(depth)
            output += "}"
        case .namespace(let namespace):
            try write(.dictionary(namespace.attributes), options: options, depth: depth, line: line, into: &output)
        case .undefined(let name):
            throw JinjaError(.render, line: line, "`\(name)` is undefined and cannot be written as JSON")
        case .callable(let callable):
            throw JinjaError(.render, line: line, "the function `\(callable.name)` cannot be written as JSON")
        case .loop:
            throw JinjaError(.render, line: line, "Object of type LoopContext is not JSON serializable")
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
