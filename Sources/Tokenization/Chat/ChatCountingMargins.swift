import ChatWire

/// What `chat+margin` adds to the `chat` count, per request class: the largest under-estimate
/// `chat` made on projects it was not fitted to (leave-one-project-out), so that an estimate with
/// the margin is allowed to be high but is not lower than the server's count on traffic like the
/// recorded one. docs/token-counting.md gives the derivation and the check on each project left out.
public struct ChatCountingMargins: Sendable, Hashable, Codable {
    /// Plain requests: text messages only.
    public var plain: Int
    /// Requests that define tools or functions.
    public var tools: Int
    /// Requests with a non-text response format and no tools.
    public var responseFormat: Int
    /// Other requests without tools: tool-call history, content parts, a predicted output or
    /// audio output.
    public var other: Int

    /// Creates margins.
    public init(plain: Int, tools: Int, responseFormat: Int, other: Int) {
        self.plain = plain
        self.tools = tools
        self.responseFormat = responseFormat
        self.other = other
    }

    /// The margin of a class.
    public func margin(for requestClass: ChatCountingClass) -> Int {
        switch requestClass {
        case .plain: plain
        case .tools: tools
        case .responseFormat: responseFormat
        case .other: other
        }
    }

    /// "plain 0, tools 22, response_format 5, other 19 tokens".
    public var summary: String {
        "plain \(plain), tools \(tools), response_format \(responseFormat), other \(other) tokens"
    }

    /// The margins fitted for an API's requests (see `ChatCountingConstants.fitted(for:)`).
    public static func fitted(for api: WireAPI) -> Self {
        switch api {
        case .chatCompletions: fitted
        case .responses: responsesFitted
        case .messages: messagesFitted
        }
    }

    /// The margins `docharness bench estimators --fit` derives from the Responses API requests.
    public static let responsesFitted = Self(plain: 18, tools: 217, responseFormat: 0, other: 14)

    /// The margins `docharness bench estimators --fit` derives from the Messages API requests:
    /// large, because Claude's tokenizer is stood in for and splits some text very differently
    /// (a system prompt of one repeated word was 2,073 tokens, about twice the estimate).
    public static let messagesFitted = Self(plain: 1021, tools: 2788, responseFormat: 130, other: 1195)

    /// The margins `docharness bench estimators --fit` derives from both data folders.
    public static let fitted = Self(plain: 0, tools: 22, responseFormat: 5, other: 19)
}

/// The classes chat counting is measured and margined by.
public enum ChatCountingClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Text messages only: no tools, no response format, no tool-call history, no content parts,
    /// no predicted output, no audio output.
    case plain
    /// The request defines tools or functions.
    case tools
    /// A non-text response format, no tools.
    case responseFormat = "response_format"
    /// Tool-call history, content parts, a predicted output or audio output, without tools.
    case other
}
