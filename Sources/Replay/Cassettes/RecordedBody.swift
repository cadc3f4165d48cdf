import ChatWire

/// A request or response body as a cassette keeps it: JSON (so diffs read well), text, bytes
/// that are not UTF-8, or the events of a server-sent-event stream.
public enum RecordedBody: Sendable, Hashable {
    /// No body.
    case empty
    /// A JSON document, members in their recorded order.
    case json(JSONValue)
    /// Text that is not JSON.
    case text(String)
    /// Bytes that are not UTF-8.
    case bytes([UInt8])
    /// A `text/event-stream` body, event by event.
    case events([ServerSentEvent])

    /// Classifies decoded body bytes: an event stream, JSON, text or bytes.
    public init(decoded bytes: [UInt8]) {
        if bytes.isEmpty {
            self = .empty
            return
        }
        if let value = try? JSONParser.parse(bytes) {
            self = .json(value)
            return
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            self = .bytes(bytes)
            return
        }
        if ServerSentEventParser.looksLikeEventStream(text) {
            self = .events(ServerSentEventParser.events(in: text))
        } else {
            self = .text(text)
        }
    }

    /// The bytes to send: compact JSON, the text, the bytes, or the events in wire form.
    public var wireBytes: [UInt8] {
        switch self {
        case .empty: return []
        case .json(let value): return JSONWriter.bytes(value)
        case .text(let text): return Array(text.utf8)
        case .bytes(let bytes): return bytes
        case .events(let events): return Array(events.map(\.wireText).joined().utf8)
        }
    }

    /// The JSON value, when the body is JSON.
    public var jsonValue: JSONValue? {
        if case .json(let value) = self { return value }
        return nil
    }

    /// Whether the body is an event stream.
    public var isEventStream: Bool {
        if case .events = self { return true }
        return false
    }

    /// The `usage` the body reports: the JSON body's, or the last event's that has one.
    public var usage: Usage? {
        switch self {
        case .json(let value):
            return value["usage"].flatMap { try? Usage(json: $0) }
        case .events(let events):
            for event in events.reversed() where !event.isDone {
                if let value = try? JSONParser.parse(event.data), let usage = value["usage"], !usage.isNull {
                    return try? Usage(json: usage)
                }
            }
            return nil
        default: return nil
        }
    }
}
