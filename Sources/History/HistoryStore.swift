/// Where run records are kept. Every store writes a run in one transaction — a run is recorded
/// whole or not at all — and keeps its schema versioned, migrating an older store on open.
public protocol HistoryStore: Sendable {
    /// Records `run` (its `id` is ignored) and returns the identifier the store gave it.
    func record(_ run: RunRecord) async throws -> Int64
    /// The runs matching `filter`, newest first, without their symbols (`RunRecord.header`).
    func runs(_ filter: RunFilter) async throws -> [RunRecord]
    /// The whole run `id`, nil when there is none.
    func run(id: Int64) async throws -> RunRecord?
    /// The schema version the store is at.
    func schemaVersion() async throws -> Int
}

/// Which runs to list.
public struct RunFilter: Sendable, Hashable {
    /// Only runs of this command (`check`, `eval`).
    public var command: String?
    /// Only runs on this branch.
    public var branch: String?
    /// Only runs with this configuration hash.
    public var configurationHash: String?
    /// Only runs recorded before this one (by identifier).
    public var before: Int64?
    /// At most this many.
    public var limit: Int?

    /// Creates a filter; nil fields match every run.
    public init(command: String? = nil, branch: String? = nil, configurationHash: String? = nil, before: Int64? = nil, limit: Int? = nil) {
        self.command = command
        self.branch = branch
        self.configurationHash = configurationHash
        self.before = before
        self.limit = limit
    }
}

/// A store that cannot be opened, read or written, said plainly.
public struct HistoryError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and what to do.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
