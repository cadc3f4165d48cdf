/// The Jinja2 filters chat templates use, with Jinja2's arguments and results.
enum JinjaFilters {
    static func keyword(_ name: String, _ keywords: [(String, JinjaValue)], _ arguments: [JinjaValue], position: Int) -> JinjaValue? {
        keywords.first { $0.0 == name }?.1 ?? (position < arguments.count ? arguments[position] : nil)
    }

    static func apply(_ name: String, to value: JinjaValue, arguments: [JinjaValue], keywords: [(String, JinjaValue)],
                      environment: JinjaTemplate.Environment, line: Int) throws(JinjaError) -> JinjaValue {
        switch name {
        case "safe": return .markup(value.string)
        case "string": if case .markup = value { return value } else { return .string(value.string) }
        case "tojson":
            return try toJSON(value, arguments: arguments, keywords: keywords, environment: environment, line: line)
        case "length", "count":
            if case .generator = value { throw JinjaError(.render, line: line, "object of type 'generator' has no len() (add `| list` before `| length`)") }
        case "last":
            if case .generator = value { throw JinjaError(.render, line: line, "a generator cannot be reversed for `| last` (add `| list`)") }
        case "map", "select", "reject", "selectattr", "rejectattr":
            // Jinja2 returns a generator, and visits nothing when the value is false (None, empty).
            guard value.isTruthy else { return .generator([]) }
            if case .array(let items) = try filter(name, value.plain, arguments: arguments, keywords: keywords, environment: environment, line: line) {
                return .generator(items)
            }
        default: break
        }
        return try filter(name, value.plain, arguments: arguments.map(\.plain), keywords: keywords, environment: environment, line: line)
    }

    /// `tojson` with the signature of the environment's filter: Jinja2's `do_tojson(value,
    /// indent=None)` (anything else is Python's TypeError), or Hugging Face's `tojson(x,
    /// ensure_ascii=False, indent=None, separators=None, sort_keys=False)`.
    static func toJSON(_ value: JinjaValue, arguments: [JinjaValue], keywords: [(String, JinjaValue)],
                       environment: JinjaTemplate.Environment, line: Int) throws(JinjaError) -> JinjaValue {
        switch environment.json {
        case .jinja2:
            if let unexpected = keywords.first(where: { $0.0 != "indent" }) {
                throw JinjaError(.render, line: line, "do_tojson() got an unexpected keyword argument '\(unexpected.0)'")
            }
            guard arguments.count <= 1 else {
                throw JinjaError(.render, line: line, "do_tojson() takes from 2 to 3 positional arguments but \(arguments.count + 2) were given")
            }
            let indent = keyword("indent", keywords, arguments, position: 0)?.integer
            return .markup(try JinjaJSON.encode(value, options: .jinja2(indent: indent), line: line))
        case .huggingFace:
            let names = ["ensure_ascii", "indent", "separators", "sort_keys"]
            if let unexpected = keywords.first(where: { !names.contains($0.0) }) {
                throw JinjaError(.render, line: line, "tojson() got an unexpected keyword argument '\(unexpected.0)'")
            }
            var options = JinjaJSON.Options(asciiOnly: keyword("ensure_ascii", keywords, arguments, position: 0)?.isTruthy ?? false,
                                            sortKeys: keyword("sort_keys", keywords, arguments, position: 3)?.isTruthy ?? false,
                                            htmlSafe: false, indent: keyword("indent", keywords, arguments, position: 1)?.integer)
            if let separators = keyword("separators", keywords, arguments, position: 2) {
                if case .none = separators { return .string(try JinjaJSON.encode(value, options: options, line: line)) }
                guard case .array(let pair) = separators.plain, pair.count == 2 else {
                    throw JinjaError(.render, line: line, "tojson's separators must be an (item_separator, key_separator) pair")
                }
                options.itemSeparator = pair[0].string
                options.keySeparator = pair[1].string
            }
            return .string(try JinjaJSON.encode(value, options: options, line: line))
        }
    }

    static func filter(_ name: String, _ value: JinjaValue, arguments: [JinjaValue], keywords: [(String, JinjaValue)],
                       environment: JinjaTemplate.Environment, line: Int) throws(JinjaError) -> JinjaValue {
        switch name {
        case "trim":
            return .string(JinjaMethods.strip(value.string, arguments.first, leading: true, trailing: true))
        case "upper": return .string(value.string.uppercased())
        case "lower": return .string(value.string.lowercased())
        case "capitalize": return .string(capitalize(value.string))
        case "title": return .string(title(value.string))
        case "length", "count":
            switch value {
            case .string(let text): return .int(text.unicodeScalars.count)
            case .array(let items): return .int(items.count)
            case .dictionary(let dictionary): return .int(dictionary.count)
            case .undefined: return .int(0)
            default: throw JinjaError(.render, line: line, "a \(value.typeName) has no length")
            }
        case "default", "d":
            let fallback = keyword("default_value", keywords, arguments, position: 0) ?? .string("")
            let boolean = keyword("boolean", keywords, arguments, position: 1)?.isTruthy ?? false
            return value.isUndefined || (boolean && !value.isTruthy) ? fallback : value
        case "join":
            let separator = keyword("d", keywords, arguments, position: 0)?.string ?? ""
            var items = try JinjaBuiltins.iterate(value, line: line)
            if let attribute = keyword("attribute", keywords, [], position: 0) {
                items = try items.map { (item) throws(JinjaError) in try JinjaBuiltins.item(of: item, attribute, environment: environment, line: line) }
            }
            return .string(items.map(\.string).joined(separator: separator))
        case "list": return .array(try JinjaBuiltins.iterate(value, line: line))
        case "reverse" where { if case .generator = value { return true } else { return false } }():
            return .generator(try JinjaBuiltins.iterate(value, line: line).reversed())
        case "first": return try JinjaBuiltins.iterate(value, line: line).first ?? .undefined("first item")
        case "last": return try JinjaBuiltins.iterate(value, line: line).last ?? .undefined("last item")
        case "reverse":
            if case .string(let text) = value { return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed()))) }
            return .array(try JinjaBuiltins.iterate(value, line: line).reversed())
        case "items":
            guard case .dictionary(let dictionary) = value else {
                if value.isUndefined { return .array([]) }
                throw JinjaError(.render, line: line, "`items` needs a dict, not a \(value.typeName)")
            }
            return .array(dictionary.entries.map { .array([$0.key, $0.value]) })
        case "dictsort":
            guard case .dictionary(let dictionary) = value else { throw JinjaError(.render, line: line, "`dictsort` needs a dict") }
            // Jinja2 sorts by the key, strings lowercased; keys Python cannot order are its TypeError.
            func sortKey(_ key: JinjaValue) -> JinjaValue { if case .string(let text) = key { .string(text.lowercased()) } else { key } }
            var failed = false
            let sorted = dictionary.entries.sorted { left, right in
                guard let order = JinjaBuiltins.compare(sortKey(left.key), sortKey(right.key)) else { failed = true; return false }
                return order < 0
            }
            if failed { throw JinjaError(.render, line: line, "`dictsort`: the keys cannot be ordered ('<' between \(dictionary.keyValues.map(\.typeName).joined(separator: " and ")))") }
            return .array(sorted.map { .array([$0.key, $0.value]) })
        case "replace":
            let count = keyword("count", keywords, arguments, position: 2)?.integer ?? -1
            return .string(replace(value.string, arguments.first?.string ?? "", arguments.count > 1 ? arguments[1].string : "", count: count))
        case "int":
            switch value {
            case .int: return value
            case .bool(let flag): return .int(flag ? 1 : 0)
            case .double(let number): return .int(Int(number))
            case .string(let text): return .int(Int(text.trimmingPythonSpace()) ?? Double(text.trimmingPythonSpace()).map { Int($0) } ?? 0)
            default: return .int(0)
            }
        case "float":
            if let number = value.number { return .double(number) }
            return .double(Double(value.string.trimmingPythonSpace()) ?? 0)
        case "abs":
            switch value {
            case .int(let integer): return .int(abs(integer))
            case .double(let number): return .double(abs(number))
            default: throw JinjaError(.render, line: line, "`abs` needs a number")
            }
        case "round":
            guard let number = value.number else { throw JinjaError(.render, line: line, "`round` needs a number") }
            let precision = keyword("precision", keywords, arguments, position: 0)?.integer ?? 0
            var scale = 1.0
            for _ in 0 ..< precision { scale *= 10 }
            return .double((number * scale).rounded(.toNearestOrEven) / scale)
        case "unique":
            var seen: [JinjaValue] = []
            for item in try JinjaBuiltins.iterate(value, line: line) where !seen.contains(item) { seen.append(item) }
            return .array(seen)
        case "sum":
            var total = JinjaValue.int(0)
            for item in try JinjaBuiltins.iterate(value, line: line) { total = try JinjaBuiltins.binary("+", total, item, line: line) }
            return total
        case "min", "max":
            let items = try JinjaBuiltins.iterate(value, line: line)
            guard var best = items.first else { return .undefined("\(name) of nothing") }
            for item in items.dropFirst() {
                guard let order = JinjaBuiltins.compare(item, best) else { throw JinjaError(.render, line: line, "`\(name)` over values that do not compare") }
                if (name == "min" && order < 0) || (name == "max" && order > 0) { best = item }
            }
            return best
        case "sort":
            let reverse = keyword("reverse", keywords, arguments, position: 0)?.isTruthy ?? false
            let attribute = keyword("attribute", keywords, arguments, position: 2)
            var items = try JinjaBuiltins.iterate(value, line: line)
            var keys: [JinjaValue] = []
            for item in items { keys.append(try attribute.map { (key) throws(JinjaError) in try JinjaBuiltins.item(of: item, key, environment: environment, line: line) } ?? item) }
            let order = Array(items.indices).sorted { a, b in
                let comparison = JinjaBuiltins.compare(keys[a], keys[b]) ?? 0
                return comparison == 0 ? a < b : (comparison < 0) != reverse
            }
            items = order.map { items[$0] }
            return .array(items)
        case "map":
            let items = try JinjaBuiltins.iterate(value, line: line)
            if let attribute = keyword("attribute", keywords, [], position: 0) {
                let fallback = keyword("default", keywords, [], position: 0)
                return .array(try items.map { (item) throws(JinjaError) in
                    let found = try JinjaBuiltins.item(of: item, attribute, environment: environment, line: line)
                    return found.isUndefined ? fallback ?? found : found
                })
            }
            guard case .string(let filter)? = arguments.first else { throw JinjaError(.render, line: line, "`map` needs a filter name or attribute=") }
            return .array(try items.map { (item) throws(JinjaError) in
                try apply(filter, to: item, arguments: Array(arguments.dropFirst()), keywords: keywords, environment: environment, line: line)
            })
        case "select", "reject", "selectattr", "rejectattr":
            let byAttribute = name.hasSuffix("attr")
            var rest = arguments
            var attribute: JinjaValue?
            if byAttribute {
                guard !rest.isEmpty else { throw JinjaError(.render, line: line, "`\(name)` needs an attribute name") }
                attribute = rest.removeFirst()
            }
            let testName = rest.first?.string
            let testArguments = Array(rest.dropFirst())
            var kept: [JinjaValue] = []
            for item in try JinjaBuiltins.iterate(value, line: line) {
                let subject = try attribute.map { (key) throws(JinjaError) in try JinjaBuiltins.item(of: item, key, environment: environment, line: line) } ?? item
                let passes = try testName.map { (test) throws(JinjaError) in try JinjaBuiltins.test(test, subject, testArguments, line: line) } ?? subject.isTruthy
                if passes == name.hasPrefix("select") { kept.append(item) }
            }
            return .array(kept)
        case "indent":
            let width = keyword("width", keywords, arguments, position: 0)
            let first = keyword("first", keywords, arguments, position: 1)?.isTruthy ?? false
            let blank = keyword("blank", keywords, arguments, position: 2)?.isTruthy ?? false
            let padding: String
            if case .string(let text)? = width { padding = text } else { padding = String(repeating: " ", count: width?.integer ?? 4) }
            var lines = value.string.components(separatedByNewline: ())
            for index in lines.indices where (index > 0 || first) && (blank || !lines[index].allSatisfy { $0 == " " || $0 == "\t" }) && !(index > 0 && lines[index].isEmpty && !blank) {
                lines[index] = padding + lines[index]
            }
            return .string(lines.joined(separator: "\n"))
        case "wordcount":
            return .int(JinjaMethods.split(value.string, separator: nil, maxSplit: -1).count)
        default:
            throw JinjaError(.unsupported, line: line, "the filter `|\(name)`")
        }
    }

    static func capitalize(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        return String(first).uppercased() + String(String.UnicodeScalarView(text.unicodeScalars.dropFirst())).lowercased()
    }

    /// Jinja2's `title`: each word's first letter upper-cased, the rest lower-cased.
    static func title(_ text: String) -> String {
        var output = ""
        var startOfWord = true
        for scalar in text.unicodeScalars {
            let piece = String(scalar)
            output += startOfWord ? piece.uppercased() : piece.lowercased()
            startOfWord = JinjaMethods.isPythonSpace(scalar) || "-([{<\"'".unicodeScalars.contains(scalar)
        }
        return output
    }

    /// Python's `str.replace(old, new, count)`.
    static func replace(_ text: String, _ old: String, _ new: String, count: Int) -> String {
        if old.isEmpty { return text }
        let parts = JinjaMethods.split(text, separator: old, maxSplit: count)
        return parts.joined(separator: new)
    }
}

extension String {
    func trimmingPythonSpace() -> String { JinjaMethods.strip(self, nil, leading: true, trailing: true) }

    func components(separatedByNewline: ()) -> [String] {
        split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
