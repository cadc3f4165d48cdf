import ChatWire

/// What chat-format counting needs to know of a chat-completions request:
/// `ChatPrompt(request:model:)` makes it from a wire request, and the counters read only this.
public struct ChatPrompt: Sendable, Hashable {
    /// The model the request is for (its encoding and its counting rule depend on it).
    public var model: String
    /// The messages, in order.
    public var messages: [ChatPromptMessage]
    /// Whether the request defines tools or functions (not yet counted; see docs/token-counting.md).
    public var hasTools: Bool
    /// Whether the request asks for a JSON schema or JSON object response.
    public var hasResponseFormat: Bool
    /// The text tool and function definitions are counted as (`namespace functions { … }`,
    /// docs/token-counting.md), when the request defines any.
    public var functionsText: String?
    /// Tool calls in the assistant messages of the history.
    public var toolCallCount = 0
    /// The class the prompt is measured and margined in (`ChatCountingMargins`).
    public var countingClass: ChatCountingClass
    /// The function `tool_choice` (or `function_call`) names, which the server writes into the
    /// reply's header.
    public var forcedFunction: String?
    /// Whether `tool_choice` is `required`.
    public var toolChoiceRequired = false
    /// Assistant messages of the history that made several tool calls at once.
    public var parallelToolCallTurns = 0
    /// The text a JSON schema response format is counted as (docs/token-counting.md), when the
    /// request has one.
    public var responseFormatText: String?
    /// The wire request it was made from, for counters that render a chat template over its
    /// messages and tools as sent (`ChatTemplateCounter`); nil for a prompt made by hand.
    public var request: ChatCompletionRequest?
    /// The API the request goes to (its chat form when not chat completions): the fitted
    /// constants and margins are the API's own (`ChatCountingConstants.fitted(for:)`).
    public var api: WireAPI = .chatCompletions

    /// Creates a prompt.
    public init(model: String, messages: [ChatPromptMessage], hasTools: Bool = false, hasResponseFormat: Bool = false) {
        self.model = model
        self.messages = messages
        self.hasTools = hasTools
        self.hasResponseFormat = hasResponseFormat
        countingClass = hasTools ? .tools : hasResponseFormat ? .responseFormat : .plain
    }
}

extension ChatPrompt {
    /// What a text-only estimator sees: each message's role, name and text, joined by newlines.
    public var plainText: String {
        messages.map { ([$0.role] + ($0.name.map { [$0] } ?? []) + $0.text).joined(separator: "\n") }.joined(separator: "\n")
    }
}

/// One message of a prompt.
public struct ChatPromptMessage: Sendable, Hashable {
    /// `system`, `developer`, `user`, `assistant`, `tool`.
    public var role: String
    /// The text parts of the content (a plain string content is one part).
    public var text: [String]
    /// The optional `name`.
    public var name: String?
    /// Who the server writes in the role's place, when not the role: a tool result is written as
    /// coming from `functions.NAME`.
    public var author: String?
    /// Whether the content has parts that are not text (images, audio): they cannot be counted here.
    public var hasNonTextParts: Bool

    /// Creates a message.
    public init(role: String, text: [String], name: String? = nil, author: String? = nil, hasNonTextParts: Bool = false) {
        self.role = role
        self.author = author
        self.text = text
        self.name = name
        self.hasNonTextParts = hasNonTextParts
    }
}
