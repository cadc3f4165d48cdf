/// Jinja2's operators, member access, tests and global functions, with Python's semantics.
enum JinjaBuiltins {
    /// `range`, `namespace`, `dict`, and a `raise_exception` that fails the render with its message.
    /// Built once: the values are immutable (closures that capture nothing mutable), so sharing
    /// them between threads is safe although JinjaValue is not declared Sendable.
    nonisolated(unsafe) static let globals: [String: JinjaValue] = [
        "range": .callable(JinjaCallable(name: "range") { arguments, _ throws(JinjaError) in
            let bounds = arguments.compactMap(\.integer)
            guard bounds.count == arguments.count, (1 ... 3).contains(bounds.count) else {
                throw JinjaError(.render, line: 0, "range() takes one to three integers")
            }
            let start = bounds.count > 1 ? bounds[0] : 0
            let stop = bounds.count > 1 ? bounds[1] : bounds[0]
            let step = bounds.count > 2 ? bounds[2] : 1
            guard step != 0 else { throw JinjaError(.render, line: 0, "range() step must not be zero") }
            return .array(Swift.stride(from: start, to: stop, by: step).map { .int($0) })
        }),
        "namespace": .callable(JinjaCallable(name: "namespace") { arguments, keywords throws(JinjaError) in
            var attributes = JinjaDictionary()
            if case .dictionary(let initial)? = arguments.first { attributes = initial }
            for (key, value) in keywords { attributes[key] = value }
            return .namespace(JinjaNamespace(attributes))
        }),
        "dict": .callable(JinjaCallable(name: "dict") { arguments, keywords throws(JinjaError) in
            var dictionary = JinjaDictionary()
            if case .dictionary(let initial)? = arguments.first { dictionary = initial }
            for (key, value) in keywords { dictionary[key] = value }
            return .dictionary(dictionary)
        }),
        "raise_exception": .callable(JinjaCallable(name: "raise_exception") { arguments, _ throws(JinjaError) in
            throw JinjaError(.raised, line: 0, arguments.first?.string ?? "")
        }),
    ]

    /// The items a `for` loop visits: a list's items, a dict's keys, a string's characters.
    static func iterate(_ value: JinjaValue, line: Int) throws(JinjaError) -> [JinjaValue] {
        switch value {
        case .array(let items), .generator(let items): return items
        case .dictionary(let dictionary): return dictionary.keyValues
        case .string(let text), .markup(let text): return text.unicodeScalars.map { .string(String($0)) }
        case .undefined: return []
        default: throw JinjaError(.render, line: line, "a \(value.typeName) is not iterable")
        }
    }

    static let dictionaryMethods: Set<String> = ["items", "keys", "values", "get"]

    /// `value.name`: Jinja2 tries the Python attribute (a method) first, then the item.
    static func attribute(of value: JinjaValue, _ name: String, environment: JinjaTemplate.Environment, line: Int) throws(JinjaError) -> JinjaValue {
        let value = value.plain
        switch value {
        case .undefined(let base):
            throw JinjaError(.render, line: line, "`\(base)` is undefined, so it has no attribute `\(name)`")
        case .dictionary(let dictionary):
            if dictionaryMethods.contains(name) { return JinjaMethods.bound(value, name, line: line) }
            return dictionary[name] ?? .undefined("\(name)")
        case .namespace(let namespace):
            return namespace.attributes[name] ?? .undefined(name)
        case .loop(let loop):
            return loop.attribute(name, line: line) ?? .undefined("loop.\(name)")
        case .string, .array:
            return JinjaMethods.bound(value, name, line: line)
        default:
            return .undefined(name)
        }
    }

    /// `value[key]`: the item first, then the attribute; missing items are undefined.
    static func item(of value: JinjaValue, _ key: JinjaValue, environment: JinjaTemplate.Environment, line: Int) throws(JinjaError) -> JinjaValue {
        let value = value.plain, key = key.plain
        switch (value, key) {
        case (.undefined(let base), _):
            throw JinjaError(.render, line: line, "`\(base)` is undefined, so it has no item \(key.repr)")
        case (.dictionary(let dictionary), .string(let name)):
            return dictionary[name] ?? .undefined(name)
        case (.dictionary(let dictionary), _):
            return dictionary[value: key] ?? .undefined(key.string)
        case (.namespace(let namespace), .string(let name)):
            return namespace.attributes[name] ?? .undefined(name)
        case (.loop(let loop), .string(let name)):
            return loop.attribute(name, line: line) ?? .undefined("loop.\(name)")
        case (.array(let items), _):
            guard let position = key.integer else { return .undefined(key.string) }
            let index = position < 0 ? items.count + position : position
            return items.indices.contains(index) ? items[index] : .undefined("index \(position)")
        case (.string(let text), _):
            let scalars = Array(text.unicodeScalars)
            guard let position = key.integer else {
                if case .string(let name) = key { return JinjaMethods.bound(value, name, line: line) }
                return .undefined(key.string)
            }
            let index = position < 0 ? scalars.count + position : position
            return scalars.indices.contains(index) ? .string(String(scalars[index])) : .undefined("index \(position)")
        default:
            return .undefined(key.string)
        }
    }

    /// Python's slice semantics over lists and strings.
    static func slice(_ value: JinjaValue, start: Int?, stop: Int?, step: Int?, line: Int) throws(JinjaError) -> JinjaValue {
        let value = value.plain
        let step = step ?? 1
        guard step != 0 else { throw JinjaError(.render, line: line, "slice step cannot be zero") }
        func indices(_ count: Int) -> [Int] {
            func clamp(_ index: Int?, _ defaultValue: Int, low: Int, high: Int) -> Int {
                guard var index else { return defaultValue }
                if index < 0 { index += count }
                return min(max(index, low), high)
            }
            if step > 0 {
                let from = clamp(start, 0, low: 0, high: count), to = clamp(stop, count, low: 0, high: count)
                return Array(Swift.stride(from: from, to: to, by: step))
            }
            let from = clamp(start, count - 1, low: -1, high: count - 1), to = clamp(stop, -1, low: -1, high: count - 1)
            return Array(Swift.stride(from: from, to: to, by: step))
        }
        switch value {
        case .array(let items): return .array(indices(items.count).map { items[$0] })
        case .string(let text):
            let scalars = Array(text.unicodeScalars)
            return .string(String(String.UnicodeScalarView(indices(scalars.count).map { scalars[$0] })))
        case .undefined(let name): throw JinjaError(.render, line: line, "`\(name)` is undefined and cannot be sliced")
        default: throw JinjaError(.render, line: line, "a \(value.typeName) cannot be sliced")
        }
    }

    static func binary(_ symbol: String, _ left: JinjaValue, _ right: JinjaValue, line: Int) throws(JinjaError) -> JinjaValue {
        // Python's `str + Markup` and `Markup + str`: the plain side is HTML-escaped.
        if symbol == "+" {
            switch (left, right) {
            case (.markup(let a), .markup(let b)): return .markup(a + b)
            case (.markup(let a), .string(let b)): return .markup(a + JinjaValue.escapeHTML(b))
            case (.string(let a), .markup(let b)): return .markup(JinjaValue.escapeHTML(a) + b)
            default: break
            }
        }
        let left = left.plain, right = right.plain
        func failure() -> JinjaError {
            if case .undefined(let name) = left { return JinjaError(.render, line: line, "`\(name)` is undefined (used with `\(symbol)`)") }
            if case .undefined(let name) = right { return JinjaError(.render, line: line, "`\(name)` is undefined (used with `\(symbol)`)") }
            return JinjaError(.render, line: line, "unsupported operand types for \(symbol): \(left.typeName) and \(right.typeName)")
        }
        switch symbol {
        case "==": return .bool(left == right)
        case "!=": return .bool(left != right)
        case "<", ">", "<=", ">=":
            guard let order = compare(left, right) else { throw failure() }
            switch symbol {
            case "<": return .bool(order < 0)
            case ">": return .bool(order > 0)
            case "<=": return .bool(order <= 0)
            default: return .bool(order >= 0)
            }
        case "in", "not in":
            let contained: Bool
            switch right {
            case .string(let text):
                guard case .string(let needle) = left else { throw failure() }
                contained = needle.isEmpty || text.contains(needle)
            case .array(let items): contained = items.contains(left)
            case .dictionary(let dictionary): contained = dictionary[value: left] != nil
            case .undefined: contained = false
            default: throw failure()
            }
            return .bool(contained != (symbol == "not in"))
        case "~":
            return .string(left.string + right.string)
        case "+":
            switch (left, right) {
            case (.string(let a), .string(let b)): return .string(a + b)
            case (.array(let a), .array(let b)): return .array(a + b)
            default: break
            }
        case "*":
            switch (left, right) {
            case (.string(let text), _) where right.integer != nil: return .string(String(repeating: text, count: max(0, right.integer!)))
            case (_, .string(let text)) where left.integer != nil: return .string(String(repeating: text, count: max(0, left.integer!)))
            case (.array(let items), _) where right.integer != nil: return .array(Array(repeating: items, count: max(0, right.integer!)).flatMap { $0 })
            default: break
            }
        default: break
        }
        guard let a = left.number, let b = right.number else { throw failure() }
        if let x = left.integer, let y = right.integer {
            switch symbol {
            case "+": return .int(x &+ y)
            case "-": return .int(x &- y)
            case "*": return .int(x &* y)
            case "//", "%":
                guard y != 0 else { throw JinjaError(.render, line: line, "integer division or modulo by zero") }
                let quotient = Int((Double(x) / Double(y)).rounded(.down))
                return symbol == "//" ? .int(quotient) : .int(x - quotient * y)
            case "**" where y >= 0:
                var result = 1
                for _ in 0 ..< y { result = result &* x }
                return .int(result)
            default: break
            }
        }
        switch symbol {
        case "+": return .double(a + b)
        case "-": return .double(a - b)
        case "*": return .double(a * b)
        case "/":
            guard b != 0 else { throw JinjaError(.render, line: line, "division by zero") }
            return .double(a / b)
        case "//":
            guard b != 0 else { throw JinjaError(.render, line: line, "float floor division by zero") }
            return .double((a / b).rounded(.down))
        case "%":
            guard b != 0 else { throw JinjaError(.render, line: line, "float modulo by zero") }
            return .double(a - (a / b).rounded(.down) * b)
        case "**":
            var result = 1.0
            if b == b.rounded(), abs(b) < 1024 {
                for _ in 0 ..< Int(abs(b)) { result *= a }
                return .double(b < 0 ? 1 / result : result)
            }
            throw JinjaError(.unsupported, line: line, "a non-integral power")
        default: throw failure()
        }
    }

    /// -1, 0 or 1 as Python orders numbers, strings (by code point) and lists; nil when unordered.
    static func compare(_ left: JinjaValue, _ right: JinjaValue) -> Int? {
        switch (left.plain, right.plain) {
        case (.string(let a), .string(let b)):
            let x = Array(a.unicodeScalars.map(\.value)), y = Array(b.unicodeScalars.map(\.value))
            return x.lexicographicallyPrecedes(y) ? -1 : x == y ? 0 : 1
        case (.array(let a), .array(let b)):
            for (x, y) in zip(a, b) where x != y { return compare(x, y) }
            return a.count < b.count ? -1 : a.count == b.count ? 0 : 1
        default:
            guard let a = left.number, let b = right.number else { return nil }
            return a < b ? -1 : a == b ? 0 : 1
        }
    }

    /// `value is name(arguments)`.
    static func test(_ name: String, _ value: JinjaValue, _ arguments: [JinjaValue], line: Int) throws(JinjaError) -> Bool {
        let value = value.plain
        switch name {
        case "defined": return !value.isUndefined
        case "undefined": return value.isUndefined
        case "none": if case .none = value { return true } else { return false }
        case "true": if case .bool(true) = value { return true } else { return false }
        case "false": if case .bool(false) = value { return true } else { return false }
        case "boolean": if case .bool = value { return true } else { return false }
        case "string": if case .string = value { return true } else { return false }
        case "mapping": if case .dictionary = value { return true } else { return false }
        case "number": switch value { case .int, .double, .bool: return true; default: return false }
        case "integer": switch value { case .int, .bool: return true; default: return false }
        case "float": if case .double = value { return true } else { return false }
        case "iterable": switch value { case .array, .dictionary, .string, .generator: return true; default: return false }
        case "sequence": switch value { case .array, .dictionary, .string: return true; default: return false }
        case "callable": if case .callable = value { return true } else { return false }
        case "odd", "even":
            guard let integer = value.integer else { throw JinjaError(.render, line: line, "`is \(name)` needs an integer") }
            return (integer % 2 != 0) == (name == "odd")
        case "divisibleby":
            guard let integer = value.integer, let divisor = arguments.first?.integer, divisor != 0 else {
                throw JinjaError(.render, line: line, "`is divisibleby` needs integers")
            }
            return integer % divisor == 0
        case "eq", "equalto", "==", "sameas":
            return value == (arguments.first ?? .undefined("argument"))
        case "ne", "!=": return value != (arguments.first ?? .undefined("argument"))
        case "lt", "<", "gt", ">", "le", "<=", "ge", ">=", "lessthan", "greaterthan":
            guard let other = arguments.first, let order = compare(value, other) else {
                throw JinjaError(.render, line: line, "`is \(name)` cannot compare \(value.typeName) and \(arguments.first?.typeName ?? "nothing")")
            }
            switch name {
            case "lt", "<", "lessthan": return order < 0
            case "gt", ">", "greaterthan": return order > 0
            case "le", "<=": return order <= 0
            default: return order >= 0
            }
        case "in":
            return try binary("in", value, arguments.first ?? .undefined("argument"), line: line).isTruthy
        case "lower":
            guard case .string(let text) = value else { return false }
            return text == text.lowercased()
        case "upper":
            guard case .string(let text) = value else { return false }
            return text == text.uppercased()
        default:
            throw JinjaError(.unsupported, line: line, "the test `is \(name)`")
        }
    }
}
