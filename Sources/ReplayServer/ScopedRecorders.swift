import AsyncHTTPClient
import Foundation
import Replay
import Synchronization

/// Record mode for requests that name their cassette: one recorder per cassette file, made on
/// the scope's first request and only when the mode records there (VCR.py's rules: `once` records
/// only into a cassette with no recordings, `new_episodes` records what is missing, `all` records
/// everything and replaces the file, `none` never records). The recorders share one HTTP client.
final class ScopedRecorders: Sendable {
    /// The mode and the upstream every scope records from.
    let recording: ScopeRecording
    private let client = HTTPClient(eventLoopGroupProvider: .singleton)
    private let recorders = Mutex<[String: UpstreamRecorder?]>([:])

    init(recording: ScopeRecording) {
        self.recording = recording
    }

    /// The recorder for a scope's cassette `file`, or nil when the mode does not record there.
    /// `hasRecordings` is whether the loaded cassette holds any interaction.
    func recorder(file: String, hasRecordings: Bool) -> UpstreamRecorder? {
        if let known = recorders.withLock({ $0[file] }) { return known }
        var made: UpstreamRecorder?
        if recording.mode.records(cassetteExists: hasRecordings) {
            var configuration = recording.template
            configuration.cassetteFile = file
            configuration.replacesCassette = recording.mode == .all
            // A new scope's folders (`tests/test_models/`) are made here; when that fails, the
            // writer's error says so on the first recording.
            let folder = (file as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            made = UpstreamRecorder(configuration: configuration, client: client)
        }
        return recorders.withLock { recorders in
            if let existing = recorders[file] { return existing }
            recorders[file] = made
            return made
        }
    }

    /// Stops the shared client.
    func shutdown() async {
        try? await client.shutdown()
    }
}
