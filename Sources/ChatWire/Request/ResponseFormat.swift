/// `response_format`: `text`, `json_object`, or `json_schema` with a schema.
public struct ResponseFormat: WireObject {
    /// The format type.
    public var type: String
    /// For `json_schema`: `{name, schema, strict, description}` as sent.
    public var jsonSchema: JSONValue?
    /// Other fields.
    public var additionalFields: [JSONMember]

    /// Creates a format.
    public init(type: String, jsonSchema: JSONValue? = nil, additionalFields: [JSONMember] = []) {
        self.type = type
        self.jsonSchema = jsonSchema
        self.additionalFields = additionalFields
    }

    /// A strict JSON-schema format.
    public static func jsonSchema(name: String, schema: JSONValue, strict: Bool = true) -> ResponseFormat {
        ResponseFormat(type: "json_schema", jsonSchema: .object([
            JSONMember("name", .string(name)), JSONMember("schema", schema), JSONMember("strict", .bool(strict)),
        ]))
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        type = try fields.requiredString("type")
        jsonSchema = fields.take("json_schema")
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("type", type)
        members.add("json_schema", jsonSchema)
        return members.object(then: additionalFields)
    }
}

/// `stream_options`.
public struct StreamOptions: WireObject {
    /// Whether the last chunk carries `usage`.
    public var includeUsage: Bool?
    /// Other fields.
    public var additionalFields: [JSONMember]

    /// Creates options.
    public init(includeUsage: Bool?, additionalFields: [JSONMember] = []) {
        self.includeUsage = includeUsage
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        includeUsage = try fields.bool("include_usage")
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("include_usage", includeUsage)
        return members.object(then: additionalFields)
    }
}
