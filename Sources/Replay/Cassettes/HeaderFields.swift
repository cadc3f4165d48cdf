/// HTTP header fields in order, names compared without case.
public struct HeaderFields: Sendable, Hashable, Sequence {
    /// One field.
    public struct Field: Sendable, Hashable {
        /// The name as recorded.
        public var name: String
        /// The value.
        public var value: String

        /// Creates a field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields, in order.
    public private(set) var fields: [Field]

    /// Creates a list.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of a header.
    public subscript(name: String) -> String? {
        let lower = name.lowercased()
        return fields.first(where: { $0.name.lowercased() == lower })?.value
    }

    /// Every value of a header.
    public func values(_ name: String) -> [String] {
        let lower = name.lowercased()
        return fields.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// Appends a field.
    public mutating func append(_ name: String, _ value: String) {
        fields.append(Field(name, value))
    }

    /// Removes every field of a name.
    public mutating func remove(_ name: String) {
        let lower = name.lowercased()
        fields.removeAll { $0.name.lowercased() == lower }
    }

    /// Keeps the fields a predicate accepts.
    public func filter(_ keep: (Field) -> Bool) -> HeaderFields {
        HeaderFields(fields.filter(keep))
    }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }
}
