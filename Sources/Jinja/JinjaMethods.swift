/// The Python methods chat templates call on strings, lists and dicts (`content.strip()`,
/// `message.get('name')`, `text.split('</think>')`), bound to their receiver.
enum JinjaMethods {
    static func bound(_ receiver: JinjaValue, _ name: String, line: Int) -> JinjaValue {
        .callable(JinjaCallable(name: name) { arguments, keywords throws(JinjaError) in
            try call(receiver, name, arguments, keywords, line: line)
        })
    }

    static func call(_ receiver: JinjaValue, _ name: String, _ arguments: [JinjaValue], _ keywords: [(String, JinjaValue)], line: Int) throws(JinjaError) -> JinjaValue {
        let receiver = receiver.plain, arguments = arguments.map(\.plain)
        switch receiver {
        case .string(let text): return try stringMethod(text, name, arguments, line: line)
        case .dictionary(let dictionary):
            switch name {
            case "items": return .array(dictionary.entries.map { .array([$0.key, $0.value]) })
            case "keys": return .array(dictionary.keyValues)
            case "values": return .array(dictionary.entries.map(\.value))
            case "get":
                guard let key = arguments.first else { throw JinjaError(.render, line: line, "dict.get() needs a key") }
                return dictionary[value: key] ?? (arguments.count > 1 ? arguments[1] : .none)
            default: break
            }
        case .array(let items):
            switch name {
            case "index":
                guard let needle = arguments.first, let found = items.firstIndex(of: needle) else {
                    throw JinjaError(.render, line: line, "list.index(): the value is not in the list")
                }
                return .int(found)
            case "count":
                return .int(items.filter { $0 == (arguments.first ?? .none) }.count)
            case "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse":
                throw JinjaError(.render, line: line, "list.\(name)() modifies a list, which the sandboxed environment chat templates run in forbids")
            default: break
            }
        default: break
        }
        throw JinjaError(.unsupported, line: line, "the method `\(receiver.typeName).\(name)()`")
    }

    static func isPythonSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C ... 0x1F).contains(scalar.value)
    }

    /// Python's `str.strip(chars)` family over code points.
    static func strip(_ text: String, _ characters: JinjaValue?, leading: Bool, trailing: Bool) -> String {
        var scalars = Array(text.unicodeScalars)
        let set: Set<Unicode.Scalar>?
        if case .string(let chars)? = characters { set = Set(chars.unicodeScalars) } else { set = nil }
        func strips(_ scalar: Unicode.Scalar) -> Bool { set.map { $0.contains(scalar) } ?? isPythonSpace(scalar) }
        if trailing { while let last = scalars.last, strips(last) { scalars.removeLast() } }
        if leading {
            var start = 0
            while start < scalars.count, strips(scalars[start]) { start += 1 }
            scalars.removeFirst(start)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Python's `str.split(sep=None, maxsplit=-1)`.
    static func split(_ text: String, separator: String?, maxSplit: Int) -> [String] {
        guard let separator else {
            var parts: [String] = []
            var current = String.UnicodeScalarView()
            var splits = 0
            var scalars = Substring(text).unicodeScalars[...]
            while let scalar = scalars.first {
                if isPythonSpace(scalar) {
                    if !current.isEmpty {
                        parts.append(String(current))
                        current = String.UnicodeScalarView()
                        splits += 1
                        if maxSplit >= 0, splits >= maxSplit {
                            let rest = String(String.UnicodeScalarView(scalars.drop(while: isPythonSpace)))
                            if !rest.isEmpty { parts.append(rest) }
                            return parts
                        }
                    }
                } else {
                    current.append(scalar)
                }
                scalars = scalars.dropFirst()
            }
            if !current.isEmpty { parts.append(String(current)) }
            return parts
        }
        var parts: [String] = []
        var rest = Substring(text)
        while maxSplit < 0 || parts.count < maxSplit, let range = rest.range(ofScalars: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    /// Python's `str.format` for positional fields (`{}`, `{0}`; `{{` and `}}` escape); fields by
    /// name, attribute or format spec are refused by name.
    static func format(_ text: String, _ arguments: [JinjaValue], line: Int) throws(JinjaError) -> String {
        var output = ""
        var scalars = Substring(text).unicodeScalars[...]
        var automatic = 0
        var manual = false
        while let scalar = scalars.popFirst() {
            if scalar == "}" {
                guard scalars.first == "}" else { throw JinjaError(.render, line: line, "Single '}' encountered in format string") }
                scalars.removeFirst()
                output += "}"
                continue
            }
            guard scalar == "{" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            if scalars.first == "{" {
                scalars.removeFirst()
                output += "{"
                continue
            }
            guard let close = scalars.firstIndex(of: "}") else { throw JinjaError(.render, line: line, "Single '{' encountered in format string") }
            let field = String(String.UnicodeScalarView(scalars[..<close]))
            scalars = scalars[scalars.index(after: close)...]
            let index: Int
            if field.isEmpty {
                guard !manual else { throw JinjaError(.render, line: line, "cannot switch from manual field specification to automatic field numbering") }
                index = automatic
                automatic += 1
            } else if let number = Int(field), number >= 0 {
                guard automatic == 0 else { throw JinjaError(.render, line: line, "cannot switch from automatic field numbering to manual field specification") }
                manual = true
                index = number
            } else {
                throw JinjaError(.unsupported, line: line, "the str.format() field `{\(field)}` (only `{}` and `{N}` are supported)")
            }
            guard index < arguments.count else { throw JinjaError(.render, line: line, "Replacement index \(index) out of range for positional args tuple") }
            output += arguments[index].string
        }
        return output
    }

    static func stringMethod(_ text: String, _ name: String, _ arguments: [JinjaValue], line: Int) throws(JinjaError) -> JinjaValue {
        func argument(_ index: Int) throws(JinjaError) -> String {
            guard index < arguments.count, case .string(let value) = arguments[index] else {
                throw JinjaError(.render, line: line, "str.\(name)() needs a string argument")
            }
            return value
        }
        switch name {
        case "strip": return .string(strip(text, arguments.first, leading: true, trailing: true))
        case "lstrip": return .string(strip(text, arguments.first, leading: true, trailing: false))
        case "rstrip": return .string(strip(text, arguments.first, leading: false, trailing: true))
        case "lower": return .string(text.lowercased())
        case "upper": return .string(text.uppercased())
        case "title": return .string(JinjaFilters.title(text))
        case "capitalize": return .string(JinjaFilters.capitalize(text))
        case "split":
            var separator: String?
            if case .string(let value)? = arguments.first { separator = value }
            if separator == "" { throw JinjaError(.render, line: line, "str.split(): empty separator") }
            let maxSplit = arguments.count > 1 ? arguments[1].integer ?? -1 : -1
            return .array(split(text, separator: separator, maxSplit: maxSplit).map { .string($0) })
        case "format": return .string(try format(text, arguments, line: line))
        case "startswith", "endswith":
            var candidates: [String] = []
            switch arguments.first {
            case .string(let value)?: candidates = [value]
            case .array(let values)?: candidates = values.map(\.string)
            default: throw JinjaError(.render, line: line, "str.\(name)() needs a string or a tuple of strings")
            }
            let scalars = Array(text.unicodeScalars)
            return .bool(candidates.contains { candidate in
                let needle = Array(candidate.unicodeScalars)
                return name == "startswith" ? scalars.starts(with: needle) : scalars.reversed().starts(with: needle.reversed())
            })
        case "replace":
            let old = try argument(0), new = try argument(1)
            let count = arguments.count > 2 ? arguments[2].integer ?? -1 : -1
            return .string(JinjaFilters.replace(text, old, new, count: count))
        case "find":
            let needle = try argument(0)
            guard let range = Substring(text).range(ofScalars: needle) else { return .int(-1) }
            return .int(text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound))
        case "count":
            let needle = try argument(0)
            return .int(max(0, split(text, separator: needle, maxSplit: -1).count - 1))
        case "join":
            guard let items = arguments.first else { throw JinjaError(.render, line: line, "str.join() needs a list") }
            return .string(try JinjaBuiltins.iterate(items, line: line).map(\.string).joined(separator: text))
        case "isdigit": return .bool(!text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal })
        case "isspace": return .bool(!text.isEmpty && text.unicodeScalars.allSatisfy(isPythonSpace))
        case "isalpha": return .bool(!text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic })
        default: throw JinjaError(.unsupported, line: line, "the method `str.\(name)()`")
        }
    }
}

extension Substring {
    /// The first occurrence of `needle`, compared by Unicode scalars (as Python compares strings).
    func range(ofScalars needle: String) -> Range<Index>? {
        let target = Array(needle.unicodeScalars)
        guard let first = target.first else { return startIndex ..< startIndex }
        var index = unicodeScalars.startIndex
        while index < unicodeScalars.endIndex {
            if unicodeScalars[index] == first {
                var probe = index
                var matched = 0
                while matched < target.count, probe < unicodeScalars.endIndex, unicodeScalars[probe] == target[matched] {
                    probe = unicodeScalars.index(after: probe)
                    matched += 1
                }
                if matched == target.count { return index ..< probe }
            }
            index = unicodeScalars.index(after: index)
        }
        return nil
    }
}
