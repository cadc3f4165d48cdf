/// One message of a conversation (also the `message` of a response choice and, with every field
/// optional, the `delta` of a stream chunk).
public struct ChatMessage: WireObject {
    /// `system`, `developer`, `user`, `assistant`, `tool` or `function` (nil in most stream deltas).
    public var role: String?
    /// The content: text, parts, or nil (`null` or absent).
    public var content: MessageContent?
    /// The optional participant name.
    public var name: String?
    /// Tool calls an assistant message made.
    public var toolCalls: [ToolCall]?
    /// For a `tool` message, the call it answers.
    public var toolCallID: String?
    /// The legacy `function_call` of an assistant message.
    public var functionCall: FunctionCall?
    /// Every other field (`refusal`, `audio`, `annotations`…), in order.
    public var additionalFields: [JSONMember]
    /// Whether `content` was present as `null` (kept so the message is written back the same).
    public var contentIsExplicitNull: Bool

    /// Creates a message.
    public init(
        role: String?, content: MessageContent? = nil, name: String? = nil, toolCalls: [ToolCall]? = nil,
        toolCallID: String? = nil, functionCall: FunctionCall? = nil, additionalFields: [JSONMember] = []
    ) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.functionCall = functionCall
        self.additionalFields = additionalFields
        self.contentIsExplicitNull = false
    }

    /// A text message.
    public static func text(_ role: String, _ text: String) -> ChatMessage {
        ChatMessage(role: role, content: .text(text))
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        role = try fields.string("role")
        let content = fields.take("content")
        contentIsExplicitNull = content?.isNull == true
        self.content = try content.flatMap { value throws(WireError) in
            try MessageContent(json: value, path: fields.childPath("content"))
        }
        name = try fields.string("name")
        toolCalls = try fields.array("tool_calls", of: ToolCall.self)
        toolCallID = try fields.string("tool_call_id")
        functionCall = try fields.object("function_call", as: FunctionCall.self)
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("role", role)
        members.add("content", content?.json ?? (contentIsExplicitNull ? .null : nil))
        members.add("name", name)
        members.add("tool_calls", toolCalls)
        members.add("tool_call_id", toolCallID)
        members.add("function_call", functionCall)
        return members.object(then: additionalFields)
    }

    /// The text of the content: the string, or the text parts joined by newlines.
    public var text: String {
        switch content {
        case .text(let text): return text
        case .parts(let parts): return parts.compactMap(\.text).joined(separator: "\n")
        case nil: return ""
        }
    }
}

/// A message's content: a string or a list of parts.
public enum MessageContent: Sendable, Hashable {
    /// Plain text.
    case text(String)
    /// Parts: text, images, audio, files.
    case parts([ContentPart])

    init?(json: JSONValue, path: String) throws(WireError) {
        switch json {
        case .null: return nil
        case .string(let text): self = .text(text)
        case .array(let elements):
            var parts: [ContentPart] = []
            for (index, element) in elements.enumerated() {
                parts.append(try ContentPart(json: element, path: path + "[\(index)]"))
            }
            self = .parts(parts)
        default: throw WireError(path: path, reason: "expected a string, an array of parts or null")
        }
    }

    var json: JSONValue {
        switch self {
        case .text(let text): return .string(text)
        case .parts(let parts): return .array(parts.map(\.json))
        }
    }
}

/// One part of a multi-part content: `text`, `image_url`, `input_audio`, `file`, `refusal`…
public struct ContentPart: WireObject {
    /// The part's type.
    public var type: String
    /// The text of a `text` (or `refusal`) part.
    public var text: String?
    /// The other fields (`image_url`, `input_audio`, …).
    public var additionalFields: [JSONMember]

    /// Creates a part.
    public init(type: String, text: String? = nil, additionalFields: [JSONMember] = []) {
        self.type = type
        self.text = text
        self.additionalFields = additionalFields
    }

    public init(json: JSONValue, path: String) throws(WireError) {
        var fields = try WireFields(json, path: path)
        type = try fields.requiredString("type")
        text = try fields.string("text")
        additionalFields = fields.rest
    }

    public var json: JSONValue {
        var members = WireMembers()
        members.add("type", type)
        members.add("text", text)
        return members.object(then: additionalFields)
    }
}
