/// A tool definition (`tools[i]`).
public struct ChatTool: WireObject {
    /// `function` (or `custom`, …).
    public var type: String
    /// The function definition of a `function` tool.
    public var function: FunctionDefinition?
    /// Other fields (`custom`, …).
    public var additionalFields: [JSONMember]

    /// Creates a tool.
    public init(type: String = "function", function: FunctionDefinition?, additionalFields: [JSONMember] = []) {
        self.type = type
        self.function = function
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        type = try fields.requiredString("type")
        function = try fields.object("function", as: FunctionDefinition.self)
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("type", type)
        members.add("function", function)
        return members.object(then: additionalFields)
    }
}

/// A function's name, description and JSON-schema parameters (`tools[i].function`, `functions[i]`).
public struct FunctionDefinition: WireObject {
    /// The name the model calls.
    public var name: String
    /// What it does.
    public var description: String?
    /// The JSON schema of its arguments.
    public var parameters: JSONValue?
    /// Structured-outputs strictness.
    public var strict: Bool?
    /// Other fields.
    public var additionalFields: [JSONMember]

    /// Creates a definition.
    public init(name: String, description: String? = nil, parameters: JSONValue? = nil, strict: Bool? = nil, additionalFields: [JSONMember] = []) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.strict = strict
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        name = try fields.requiredString("name")
        description = try fields.string("description")
        parameters = fields.take("parameters")
        strict = try fields.bool("strict")
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("name", name)
        members.add("description", description)
        members.add("parameters", parameters)
        members.add("strict", strict)
        return members.object(then: additionalFields)
    }
}
