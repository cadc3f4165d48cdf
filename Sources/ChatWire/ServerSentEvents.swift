/// One server-sent event as a chat-completions stream carries it: usually one `data:` line (a
/// chunk's JSON, or `[DONE]`), sometimes with `event:`/`id:` fields or comments.
public struct ServerSentEvent: Sendable, Hashable, Codable {
    /// The `event:` field, if any.
    public var event: String?
    /// The data: the `data:` lines joined by newlines.
    public var data: String
    /// Milliseconds after the previous event the recorder saw it (nil when not recorded).
    public var delayMilliseconds: Double?

    /// Creates an event.
    public init(event: String? = nil, data: String, delayMilliseconds: Double? = nil) {
        self.event = event
        self.data = data
        self.delayMilliseconds = delayMilliseconds
    }

    /// Whether this is the `[DONE]` terminator.
    public var isDone: Bool { data == "[DONE]" }

    /// The event's type: the `event:` field, else the data's JSON `type` (Responses and Messages
    /// events carry both; chat chunks neither).
    public var type: String? {
        if let event { return event }
        guard data.hasPrefix("{"), let value = try? JSONParser.parse(Array(data.utf8)) else { return nil }
        return value["type"]?.stringValue
    }

    /// Whether this event ends a complete answer of one of the three APIs: chat's `[DONE]`, the
    /// Messages API's `message_stop`, the Responses API's `response.completed` or
    /// `response.incomplete` (stopped by a limit, still an answer). `error`, `response.failed` and
    /// a stream cut short end none.
    public var completesStream: Bool {
        if data.split(whereSeparator: { $0 == " " || $0 == "\t" }) == ["[DONE]"] { return true }
        switch type {
        case "message_stop", "response.completed", "response.incomplete": return true
        default: return false
        }
    }

    /// The event in wire form, ending with the blank line: `data: {...}\n\n`.
    public var wireText: String {
        var text = ""
        if let event { text += "event: \(event)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        return text + "\n"
    }

    enum CodingKeys: String, CodingKey {
        case event, data
        case delayMilliseconds = "delay_ms"
    }
}

/// Splits a `text/event-stream` body into events, as the WHATWG parser does: fields per line,
/// events at blank lines, comments (`:`) ignored, CR/LF/CRLF accepted.
public enum ServerSentEventParser {
    /// The events of a whole body.
    public static func events(in body: String) -> [ServerSentEvent] {
        var stream = ServerSentEventStream()
        return stream.feed(body.utf8) + stream.finish()
    }

    /// Whether a body looks like an event stream (its first non-blank line is a `data:` or
    /// `event:` field).
    public static func looksLikeEventStream(_ body: String) -> Bool {
        let start = body.drop(while: { $0 == "\n" || $0 == "\r" || $0 == " " })
        return start.hasPrefix("data:") || start.hasPrefix("event:")
    }
}

/// The incremental form of `ServerSentEventParser`: bytes go in as they arrive (a network chunk
/// may end anywhere, even between CR and LF), complete events come out.
public struct ServerSentEventStream: Sendable {
    private var line: [UInt8] = []
    private var afterCarriageReturn = false
    private var data: [String] = []
    private var event: String?
    private var sawData = false

    /// An empty stream.
    public init() {}

    /// Adds bytes; returns the events they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var completed: [ServerSentEvent] = []
        for byte in bytes {
            if afterCarriageReturn {
                afterCarriageReturn = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0D:
                afterCarriageReturn = true
                endLine(into: &completed)
            case 0x0A:
                endLine(into: &completed)
            default:
                line.append(byte)
            }
        }
        return completed
    }

    /// Ends the stream: the last event, if it was not followed by a blank line.
    public mutating func finish() -> [ServerSentEvent] {
        var completed: [ServerSentEvent] = []
        if !line.isEmpty { endLine(into: &completed) }
        dispatch(into: &completed)
        return completed
    }

    private mutating func endLine(into completed: inout [ServerSentEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            dispatch(into: &completed)
            return
        }
        if line[0] == UInt8(ascii: ":") { return }
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "data":
            data.append(String(value))
            sawData = true
        case "event": event = String(value)
        default: break
        }
    }

    private mutating func dispatch(into completed: inout [ServerSentEvent]) {
        if sawData { completed.append(ServerSentEvent(event: event, data: data.joined(separator: "\n"))) }
        data = []
        event = nil
        sawData = false
    }
}
