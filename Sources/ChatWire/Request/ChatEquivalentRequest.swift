/// A request body of an API other than chat completions (`ResponsesRequest`, `MessagesRequest`)
/// that can be written as the chat-completions request with the same conversation: what the
/// replay server counts for the context cliff and what the estimators measure.
public protocol ChatEquivalentRequest: WireObject {
    /// `model`.
    var model: String? { get }
    /// Whether the answer is streamed.
    var stream: Bool { get }
    /// The output budget the request asks for (`max_output_tokens`, `max_tokens`).
    var outputBudget: Int? { get }
    /// The chat-completions request with the same conversation; throws naming what has no chat form.
    func chatEquivalent() throws(WireError) -> ChatCompletionRequest
}

extension WireAPI {
    /// `json` read as this API's request (nil for chat completions, whose type is
    /// `ChatCompletionRequest` itself); throws when it is not one.
    public func request(json: JSONValue) throws(WireError) -> (any ChatEquivalentRequest)? {
        switch self {
        case .chatCompletions: nil
        case .responses: try ResponsesRequest(json: json, path: "")
        case .messages: try MessagesRequest(json: json, path: "")
        }
    }
}
