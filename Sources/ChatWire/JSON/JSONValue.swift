/// A JSON value that keeps what the wire carried: object members in their order and numbers as
/// their literal text, so a body read and written again loses nothing.
///
/// Raw JSON lives at the edges (cassette bodies, unknown request fields); typed values are built
/// from it with the `init(json:)` initialisers of the wire types.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number as its literal text (`1`, `0.7`, `1e-05`).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in their original order (duplicates kept; the last one wins on lookup).
    case object([JSONMember])

    /// A number from an integer.
    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A number from a double, written as Swift's shortest round-trip form.
    public static func double(_ value: Double) -> JSONValue {
        if value.rounded() == value, abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number("\(value)")
    }

    /// The member of an object with this key (the last one when repeated), else nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The integer value of a number without fraction, when this is one.
    public var intValue: Int? {
        guard case .number(let literal) = self else { return nil }
        if let exact = Int(literal) { return exact }
        if let double = Double(literal), double.rounded() == double, abs(double) < 9e18 { return Int(double) }
        return nil
    }

    /// The value of a number as a double.
    public var doubleValue: Double? {
        if case .number(let literal) = self { return Double(literal) }
        return nil
    }

    /// The Boolean, when this is one.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members, when this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The same value with object keys sorted, duplicates resolved (last wins) and numbers in one
    /// form: what two bodies must share to mean the same thing.
    public var canonical: JSONValue {
        sortingKeys(normalizingNumbers: true)
    }

    /// The value with every object's keys sorted and duplicates resolved (last wins); numbers
    /// rewritten in one form when asked.
    func sortingKeys(normalizingNumbers: Bool) -> JSONValue {
        switch self {
        case .null, .bool, .string: return self
        case .number(let literal): return normalizingNumbers ? .number(JSONValue.canonicalNumber(literal)) : self
        case .array(let elements): return .array(elements.map { $0.sortingKeys(normalizingNumbers: normalizingNumbers) })
        case .object(let members):
            var latest: [String: JSONValue] = [:]
            for member in members { latest[member.key] = member.value }
            return .object(latest.keys.sorted(by: JSONValue.keyOrder).map {
                JSONMember($0, latest[$0]!.sortingKeys(normalizingNumbers: normalizingNumbers))
            })
        }
    }

    /// Whether two values mean the same: same members whatever their order, same numbers whatever
    /// their spelling (`1.0` and `1`).
    public func isEquivalent(to other: JSONValue) -> Bool {
        canonical == other.canonical
    }

    /// The order keys are sorted in: by Unicode scalar values, as Python's `sort_keys` does.
    public static func keyOrder(_ left: String, _ right: String) -> Bool {
        left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
    }

    static func canonicalNumber(_ literal: String) -> String {
        if Int(literal) != nil { return literal == "-0" ? "0" : literal }
        guard let double = Double(literal) else { return literal }
        if double.rounded() == double, abs(double) < 1e15 { return String(Int(double)) }
        return "\(double)"
    }
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: JSONValue

    /// Creates a member.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}
