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
    /// The events of a body.
    public static func events(in body: String) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        var data: [Substring] = []
        var event: String?
        var sawData = false
        func dispatch() {
            if sawData { events.append(ServerSentEvent(event: event, data: data.joined(separator: "\n"))) }
            data = []
            event = nil
            sawData = false
        }
        let normalized = body.contains("\r") ? body.replacing("\r\n", with: "\n").replacing("\r", with: "\n") : body
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                dispatch()
                continue
            }
            if line.hasPrefix(":") { continue }
            let field: Substring
            var value: Substring
            if let colon = line.firstIndex(of: ":") {
                field = line[..<colon]
                value = line[line.index(after: colon)...]
                if value.hasPrefix(" ") { value = value.dropFirst() }
            } else {
                field = line
                value = ""
            }
            switch field {
            case "data":
                data.append(value)
                sawData = true
            case "event": event = String(value)
            default: break
            }
        }
        dispatch()
        return events
    }

    /// Whether a body looks like an event stream (its first non-blank line is a `data:` or
    /// `event:` field).
    public static func looksLikeEventStream(_ body: String) -> Bool {
        let start = body.drop(while: { $0 == "\n" || $0 == "\r" || $0 == " " })
        return start.hasPrefix("data:") || start.hasPrefix("event:")
    }
}
