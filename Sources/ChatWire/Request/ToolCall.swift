/// A tool call an assistant made (`tool_calls[i]`); in stream deltas every field may be partial.
public struct ToolCall: WireObject {
    /// The call's id.
    public var id: String?
    /// `function` (or `custom`).
    public var type: String?
    /// The function and its JSON-encoded arguments.
    public var function: FunctionCall?
    /// Other fields (`index` in stream deltas, `custom`, …).
    public var additionalFields: [JSONMember]

    /// Creates a tool call.
    public init(id: String?, type: String? = "function", function: FunctionCall?, additionalFields: [JSONMember] = []) {
        self.id = id
        self.type = type
        self.function = function
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        id = try fields.string("id")
        type = try fields.string("type")
        function = try fields.object("function", as: FunctionCall.self)
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("id", id)
        members.add("type", type)
        members.add("function", function)
        return members.object(then: additionalFields)
    }
}

/// A function call: its name and its arguments as a JSON string.
public struct FunctionCall: WireObject {
    /// The function name.
    public var name: String?
    /// The arguments, JSON-encoded (as the model wrote them, possibly invalid).
    public var arguments: String?
    /// Other fields.
    public var additionalFields: [JSONMember]

    /// Creates a call.
    public init(name: String?, arguments: String?, additionalFields: [JSONMember] = []) {
        self.name = name
        self.arguments = arguments
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        name = try fields.string("name")
        arguments = try fields.string("arguments")
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("name", name)
        members.add("arguments", arguments)
        return members.object(then: additionalFields)
    }
}
