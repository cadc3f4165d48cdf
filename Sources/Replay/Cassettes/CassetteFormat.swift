import ChatWire
import Files

/// DocHarness's own cassette format: one pretty-printed JSON file per suite, the envelope's keys in
/// sorted order so diffs read well, JSON bodies kept as JSON in the order they were sent (the order
/// is part of a request: a JSON schema's property order changes its token count and the order a
/// model fills it in), event streams kept event by event with their timing.
///
/// ```json
/// {
///   "docharness_cassette": 1,
///   "interactions": [
///     {
///       "duration_ms": 812.4,
///       "recorded_at": "2026-11-23T15:04:05Z",
///       "request": {"body": {…}, "headers": {…}, "method": "POST", "path": "/v1/chat/completions"},
///       "response": {"body": {…}, "headers": {…}, "status": 200}
///     }
///   ]
/// }
/// ```
/// A body that is not JSON is `body_text` (or `body_base64` when not UTF-8); a streamed response
/// has `events` (`data`, optional `event`, `delay_ms`) instead of `body`.
public enum CassetteFormat {
    /// The format version written in every file.
    public static let version = 1
    /// The member that marks a file as ours.
    public static let marker = "docharness_cassette"

    /// The file's text for a cassette (headers named in `redaction` are never written).
    public static func encode(_ cassette: Cassette, redaction: HeaderRedaction = .standard) -> [UInt8] {
        let document = JSONValue.object([
            JSONMember(marker, .integer(version)),
            JSONMember("interactions", .array(cassette.interactions.map { interactionJSON($0, redaction: redaction) })),
        ])
        var bytes = JSONWriter.bytes(document, layout: .pretty)
        bytes.append(0x0A)
        return bytes
    }

    /// Reads our format from a parsed document; `lines` are the start lines of the interactions.
    static func decode(_ document: JSONValue, lines: [Int], file: String) throws(CassetteError) -> Cassette {
        guard let version = document[marker]?.intValue else {
            throw CassetteError(file: file, line: 1, reason: "not a DocHarness cassette: no \"\(marker)\" member", fix: "record it with `docharness serve --record`")
        }
        guard version <= Self.version else {
            throw CassetteError(file: file, line: 1, reason: "cassette format \(version) is newer than this docharness reads (\(Self.version))", fix: "update docharness")
        }
        guard let elements = document["interactions"]?.arrayValue else {
            throw CassetteError(file: file, line: 1, reason: "\"interactions\" must be an array", fix: "write {\"version\": 1, \"interactions\": [{\"request\": {\"method\", \"path\", \"body\"}, \"response\": {\"status\", \"headers\", \"body\"}}]}, or re-record it with `docharness serve --record`")
        }
        var interactions: [Interaction] = []
        for (index, element) in elements.enumerated() {
            let line = index < lines.count ? lines[index] : nil
            do {
                interactions.append(try interaction(element))
            } catch {
                throw CassetteError(file: file, line: line, reason: "interactions[\(index)].\(error.path): \(error.reason)", fix: "write {\"version\": 1, \"interactions\": [{\"request\": {\"method\", \"path\", \"body\"}, \"response\": {\"status\", \"headers\", \"body\"}}]}, or re-record it with `docharness serve --record`")
            }
        }
        return Cassette(path: file, interactions: interactions, lines: lines.map(Optional.some))
    }

    private static func interactionJSON(_ interaction: Interaction, redaction: HeaderRedaction) -> JSONValue {
        // Envelope members in sorted order (body, body_base64, body_text, events < headers < method…).
        let request = bodyMembers(interaction.request.body) + [
            JSONMember("headers", headersJSON(redaction.redact(interaction.request.headers))),
            JSONMember("method", .string(interaction.request.method)),
            JSONMember("path", .string(interaction.request.path)),
        ]
        let response = bodyMembers(interaction.response.body) + [
            JSONMember("headers", headersJSON(redaction.redact(interaction.response.headers))),
            JSONMember("status", .integer(interaction.response.status)),
        ]
        var members: [JSONMember] = []
        if let duration = interaction.durationMilliseconds { members.append(JSONMember("duration_ms", .double(rounded(duration)))) }
        if let recordedAt = interaction.recordedAt { members.append(JSONMember("recorded_at", .string(recordedAt))) }
        members += [JSONMember("request", .object(request)), JSONMember("response", .object(response))]
        return .object(members)
    }

    private static func rounded(_ milliseconds: Double) -> Double {
        (milliseconds * 10).rounded() / 10
    }

    private static func headersJSON(_ headers: HeaderFields) -> JSONValue {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for field in headers {
            let name = field.name.lowercased()
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(field.value)
        }
        return .object(order.sorted().map { name in
            let list = values[name]!
            return JSONMember(name, list.count == 1 ? .string(list[0]) : .array(list.map(JSONValue.string)))
        })
    }

    private static func bodyMembers(_ body: RecordedBody) -> [JSONMember] {
        switch body {
        case .empty: return []
        case .json(let value): return [JSONMember("body", value)]
        case .text(let text): return [JSONMember("body_text", .string(text))]
        case .bytes(let bytes): return [JSONMember("body_base64", .string(Base64.encode(bytes)))]
        case .events(let events):
            return [JSONMember("events", .array(events.map { event in
                var members = [JSONMember("data", .string(event.data))]
                if let delay = event.delayMilliseconds { members.append(JSONMember("delay_ms", .double(rounded(delay)))) }
                if let name = event.event { members.append(JSONMember("event", .string(name))) }
                return .object(members)
            }))]
        }
    }

    private static func interaction(_ value: JSONValue) throws(WireError) -> Interaction {
        guard let request = value["request"] else { throw WireError(path: "request", reason: "required") }
        guard let response = value["response"] else { throw WireError(path: "response", reason: "required") }
        guard let method = request["method"]?.stringValue else { throw WireError(path: "request.method", reason: "required: a string") }
        guard let path = request["path"]?.stringValue else { throw WireError(path: "request.path", reason: "required: a string such as \"/v1/chat/completions\"") }
        guard let status = response["status"]?.intValue else { throw WireError(path: "response.status", reason: "required: an integer") }
        guard RecordedResponse.validStatuses.contains(status) else {
            throw WireError(path: "response.status", reason: "\(status) is not an HTTP status code (100–599)")
        }
        return Interaction(
            request: RecordedRequest(method: method, path: path, headers: try headers(request["headers"], path: "request.headers"), body: try body(request, path: "request")),
            response: RecordedResponse(status: status, headers: try headers(response["headers"], path: "response.headers"), body: try body(response, path: "response")),
            recordedAt: value["recorded_at"]?.stringValue,
            durationMilliseconds: value["duration_ms"]?.doubleValue
        )
    }

    private static func headers(_ value: JSONValue?, path: String) throws(WireError) -> HeaderFields {
        guard let value, !value.isNull else { return HeaderFields() }
        guard let members = value.objectMembers else { throw WireError(path: path, reason: "expected an object of header names") }
        var headers = HeaderFields()
        for member in members {
            switch member.value {
            case .string(let text): headers.append(member.key, text)
            case .array(let list):
                for item in list {
                    guard let text = item.stringValue else { throw WireError(path: path + "." + member.key, reason: "expected strings") }
                    headers.append(member.key, text)
                }
            default: throw WireError(path: path + "." + member.key, reason: "expected a string or an array of strings")
            }
        }
        return headers
    }

    private static func body(_ value: JSONValue, path: String) throws(WireError) -> RecordedBody {
        if let json = value["body"] { return .json(json) }
        if let text = value["body_text"] {
            guard let text = text.stringValue else { throw WireError(path: path + ".body_text", reason: "expected a string") }
            return .text(text)
        }
        if let encoded = value["body_base64"] {
            guard let text = encoded.stringValue, let bytes = Base64.decode(text) else { throw WireError(path: path + ".body_base64", reason: "expected base64 text") }
            return .bytes(bytes)
        }
        if let list = value["events"] {
            guard let elements = list.arrayValue else { throw WireError(path: path + ".events", reason: "expected an array") }
            var events: [ServerSentEvent] = []
            for (index, element) in elements.enumerated() {
                guard let data = element["data"]?.stringValue else { throw WireError(path: path + ".events[\(index)].data", reason: "required: a string") }
                events.append(ServerSentEvent(event: element["event"]?.stringValue, data: data, delayMilliseconds: element["delay_ms"]?.doubleValue))
            }
            return .events(events)
        }
        return .empty
    }
}
