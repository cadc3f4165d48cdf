/// A TOML value with the line it was written on, so configuration errors can point at it.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// A date, time or date-time, kept as written.
    case dateTime(String)
    case array([TOMLNode])
    case table(TOMLTable)

    /// A short name of the value's type for error messages.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime: "date-time"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A value and where it is.
public struct TOMLNode: Sendable, Equatable {
    /// The value.
    public var value: TOMLValue
    /// 1-based line of the key (or of the value, for array elements).
    public var line: Int
}

/// A TOML table: keys in the order they were first written.
public struct TOMLTable: Sendable, Equatable {
    /// Keys in document order.
    public private(set) var keys: [String] = []
    private var storage: [String: TOMLNode] = [:]
    /// Whether this table was written inline (`{ … }`) and so is closed to later additions.
    var isInline = false
    /// Whether a `[header]` defined it explicitly (it may not be defined twice).
    var isExplicit = false

    /// Creates an empty table.
    public init() {}

    /// Lets `body` change the value under `key` in place: the value is taken out of the table
    /// while `body` runs, so a nested table or array is not copied on every insertion into it
    /// (a 20,000-entry table took 11 s). Does nothing when `key` is absent.
    mutating func modifyValue(_ key: String, _ body: (inout TOMLValue) throws(TOMLParser.SyntaxError) -> Void) throws(TOMLParser.SyntaxError) {
        guard var node = storage.removeValue(forKey: key) else { return }
        defer { storage[key] = node }
        try body(&node.value)
    }

    /// The node under `key`.
    public subscript(key: String) -> TOMLNode? {
        get { storage[key] }
        set {
            if storage[key] == nil, newValue != nil { keys.append(key) }
            storage[key] = newValue
            if newValue == nil { keys.removeAll { $0 == key } }
        }
    }
}
