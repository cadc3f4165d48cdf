/// A non-streamed chat-completions response.
public struct ChatCompletion: WireObject {
    /// `chatcmpl-…`.
    public var id: String
    /// `chat.completion`.
    public var object: String
    /// Unix seconds.
    public var created: Int?
    /// The model that served it (a dated name, e.g. `gpt-4o-2024-08-06`).
    public var model: String?
    /// The choices.
    public var choices: [ChatChoice]
    /// Token usage.
    public var usage: Usage?
    /// Other fields (`system_fingerprint`, `service_tier`, Azure's filter results, …).
    public var additionalFields: [JSONMember]

    /// Creates a response.
    public init(id: String, object: String = "chat.completion", created: Int?, model: String?, choices: [ChatChoice], usage: Usage?, additionalFields: [JSONMember] = []) {
        self.id = id
        self.object = object
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        id = try fields.requiredString("id")
        object = try fields.string("object") ?? "chat.completion"
        created = try fields.int("created")
        model = try fields.string("model")
        choices = try fields.array("choices", of: ChatChoice.self) ?? []
        usage = try fields.object("usage", as: Usage.self)
        additionalFields = fields.rest
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

/// One choice of a response (`message`) or of a stream chunk (`delta`).
public struct ChatChoice: WireObject {
    /// The choice index.
    public var index: Int?
    /// The answer (non-streamed).
    public var message: ChatMessage?
    /// The increment (streamed).
    public var delta: ChatMessage?
    /// `stop`, `length`, `tool_calls`, `content_filter`, or nil while streaming.
    public var finishReason: String?
    /// Other fields (`logprobs`, …).
    public var additionalFields: [JSONMember]

    /// Creates a choice.
    public init(index: Int?, message: ChatMessage? = nil, delta: ChatMessage? = nil, finishReason: String?, additionalFields: [JSONMember] = []) {
        self.index = index
        self.message = message
        self.delta = delta
        self.finishReason = finishReason
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        index = try fields.int("index")
        message = try fields.object("message", as: ChatMessage.self)
        delta = try fields.object("delta", as: ChatMessage.self)
        let finish = fields.take("finish_reason")
        finishReason = finish?.stringValue
        additionalFields = fields.rest
        if finish?.isNull == true { additionalFields.insert(JSONMember("finish_reason", .null), at: 0) }
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("index", index)
        members.add("message", message)
        members.add("delta", delta)
        members.add("finish_reason", finishReason)
        return members.object(then: additionalFields)
    }
}

/// Token usage a server reports.
public struct Usage: WireObject {
    /// Tokens of the prompt (messages, tools, response format).
    public var promptTokens: Int
    /// Tokens generated (including reasoning tokens).
    public var completionTokens: Int?
    /// Their sum.
    public var totalTokens: Int?
    /// Details (`prompt_tokens_details`, `completion_tokens_details`, …).
    public var additionalFields: [JSONMember]

    /// Creates usage.
    public init(promptTokens: Int, completionTokens: Int?, totalTokens: Int? = nil, additionalFields: [JSONMember] = []) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens ?? completionTokens.map { promptTokens + $0 }
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        guard let prompt = try fields.int("prompt_tokens") else {
            throw WireError(path: fields.childPath("prompt_tokens"), reason: "required")
        }
        promptTokens = prompt
        completionTokens = try fields.int("completion_tokens")
        totalTokens = try fields.int("total_tokens")
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("prompt_tokens", promptTokens)
        members.add("completion_tokens", completionTokens)
        members.add("total_tokens", totalTokens)
        return members.object(then: additionalFields)
    }
}
