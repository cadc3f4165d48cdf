import AsyncHTTPClient
import ChatWire
import Foundation
import NIOCore
import NIOHTTP1
import Replay

/// Record mode: sends a request to the real API, returns its answer, and appends the interaction
/// (credentials redacted) to the cassette, one write at a time — only when it succeeded: an
/// error status or a stream cut before its end (`[DONE]`, `message_stop`, `response.completed`)
/// is passed on to the client and never recorded.
final class UpstreamRecorder: Sendable {
    let configuration: RecordingConfiguration
    private let client: HTTPClient
    private let ownsClient: Bool
    private let writer: CassetteWriter?
    private let openError: CassetteError?

    /// Creates a recorder writing to `configuration.cassetteFile`, over its own HTTP client or a
    /// shared one (`client`, which the caller shuts down).
    init(configuration: RecordingConfiguration, client shared: HTTPClient? = nil) {
        self.configuration = configuration
        client = shared ?? HTTPClient(eventLoopGroupProvider: .singleton)
        ownsClient = shared == nil
        do {
            writer = try CassetteWriter(path: configuration.cassetteFile, redaction: configuration.redaction, sortedByRequest: configuration.sortedByRequest,
                                         replacing: configuration.replacesCassette)
            openError = nil
        } catch {
            writer = nil
            openError = error
        }
    }

    func shutdown() async {
        if ownsClient { try? await client.shutdown() }
    }

    /// Headers not forwarded: the ones that describe this hop.
    private static let hopHeaders: Set<String> = ["host", "content-length", "connection", "keep-alive", "transfer-encoding", "accept-encoding", "te", "upgrade"]

    /// What became of an upstream answer.
    enum Recording: Sendable {
        /// Written to the cassette.
        case recorded
        /// An error status or a cut stream: passed on, not recorded.
        case notRecordable
        /// The cassette could not be written (a full disk, a read-only folder). The answer was paid
        /// for, so it is still passed on; the interaction stays in memory and is written with the
        /// next recording that succeeds.
        case notWritten(CassetteError)
    }

    /// Forwards `request`; returns the upstream's interaction and whether it was recorded.
    func forward(_ request: ServerRequest) async throws -> (interaction: Interaction, recording: Recording) {
        if let openError { throw openError }
        var outgoing = HTTPClientRequest(url: configuration.upstream(for: request.path) + request.path)
        outgoing.method = HTTPMethod(rawValue: request.method)
        let replaced = Set(configuration.upstreamHeaders.map { $0.0.lowercased() })
        for field in request.headers where !Self.hopHeaders.contains(field.name.lowercased()) && !replaced.contains(field.name.lowercased()) {
            outgoing.headers.add(name: field.name, value: field.value)
        }
        for (name, value) in configuration.upstreamHeaders { outgoing.headers.add(name: name, value: value) }
        outgoing.headers.add(name: "accept-encoding", value: "identity")
        outgoing.body = .bytes(request.body)
        let started = ContinuousClock.now
        let response = try await client.execute(outgoing, timeout: .seconds(configuration.timeoutSeconds))
        // Events are parsed as the chunks arrive: each event's delay is the time since the previous
        // event was completed (later events of the same chunk arrive with no gap).
        var body: [UInt8] = []
        var stream = ServerSentEventStream()
        var timedEvents: [ServerSentEvent] = []
        var last = started
        var gap = 0.0
        for try await buffer in response.body {
            let now = ContinuousClock.now
            gap += Self.milliseconds(now - last)
            last = now
            body.append(contentsOf: buffer.readableBytesView)
            for var event in stream.feed(buffer.readableBytesView) {
                event.delayMilliseconds = gap
                gap = 0
                timedEvents.append(event)
            }
        }
        timedEvents.append(contentsOf: stream.finish())
        let duration = Self.milliseconds(ContinuousClock.now - started)
        var headers = HeaderFields()
        for header in response.headers where !["content-length", "transfer-encoding", "connection", "content-encoding"].contains(header.name.lowercased()) {
            headers.append(header.name, header.value)
        }
        var recordedBody = RecordedBody(decoded: body)
        if case .events(let events) = recordedBody, events.map(\.data) == timedEvents.map(\.data) {
            recordedBody = .events(timedEvents)
        }
        let interaction = Interaction(
            request: RecordedRequest(method: request.method, path: HeaderRedaction.redactQuery(request.path), headers: configuration.redaction.redact(request.headers),
                                     body: HeaderRedaction.redactBody(RecordedBody(decoded: request.body), paths: configuration.redactedBodyFields)),
            response: RecordedResponse(status: Int(response.status.code), headers: configuration.redaction.redact(headers), body: recordedBody),
            recordedAt: Self.timestamp(),
            durationMilliseconds: duration
        )
        guard Self.isRecordable(interaction.response) else { return (interaction, .notRecordable) }
        do {
            try await writer?.append(interaction)
        } catch {
            return (interaction, .notWritten(error))
        }
        return (interaction, .recorded)
    }

    /// Whether an answer is worth keeping: a success status, and a stream that reached its end
    /// (`[DONE]`, `message_stop`, `response.completed`: `ServerSentEvent.completesStream`).
    static func isRecordable(_ response: RecordedResponse) -> Bool {
        guard (200 ..< 300).contains(response.status) else { return false }
        if case .events(let events) = response.body { return events.last?.completesStream ?? false }
        return true
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
