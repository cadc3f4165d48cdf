import ChatWire
import Replay

/// A request as the replay service sees it, independent of the HTTP library.
public struct ServerRequest: Sendable {
    /// The method.
    public var method: String
    /// The path with its query.
    public var path: String
    /// The headers.
    public var headers: HeaderFields
    /// The body bytes (empty when too large).
    public var body: [UInt8]
    /// Whether the body was over the size limit (and not read).
    public var bodyTooLarge: Bool

    /// Creates a request.
    public init(method: String, path: String, headers: HeaderFields = HeaderFields(), body: [UInt8] = [], bodyTooLarge: Bool = false) {
        self.method = method.uppercased()
        self.path = path
        self.headers = headers
        self.body = body
        self.bodyTooLarge = bodyTooLarge
    }
}

/// The answer to send.
public struct ServerAnswer: Sendable {
    /// The status.
    public var status: Int
    /// The headers.
    public var headers: HeaderFields
    /// The body.
    public var body: AnswerBody

    /// Creates an answer.
    public init(status: Int, headers: HeaderFields = HeaderFields(), body: AnswerBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer.
    static func json(_ status: Int, _ value: JSONValue, headers: HeaderFields = HeaderFields()) -> ServerAnswer {
        var headers = headers
        headers.append("content-type", "application/json")
        return ServerAnswer(status: status, headers: headers, body: .bytes(JSONWriter.bytes(value)))
    }

    /// An OpenAI-shaped error.
    static func error(_ status: Int, _ error: APIError, headers: HeaderFields = HeaderFields()) -> ServerAnswer {
        json(status, error.json, headers: headers)
    }
}

/// How the body goes out.
public enum AnswerBody: Sendable {
    /// All at once.
    case bytes([UInt8])
    /// A server-sent-event stream: each event flushed on its own; paced by the recorded delays
    /// when `paced`; the connection closed after `dropAfter` events when set.
    case events([ServerSentEvent], paced: Bool, dropAfter: Int?)
    /// The first bytes of a body, then the connection closed (a dropped connection).
    case truncated([UInt8], declaredLength: Int)
}

/// Thrown by a response body to cut the connection (an injected drop).
public struct InjectedConnectionDrop: Error, Sendable {}
