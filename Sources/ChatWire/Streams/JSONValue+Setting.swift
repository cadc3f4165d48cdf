extension JSONValue {
    /// This object with `key` set to `value` (replaced where it was, else appended); other values
    /// are returned unchanged.
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let index = members.lastIndex(where: { $0.key == key }) {
            members[index] = JSONMember(key, value)
        } else {
            members.append(JSONMember(key, value))
        }
        return .object(members)
    }

    /// An event of the Responses or Messages API: `type` first, then `fields`, as `event: TYPE`.
    static func typedEvent(_ type: String, _ fields: [JSONMember]) -> ServerSentEvent {
        ServerSentEvent(event: type, data: JSONWriter.string(.object([JSONMember("type", .string(type))] + fields)))
    }
}
