/// When requests are sent to the real API and recorded, as VCR.py names its record modes.
public enum RecordMode: String, Sendable, Hashable, CaseIterable {
    /// Replay only; a request with no recording fails (strict replay).
    case none
    /// Record every request when the cassette does not exist yet; replay only once it does.
    case once
    /// Replay what is recorded, and record the requests that are not.
    case newEpisodes = "new_episodes"
    /// Record every request again, replaying none; the cassette is replaced by what this run records.
    case all

    /// Whether a run in this mode sends requests upstream, given whether its cassette file
    /// already holds recordings.
    public func records(cassetteExists: Bool) -> Bool {
        switch self {
        case .none: false
        case .once: !cassetteExists
        case .newEpisodes, .all: true
        }
    }
}
