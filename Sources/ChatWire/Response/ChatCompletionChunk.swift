/// One server-sent event of a streamed response (`chat.completion.chunk`).
public struct ChatCompletionChunk: WireObject {
    /// The id shared by every chunk of one response.
    public var id: String
    /// `chat.completion.chunk`.
    public var object: String
    /// Unix seconds.
    public var created: Int?
    /// The serving model.
    public var model: String?
    /// The deltas (empty in the final usage chunk).
    public var choices: [ChatChoice]
    /// Usage: only in the last chunk, and only when `stream_options.include_usage` was sent.
    public var usage: Usage?
    /// Other fields.
    public var additionalFields: [JSONMember]

    /// Creates a chunk.
    public init(id: String, created: Int?, model: String?, choices: [ChatChoice], usage: Usage? = nil, additionalFields: [JSONMember] = []) {
        self.id = id
        self.object = "chat.completion.chunk"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        id = try fields.string("id") ?? ""
        object = try fields.string("object") ?? "chat.completion.chunk"
        created = try fields.int("created")
        model = try fields.string("model")
        choices = try fields.array("choices", of: ChatChoice.self) ?? []
        let usageValue = fields.take("usage")
        if let usageValue, !usageValue.isNull {
            usage = try Usage(json: usageValue, path: fields.childPath("usage"))
        } else {
            usage = nil
        }
        additionalFields = fields.rest
        if usageValue?.isNull == true { additionalFields.append(JSONMember("usage", .null)) }
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("id", id)
        members.add("object", object)
        members.add("created", created)
        members.add("model", model)
        members.add("choices", choices)
        members.add("usage", usage)
        return members.object(then: additionalFields)
    }
}
