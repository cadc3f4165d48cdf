import ChatWire
import Replay

/// A recording (chat completions, Responses, Messages) served to a request that asks for the other form — JSON recorded, `stream:
/// true` asked, or the reverse — which only happens when `stream` is left out of matching
/// (`--ignore-field stream`). Without `--convert-streams` such a request is refused with a 400
/// that says why (the SDK would otherwise read zero chunks, silently); with it the recording is
/// converted (`ChatStreamConversion`, `ResponsesStreamConversion`,
/// `MessagesStreamConversion`).
enum StreamForm {
    /// What to serve.
    enum Decision {
        /// The recording as it is.
        case unchanged
        /// The recording in the other form: the response (headers kept) and its body bytes.
        case converted(RecordedResponse, [UInt8])
        /// An error for the client.
        case refused(APIError)
    }

    static func reconcile(_ response: RecordedResponse, body: [UInt8], stream: ReplayService.StreamRequest, label: String, converting: Bool) -> Decision {
        guard (200 ..< 300).contains(response.status) else { return .unchanged }
        let recordedAsStream: Bool
        switch response.body {
        case .events: recordedAsStream = true
        case .json: recordedAsStream = false
        default: return .unchanged
        }
        guard recordedAsStream != stream.stream else { return .unchanged }
        guard converting else {
            let recorded = recordedAsStream ? "a stream (`stream: true`)" : "a JSON answer (no `stream`)"
            let asked = stream.stream ? "`stream: true`" : "no stream"
            return .refused(APIError(
                message: "DocHarness replay: the recording \(label) is \(recorded), and this request asks for \(asked); it matched only because `stream` is left out of matching. Record the request as it is sent, or start the server with --convert-streams to serve the recording converted.",
                type: "invalid_request_error", code: "stream_mismatch"))
        }
        var converted = response
        do {
            switch (response.body, stream.api) {
            case (.json(let value), .chatCompletions):
                converted.body = .events(try ChatStreamConversion.events(from: value, includeUsage: stream.includeUsage))
            case (.events(let events), .chatCompletions):
                converted.body = .json(try ChatStreamConversion.completion(from: events))
            case (.json(let value), .responses):
                converted.body = .events(try ResponsesStreamConversion.events(from: value))
            case (.events(let events), .responses):
                converted.body = .json(try ResponsesStreamConversion.response(from: events))
            case (.json(let value), .messages):
                converted.body = .events(try MessagesStreamConversion.events(from: value))
            case (.events(let events), .messages):
                converted.body = .json(try MessagesStreamConversion.message(from: events))
            default:
                return .unchanged
            }
        } catch {
            return .refused(APIError(message: "DocHarness replay: the recording \(label) cannot be converted for this request: \(error.description).",
                                     type: "invalid_request_error", code: "stream_mismatch"))
        }
        converted.headers.remove("content-type")
        return .converted(converted, converted.body.wireBytes)
    }
}
