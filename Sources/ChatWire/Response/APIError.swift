/// OpenAI's error body: `{"error": {"message", "type", "param", "code"}}`. Azure uses the same.
public struct APIError: WireObject, Error {
    /// What went wrong, for a person.
    public var message: String
    /// `invalid_request_error`, `rate_limit_error` (Azure: `requests`/`tokens`), `server_error`, …
    public var type: String?
    /// The request field at fault, if one.
    public var param: String?
    /// A machine code: `context_length_exceeded`, `rate_limit_exceeded`, …
    public var code: String?
    /// Other fields inside `error`.
    public var additionalFields: [JSONMember]

    /// Creates an error.
    public init(message: String, type: String?, param: String? = nil, code: String? = nil, additionalFields: [JSONMember] = []) {
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var outer = try WireFields(json, path: path)
        guard let inner = outer.take("error") else { throw WireError(path: path, reason: "expected an \"error\" member") }
        var fields = try WireFields(inner, path: outer.childPath("error"))
        message = try fields.string("message") ?? ""
        type = try fields.string("type")
        param = try fields.string("param")
        code = fields.take("code").flatMap { $0.stringValue ?? ($0.isNull ? nil : $0.description) }
        additionalFields = fields.rest
    }

    /// The body, with `param` and `code` written as `null` when absent, as OpenAI does.
    public var json: JSONValue {
        var members = WireMembers()
        members.add("message", message)
        members.add("type", type.map(JSONValue.string) ?? .null)
        members.add("param", param.map(JSONValue.string) ?? .null)
        members.add("code", code.map(JSONValue.string) ?? .null)
        return .object([JSONMember("error", members.object(then: additionalFields))])
    }

    /// OpenAI's message for a request over the model's context window.
    /// The context-window error as the API of the request words it: chat completions' (below),
    /// the Responses API's (`context_length_exceeded`, no counts), or Anthropic's ("prompt is too
    /// long: N tokens > W maximum"; `ReplayService.shaped` gives it Anthropic's envelope).
    public static func contextLengthExceeded(window: Int, messageTokens: Int, completionTokens: Int?, api: WireAPI) -> APIError {
        switch api {
        case .chatCompletions:
            return contextLengthExceeded(window: window, messageTokens: messageTokens, completionTokens: completionTokens)
        case .responses:
            return APIError(message: "Your input exceeds the context window of this model. Please adjust your input and try again.",
                            type: "invalid_request_error", param: "input", code: "context_length_exceeded")
        case .messages:
            return APIError(message: "prompt is too long: \(messageTokens + (completionTokens ?? 0)) tokens > \(window) maximum", type: "invalid_request_error")
        }
    }

    public static func contextLengthExceeded(window: Int, messageTokens: Int, completionTokens: Int?) -> APIError {
        let message: String
        if let completionTokens {
            message = "This model's maximum context length is \(window) tokens. However, you requested "
                + "\(messageTokens + completionTokens) tokens (\(messageTokens) in the messages, \(completionTokens) in the completion). "
                + "Please reduce the length of the messages or completion."
        } else {
            message = "This model's maximum context length is \(window) tokens. However, your messages resulted in "
                + "\(messageTokens) tokens. Please reduce the length of the messages."
        }
        return APIError(message: message, type: "invalid_request_error", param: "messages", code: "context_length_exceeded")
    }
}
