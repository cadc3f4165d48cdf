/// A `POST …/chat/completions` request body.
///
/// The fields DocHarness reads are typed; every other field (`temperature`, `seed`, `logprobs`,
/// vendor extensions…) is kept in `additionalFields`, so a request read and written again is the
/// same JSON value.
public struct ChatCompletionRequest: WireObject {
    /// The model (OpenAI) or nil (Azure, where the deployment names it; some clients send `null`).
    public var model: String?
    /// The conversation.
    public var messages: [ChatMessage]
    /// Tool definitions.
    public var tools: [ChatTool]?
    /// The legacy `functions` definitions.
    public var functions: [FunctionDefinition]?
    /// `tool_choice`, as sent (`"auto"`, `"none"`, `"required"` or an object).
    public var toolChoice: JSONValue?
    /// `response_format`.
    public var responseFormat: ResponseFormat?
    /// Whether the answer is streamed as server-sent events.
    public var stream: Bool?
    /// `stream_options` (`include_usage`).
    public var streamOptions: StreamOptions?
    /// `max_tokens` (older models and Azure).
    public var maxTokens: Int?
    /// `max_completion_tokens` (reasoning models; replaces `max_tokens`).
    public var maxCompletionTokens: Int?
    /// `n`, the number of choices.
    public var choiceCount: Int?
    /// Every other field, in its original order.
    public var additionalFields: [JSONMember]

    /// Creates a request.
    public init(
        model: String?, messages: [ChatMessage], tools: [ChatTool]? = nil, functions: [FunctionDefinition]? = nil,
        toolChoice: JSONValue? = nil, responseFormat: ResponseFormat? = nil, stream: Bool? = nil,
        streamOptions: StreamOptions? = nil, maxTokens: Int? = nil, maxCompletionTokens: Int? = nil,
        choiceCount: Int? = nil, additionalFields: [JSONMember] = []
    ) {
        self.model = model
        self.messages = messages
        self.tools = tools
        self.functions = functions
        self.toolChoice = toolChoice
        self.responseFormat = responseFormat
        self.stream = stream
        self.streamOptions = streamOptions
        self.maxTokens = maxTokens
        self.maxCompletionTokens = maxCompletionTokens
        self.choiceCount = choiceCount
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        model = try fields.string("model")
        guard let messages = try fields.array("messages", of: ChatMessage.self) else {
            throw WireError(path: fields.childPath("messages"), reason: "required: the conversation, an array of messages")
        }
        self.messages = messages
        tools = try fields.array("tools", of: ChatTool.self)
        functions = try fields.array("functions", of: FunctionDefinition.self)
        toolChoice = fields.take("tool_choice")
        responseFormat = try fields.object("response_format", as: ResponseFormat.self)
        stream = try fields.bool("stream")
        streamOptions = try fields.object("stream_options", as: StreamOptions.self)
        maxTokens = try fields.int("max_tokens")
        maxCompletionTokens = try fields.int("max_completion_tokens")
        choiceCount = try fields.int("n")
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("model", model)
        members.add("messages", messages)
        members.add("tools", tools)
        members.add("functions", functions)
        members.add("tool_choice", toolChoice)
        members.add("response_format", responseFormat)
        members.add("stream", stream)
        members.add("stream_options", streamOptions)
        members.add("max_tokens", maxTokens)
        members.add("max_completion_tokens", maxCompletionTokens)
        members.add("n", choiceCount)
        return members.object(then: additionalFields)
    }

    /// The completion budget the request asks for: `max_completion_tokens`, else `max_tokens`.
    public var completionBudget: Int? { maxCompletionTokens ?? maxTokens }

    /// Whether the streamed answer must end with a usage chunk.
    public var includesStreamUsage: Bool { stream == true && streamOptions?.includeUsage == true }
}
