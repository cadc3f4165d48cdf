import Replay
import Tokenization

extension ReplayServerConfiguration {
    /// The configuration of a VCR.py record mode over one project's cassette file: strict replay
    /// of `cassettes`, and — when the mode records (`once` on a file with no recordings,
    /// `new_episodes`, `all`) — the unmatched requests sent to `upstream` with `upstreamHeaders`
    /// (the API key, never written) and recorded into `recordTo`, sorted by request. `all`
    /// replaces the file and replays nothing of it; `once` on a recorded file only replays.
    public static func recordMode(
        _ mode: RecordMode, cassettes: [Cassette], recordTo file: String?, upstream: String?, upstreamHeaders: [(String, String)] = [],
        faultPlan: FaultPlan = FaultPlan(), vocabularies: VocabularyStore
    ) -> ReplayServerConfiguration {
        var recording: RecordingConfiguration?
        let file = file ?? ""
        let exists = cassettes.contains { $0.path == file && !$0.interactions.isEmpty }
        if let upstream, !file.isEmpty, mode.records(cassetteExists: exists) {
            recording = RecordingConfiguration(upstream: upstream, cassetteFile: file)
            recording?.sortedByRequest = true
            recording?.upstreamHeaders = upstreamHeaders
            recording?.replacesCassette = mode == .all
        }
        let replayed = recording == nil || mode == .newEpisodes ? cassettes : cassettes.filter { $0.path != file }
        return ReplayServerConfiguration(cassettes: replayed, mode: .strict, faultPlan: faultPlan, recording: recording, vocabularies: vocabularies)
    }
}
