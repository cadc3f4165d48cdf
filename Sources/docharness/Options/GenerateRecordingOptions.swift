import ArgumentParser
import Foundation
import Replay
import ReplayServer
import Tokenization

/// `generate --cassette FILE [--record MODE]`: the project's requests go through an in-process
/// replay server — strict replay of the cassette, and with a recording mode the missing ones sent
/// to `--base-url` and recorded (errors never are; the key is sent, never written).
struct GenerateRecordingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Replay this project's requests from a cassette file; with --base-url, record the missing ones into it.", valueName: "file.json"))
    var cassette: String?

    @Option(help: "VCR.py's record modes for --cassette: none (strict replay, offline), once, new_episodes (the default with --base-url), all.")
    var record: RecordMode?

    func validate(baseURL: String?, azureDeployment: String?) throws {
        if let record, record != .none {
            guard cassette != nil else { throw ValidationError("--record \(record.rawValue) needs --cassette FILE (where to record)") }
            guard baseURL != nil else { throw ValidationError("--record \(record.rawValue) needs --base-url URL (the server to record from)") }
        }
        if cassette != nil, azureDeployment != nil {
            throw ValidationError("--cassette records from an OpenAI-compatible --base-url; an Azure deployment is recorded with `docharness serve --record`")
        }
        if cassette == nil, baseURL == nil { throw ValidationError("give --base-url URL (the server to ask), or --cassette FILE to replay") }
    }

    /// The replay server for `--cassette`, started; nil without it.
    func start(baseURL: String?, apiKey: String?, store: VocabularyStore) async throws -> RunningReplayServer? {
        guard let cassette else { return nil }
        let loaded = FileManager.default.fileExists(atPath: cassette) ? try CassetteLoader.load(paths: [cassette]) : []
        let mode = record ?? (baseURL == nil ? .none : .newEpisodes)
        let configuration = ReplayServerConfiguration.recordMode(
            mode, cassettes: loaded, recordTo: cassette, upstream: baseURL.map(Self.upstreamRoot),
            upstreamHeaders: apiKey.map { [("Authorization", "Bearer " + $0)] } ?? [], vocabularies: store)
        return try await ReplayServer.start(ReplayService(configuration: configuration))
    }

    /// The upstream the recorder prefixes request paths (`/v1/chat/completions`) with: the base URL
    /// without its trailing `/v1`.
    static func upstreamRoot(_ baseURL: String) -> String {
        var root = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        if root.hasSuffix("/v1") { root.removeLast(3) }
        return root
    }
}
