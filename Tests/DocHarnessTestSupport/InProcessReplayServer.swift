import Replay
import ReplayServer
import Tokenization
import Foundation

/// The replay server on an ephemeral loopback port, for tests: serving cassettes while a test
/// talks to it, and re-recording from an upstream through record mode. One place starts and
/// stops servers, so none is left running when a test fails.
public enum InProcessReplayServer {
    /// Serves `service` while `body` runs with its base URL (`http://127.0.0.1:PORT`), then stops
    /// it, also when `body` throws.
    public static func with<Value>(_ service: ReplayService, _ body: (String) async throws -> Value) async throws -> Value {
        let server = try await ReplayServer.start(service)
        do {
            let value = try await body(server.baseURL)
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Re-records: a server in record mode in front of `upstream` writes each request `body`
    /// sends through it, with its answer, to `cassetteFile` (credentials redacted). Returns the
    /// cassette as written and how many interactions the server recorded.
    public static func record(from upstream: String, into cassetteFile: String,
                              _ body: (String) async throws -> Void) async throws -> (cassette: Cassette, recorded: Int) {
        let recorder = ReplayService(configuration: ReplayServerConfiguration(
            cassettes: [], recording: RecordingConfiguration(upstream: upstream, cassetteFile: cassetteFile),
            vocabularies: VocabularyStore(environment: ProcessInfo.processInfo.environment)))
        try await with(recorder, body)
        return (try CassetteLoader.load(file: cassetteFile), recorder.counters.snapshot[.recorded] ?? 0)
    }
}
