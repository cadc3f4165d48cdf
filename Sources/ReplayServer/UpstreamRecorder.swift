import AsyncHTTPClient
import ChatWire
import Foundation
import NIOCore
import NIOHTTP1
import Replay

/// Record mode: sends a request to the real API, returns its answer, and appends the interaction
/// (credentials redacted) to the cassette, one write at a time.
final class UpstreamRecorder: Sendable {
    let configuration: RecordingConfiguration
    private let client: HTTPClient
    private let writer: CassetteWriter?
    private let openError: CassetteError?

    init(configuration: RecordingConfiguration) {
        self.configuration = configuration
        client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            writer = try CassetteWriter(path: configuration.cassetteFile, redaction: configuration.redaction)
            openError = nil
        } catch {
            writer = nil
            openError = error
        }
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// Headers not forwarded: the ones that describe this hop.
    private static let hopHeaders: Set<String> = ["host", "content-length", "connection", "keep-alive", "transfer-encoding", "accept-encoding", "te", "upgrade"]

    func forward(_ request: ServerRequest) async throws -> Interaction {
        if let openError { throw openError }
        var outgoing = HTTPClientRequest(url: configuration.upstream + request.path)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for field in request.headers where !Self.hopHeaders.contains(field.name.lowercased()) {
            outgoing.headers.add(name: field.name, value: field.value)
        }
        outgoing.headers.add(name: "accept-encoding", value: "identity")
        outgoing.body = .bytes(request.body)
        let started = ContinuousClock.now
        let response = try await client.execute(outgoing, timeout: .seconds(configuration.timeoutSeconds))
        var body: [UInt8] = []
        var arrivals: [(offset: Int, milliseconds: Double)] = []
        var last = started
        for try await buffer in response.body {
            body.append(contentsOf: buffer.readableBytesView)
            let now = ContinuousClock.now
            arrivals.append((body.count, Self.milliseconds(now - last)))
            last = now
        }
        let duration = Self.milliseconds(ContinuousClock.now - started)
        var headers = HeaderFields()
        for header in response.headers where !["content-length", "transfer-encoding", "connection", "content-encoding"].contains(header.name.lowercased()) {
            headers.append(header.name, header.value)
        }
        var recordedBody = RecordedBody(decoded: body)
        if case .events(var events) = recordedBody {
            // The delay of each event: the gap before the network chunk that completed it.
            let text = String(decoding: body, as: UTF8.self)
            var eventEnds: [Int] = []
            var searchStart = text.utf8.startIndex
            while let range = text.utf8[searchStart...].firstRange(of: Array("\n\n".utf8)) {
                eventEnds.append(text.utf8.distance(from: text.utf8.startIndex, to: range.upperBound))
                searchStart = range.upperBound
            }
            var chunk = 0
            var reached = 0
            for index in events.indices {
                let end = index < eventEnds.count ? eventEnds[index] : body.count
                var delay = 0.0
                while reached < end, chunk < arrivals.count {
                    delay += arrivals[chunk].milliseconds
                    reached = arrivals[chunk].offset
                    chunk += 1
                }
                events[index].delayMilliseconds = delay
            }
            recordedBody = .events(events)
        }
        let interaction = Interaction(
            request: RecordedRequest(method: request.method, path: request.path, headers: configuration.redaction.redact(request.headers), body: RecordedBody(decoded: request.body)),
            response: RecordedResponse(status: Int(response.status.code), headers: configuration.redaction.redact(headers), body: recordedBody),
            recordedAt: Self.timestamp(),
            durationMilliseconds: duration
        )
        try await writer?.append(interaction)
        return interaction
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
