/// A value inside a template, with Python's semantics as Jinja2 gives them: truthiness, `str()`,
/// `repr()`, equality (`1 == 1.0 == True`) and ordering.
public enum JinjaValue {
    /// A name or member that does not exist (Jinja2's `Undefined`): prints as nothing, is false,
    /// iterates as empty; using a member of it is an error.
    case undefined(String)
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Jinja2's `Markup` (from `|safe` and Jinja2's own `tojson`): a string that is already
    /// HTML-safe. Adding a plain string to it with `+` HTML-escapes the plain one, as Python does.
    case markup(String)
    case array([JinjaValue])
    /// What Jinja2's `map`, `select`, `reject`, `selectattr`, `rejectattr` return: a generator,
    /// which iterates like a list but has no length and cannot be written as JSON.
    case generator([JinjaValue])
    case dictionary(JinjaDictionary)
    /// `namespace(…)`: the one mutable object templates use (`{% set ns.found = true %}`).
    case namespace(JinjaNamespace)
    /// A callable: a macro, a global function, or a method bound to its receiver.
    case callable(JinjaCallable)
    /// A for loop's `loop` (Jinja2's `LoopContext`): its attributes are computed when read.
    case loop(JinjaLoop)

    /// Python's `bool(value)`.
    public var isTruthy: Bool {
        switch self {
        case .undefined, .none: false
        case .bool(let value): value
        case .int(let value): value != 0
        case .double(let value): value != 0
        case .string(let value), .markup(let value): !value.isEmpty
        case .array(let value): !value.isEmpty
        case .generator: true
        case .dictionary(let value): !value.isEmpty
        case .namespace, .callable, .loop: true
        }
    }

    /// Python's `str(value)`, as `{{ value }}` prints it.
    public var string: String {
        switch self {
        case .undefined: ""
        case .string(let value), .markup(let value): value
        default: repr
        }
    }

    /// Python's `repr(value)`.
    public var repr: String {
        switch self {
        case .undefined: ""
        case .none: "None"
        case .bool(let value): value ? "True" : "False"
        case .int(let value): String(value)
        case .double(let value): Self.pythonFloat(value)
        case .string(let value): Self.pythonRepr(value)
        case .markup(let value): "Markup(" + Self.pythonRepr(value) + ")"
        case .array(let items): "[" + items.map(\.repr).joined(separator: ", ") + "]"
        case .generator: "<generator object>"
        case .dictionary(let dictionary):
            "{" + dictionary.entries.map { $0.key.repr + ": " + $0.value.repr }.joined(separator: ", ") + "}"
        case .namespace: "<Namespace>"
        case .callable(let callable): "<function \(callable.name)>"
        case .loop(let loop): "<LoopContext \(loop.index + 1)/\(loop.items.count)>"
        }
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .undefined: "undefined"
        case .none: "None"
        case .bool: "bool"
        case .int: "int"
        case .double: "float"
        case .string, .markup: "str"
        case .array: "list"
        case .generator: "generator"
        case .dictionary: "dict"
        case .namespace: "namespace"
        case .callable: "function"
        case .loop: "LoopContext"
        }
    }

    /// The bytes of the strings in the value, nested lists and dictionaries included, counted up
    /// to about `limit`: how much text a template has to write from it.
    public func textBytes(limit: Int) -> Int {
        switch self {
        case .string(let text), .markup(let text): return text.utf8.count
        case .array(let items), .generator(let items):
            var total = 0
            for item in items where total < limit { total += item.textBytes(limit: limit - total) }
            return total
        case .dictionary(let dictionary):
            return dictionary.valueTextBytes(limit: limit)
        default: return 0
        }
    }

    /// The value with `Markup` as a plain string: what every operation but `+` sees.
    var plain: JinjaValue {
        if case .markup(let text) = self { return .string(text) }
        return self
    }

    /// `markupsafe.escape`.
    static func escapeHTML(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&#34;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    /// The number, if the value is one (bool counts, as in Python).
    var number: Double? {
        switch self {
        case .bool(let value): value ? 1 : 0
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    var integer: Int? {
        switch self {
        case .bool(let value): value ? 1 : 0
        case .int(let value): value
        default: nil
        }
    }

    /// Python's float `repr`: shortest round-trip digits, `.0` on integral values, `e` notation
    /// from 1e16 and below 1e-4.
    static func pythonFloat(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        var text = "\(value)"
        if let e = text.firstIndex(of: "e") {
            // Swift writes 1e-05 and 1e+16 as Python does; make sure the mantissa has no ".0".
            let mantissa = text[..<e]
            if mantissa.hasSuffix(".0") { text = String(mantissa.dropLast(2)) + text[e...] }
            return text
        }
        return text
    }

    /// Python's `repr` of a string: single quotes unless the string has one and no double quote.
    static func pythonRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var output = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if Character(scalar) == quote {
                    output += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\x" + Self.hex(scalar.value, width: 2)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append(quote)
        return output
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension JinjaValue: Equatable {
    /// Python's `==`.
    public static func == (left: JinjaValue, right: JinjaValue) -> Bool {
        switch (left.plain, right.plain) {
        case (.undefined, .undefined), (.none, .none): return true
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)), (.generator(let a), .generator(let b)): return a == b
        case (.dictionary(let a), .dictionary(let b)):
            return a.count == b.count && a.entries.allSatisfy { entry in b[value: entry.key].map { $0 == entry.value } ?? false }
        case (.namespace(let a), .namespace(let b)): return a === b
        case (let a, let b):
            if let a = a.number, let b = b.number { return a == b }
            return false
        }
    }
}

/// A dictionary that keeps its keys in insertion order, as Python's does.
public struct JinjaDictionary {
    /// A key as Python hashes it: `1`, `1.0` and `True` are one key; strings, numbers and `None`
    /// never collide.
    enum Key: Hashable {
        case none
        case integer(Int)
        case number(Double)
        case string(String)

        init(_ value: JinjaValue) {
            switch value.plain {
            case .none, .undefined: self = .none
            case .bool(let flag): self = .integer(flag ? 1 : 0)
            case .int(let integer): self = .integer(integer)
            case .double(let number): self = number.rounded() == number && abs(number) < 9.2e18 ? .integer(Int(number)) : .number(number)
            case .string(let text), .markup(let text): self = .string(text)
            case let other: self = .string(other.repr)
            }
        }
    }

    /// One pair: the key as hashed, the key as the template wrote it, the value.
    private struct Entry {
        let key: Key
        let keyValue: JinjaValue
        var value: JinjaValue
    }

    /// The pairs in order, in one array found by a linear scan while there are few of them (a chat
    /// message has two to five keys: one allocation and no hashing to build, and one object to
    /// reach and retain when a template copies the dictionary at a lookup); a hash index is built
    /// once a dictionary grows past `indexedCount`. Both copy on write.
    private var ordered: [Entry] = []
    private var index: [Key: Int]?

    static let indexedCount = 12

    private func position(of key: Key) -> Int? {
        if let index { return index[key] }
        return ordered.firstIndex { $0.key == key }
    }

    private mutating func append(_ entry: Entry) {
        ordered.append(entry)
        if index != nil {
            index![entry.key] = ordered.count - 1
        } else if ordered.count > Self.indexedCount {
            var built: [Key: Int] = [:]
            built.reserveCapacity(ordered.count * 2)
            for (position, entry) in ordered.enumerated() { built[entry.key] = position }
            index = built
        }
    }

    private mutating func remove(at position: Int) {
        ordered.remove(at: position)
        if index != nil {
            var built: [Key: Int] = [:]
            for (position, entry) in ordered.enumerated() { built[entry.key] = position }
            index = built
        }
    }

    /// An empty dictionary.
    public init() {}

    /// An empty dictionary with room for `count` pairs.
    public init(minimumCapacity count: Int) {
        ordered.reserveCapacity(count)
    }

    /// A dictionary of string-keyed pairs, in order.
    public init(_ pairs: [(String, JinjaValue)]) {
        ordered.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            let hashed = Key.string(key)
            // A later duplicate replaces the value and keeps the first position, as Python's dict does.
            if let position = position(of: hashed) {
                ordered[position].value = value
            } else {
                append(Entry(key: hashed, keyValue: .string(key), value: value))
            }
        }
    }

    public var count: Int { ordered.count }
    public var isEmpty: Bool { ordered.isEmpty }

    /// The keys, in order, as the template wrote them.
    public var keyValues: [JinjaValue] { ordered.map(\.keyValue) }

    /// The keys, in order, as `str()` writes them.
    public var keys: [String] { ordered.map(\.keyValue.string) }

    public subscript(key: String) -> JinjaValue? {
        get {
            let hashed = Key.string(key)
            return position(of: hashed).map { ordered[$0].value }
        }
        set { self[value: .string(key)] = newValue }
    }

    /// The value under any hashable key (`d[1]`, `d['a']`).
    public subscript(value key: JinjaValue) -> JinjaValue? {
        get {
            position(of: Key(key)).map { ordered[$0].value }
        }
        set {
            let hashed = Key(key)
            if let newValue {
                if let position = position(of: hashed) {
                    ordered[position].value = newValue
                } else {
                    append(Entry(key: hashed, keyValue: key.plain, value: newValue))
                }
            } else if let position = position(of: hashed) {
                remove(at: position)
            }
        }
    }

    /// `JinjaValue.textBytes` over the values.
    func valueTextBytes(limit: Int) -> Int {
        var total = 0
        for entry in ordered where total < limit { total += entry.value.textBytes(limit: limit - total) }
        return total
    }

    /// The (key, value) pairs, in order.
    public var entries: [(key: JinjaValue, value: JinjaValue)] {
        ordered.map { ($0.keyValue, $0.value) }
    }
}

/// A for loop's position, read through `loop.index`, `loop.first`, `loop.previtem`, `loop.cycle(…)`…
public struct JinjaLoop {
    /// The items iterated (after the loop's filter) and the current position (0-based).
    let items: [JinjaValue]
    let index: Int

    /// The attributes of Jinja2's LoopContext.
    enum Attribute: String {
        case index, index0, revindex, revindex0, first, last, length, previtem, nextitem, cycle
    }

    /// `loop.<name>`, or nil for a name Jinja2's LoopContext does not have.
    func attribute(_ name: String, line: Int) -> JinjaValue? {
        Attribute(rawValue: name).map { self[$0, line: line] }
    }

    /// `loop.<attribute>`.
    subscript(attribute: Attribute, line line: Int) -> JinjaValue {
        let count = items.count
        switch attribute {
        case .index: return .int(index + 1)
        case .index0: return .int(index)
        case .revindex: return .int(count - index)
        case .revindex0: return .int(count - index - 1)
        case .first: return .bool(index == 0)
        case .last: return .bool(index == count - 1)
        case .length: return .int(count)
        case .previtem: return index > 0 ? items[index - 1] : .undefined("loop.previtem")
        case .nextitem: return index + 1 < count ? items[index + 1] : .undefined("loop.nextitem")
        case .cycle:
            let position = index
            return .callable(JinjaCallable(name: "loop.cycle") { arguments, _ throws(JinjaError) in
                guard !arguments.isEmpty else { throw JinjaError(.render, line: line, "loop.cycle() needs at least one value") }
                return arguments[position % arguments.count]
            })
        }
    }
}

/// `namespace(…)`: attributes a template may set from inside loops.
public final class JinjaNamespace {
    var attributes: JinjaDictionary

    init(_ attributes: JinjaDictionary) {
        self.attributes = attributes
    }
}

/// Something a template can call.
public struct JinjaCallable {
    /// The name, for error messages.
    public var name: String
    let call: (_ arguments: [JinjaValue], _ keywords: [(String, JinjaValue)]) throws(JinjaError) -> JinjaValue

    /// A callable from a Swift function of positional and keyword arguments.
    public init(name: String, _ call: @escaping (_ arguments: [JinjaValue], _ keywords: [(String, JinjaValue)]) throws(JinjaError) -> JinjaValue) {
        self.name = name
        self.call = call
    }
}
