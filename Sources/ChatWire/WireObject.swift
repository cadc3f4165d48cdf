/// A wire type that is read from and written to a `JSONValue`, keeping every field it does not
/// model in `additionalFields`, so reading and writing again loses nothing. `Codable` comes with it.
public protocol WireObject: Codable, Sendable, Hashable {
    /// Reads the value; `path` names where it sits, for errors.
    init(json: JSONValue, path: String) throws(WireError)
    /// The value as JSON: modelled fields first, then the others in their original order.
    var json: JSONValue { get }
}

extension WireObject {
    /// Reads a top-level value.
    public init(json: JSONValue) throws(WireError) {
        try self.init(json: json, path: "")
    }

    /// Reads a value from JSON text.
    public init(jsonBytes: [UInt8]) throws(WireDecodingError) {
        let value: JSONValue
        do { value = try JSONParser.parse(jsonBytes) } catch { throw .syntax(error) }
        do { try self.init(json: value) } catch { throw .shape(error) }
    }

    public init(from decoder: any Decoder) throws {
        try self.init(json: JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// Why a body could not be read as a wire type.
public enum WireDecodingError: Error, Sendable, CustomStringConvertible {
    /// Not JSON at all.
    case syntax(JSONSyntaxError)
    /// JSON, but not the expected shape.
    case shape(WireError)

    public var description: String {
        switch self {
        case .syntax(let error): return "malformed JSON at \(error)"
        case .shape(let error): return error.description
        }
    }
}

/// Reads an object's members one by one; what is left over becomes `additionalFields`.
struct WireFields {
    private var members: [JSONMember]
    let path: String

    init(_ value: JSONValue, path: String) throws(WireError) {
        guard case .object(let members) = value else { throw WireError(path: path, reason: "expected an object") }
        self.members = members
        self.path = path
    }

    /// Members read as absent because they were `null`: kept, so writing back loses nothing.
    private var explicitNulls: [JSONMember] = []

    /// Every member not taken yet, in order, then the explicit nulls of typed fields.
    var rest: [JSONMember] { members + explicitNulls }

    /// Takes a typed field's value; an explicit `null` is remembered and reads as absent.
    private mutating func takeTyped(_ key: String) -> JSONValue? {
        guard let value = take(key) else { return nil }
        if value.isNull {
            explicitNulls.append(JSONMember(key, .null))
            return nil
        }
        return value
    }

    func childPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Removes and returns a member (nil when absent).
    mutating func take(_ key: String) -> JSONValue? {
        guard let index = members.lastIndex(where: { $0.key == key }) else { return nil }
        let value = members[index].value
        members.removeAll { $0.key == key }
        return value
    }

    mutating func string(_ key: String) throws(WireError) -> String? {
        guard let value = takeTyped(key) else { return nil }
        guard let text = value.stringValue else { throw WireError(path: childPath(key), reason: "expected a string") }
        return text
    }

    mutating func requiredString(_ key: String) throws(WireError) -> String {
        guard let text = try string(key) else { throw WireError(path: childPath(key), reason: "required") }
        return text
    }

    mutating func int(_ key: String) throws(WireError) -> Int? {
        guard let value = takeTyped(key) else { return nil }
        guard let number = value.intValue else { throw WireError(path: childPath(key), reason: "expected an integer") }
        return number
    }

    mutating func double(_ key: String) throws(WireError) -> Double? {
        guard let value = takeTyped(key) else { return nil }
        guard let number = value.doubleValue else { throw WireError(path: childPath(key), reason: "expected a number") }
        return number
    }

    mutating func bool(_ key: String) throws(WireError) -> Bool? {
        guard let value = takeTyped(key) else { return nil }
        guard let flag = value.boolValue else { throw WireError(path: childPath(key), reason: "expected true or false") }
        return flag
    }

    mutating func object<T: WireObject>(_ key: String, as type: T.Type) throws(WireError) -> T? {
        guard let value = takeTyped(key) else { return nil }
        return try T(json: value, path: childPath(key))
    }

    mutating func array<T: WireObject>(_ key: String, of type: T.Type) throws(WireError) -> [T]? {
        guard let value = takeTyped(key) else { return nil }
        guard let elements = value.arrayValue else { throw WireError(path: childPath(key), reason: "expected an array") }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(try T(json: element, path: childPath(key) + "[\(index)]"))
        }
        return result
    }
}

/// Builds an object's members in order, skipping absent optionals.
struct WireMembers {
    private(set) var members: [JSONMember] = []

    mutating func add(_ key: String, _ value: JSONValue?) {
        if let value { members.append(JSONMember(key, value)) }
    }
    mutating func add(_ key: String, _ value: String?) { add(key, value.map(JSONValue.string)) }
    mutating func add(_ key: String, _ value: Int?) { add(key, value.map(JSONValue.integer)) }
    mutating func add(_ key: String, _ value: Double?) { add(key, value.map(JSONValue.double)) }
    mutating func add(_ key: String, _ value: Bool?) { add(key, value.map(JSONValue.bool)) }
    mutating func add<T: WireObject>(_ key: String, _ value: T?) { add(key, value?.json) }
    mutating func add<T: WireObject>(_ key: String, _ value: [T]?) { add(key, value.map { JSONValue.array($0.map(\.json)) }) }

    func object(then additional: [JSONMember]) -> JSONValue { .object(members + additional) }
}
