/// Which two runs `compare` compares when it is not told: the newest run, against the newest
/// earlier run of the same command and configuration on the base branch — or, when the base branch
/// has none, on any branch (and the pair says so).
public struct ComparisonPair: Sendable {
    /// The earlier run (whole).
    public var base: RunRecord
    /// The later run (whole).
    public var head: RunRecord
    /// How the base was chosen, when it was not the base branch's run.
    public var note: String?

    /// Picks the pair from `store`: `baseID` and `headID` when given, else the defaults above
    /// (`command` narrows which run is the newest).
    public static func choose(in store: any HistoryStore, baseID: Int64?, headID: Int64?, command: String?, baseBranch: String) async throws -> ComparisonPair {
        let head: RunRecord
        if let headID {
            guard let run = try await store.run(id: headID) else { throw HistoryError("there is no run \(headID); `docharness runs` lists them") }
            head = run
        } else {
            guard let newest = try await store.runs(RunFilter(command: command, limit: 1)).first, let id = newest.id, let run = try await store.run(id: id) else {
                throw HistoryError("no \(command.map { $0 + " " } ?? "")runs recorded yet; `docharness check --history` or `docharness eval` records one")
            }
            head = run
        }
        if let baseID {
            guard let run = try await store.run(id: baseID) else { throw HistoryError("there is no run \(baseID); `docharness runs` lists them") }
            return ComparisonPair(base: run, head: head)
        }
        let comparable = RunFilter(command: head.command, configurationHash: head.configurationHash, before: head.id, limit: 1)
        var onBase = comparable
        onBase.branch = baseBranch
        var note: String?
        var found = try await store.runs(onBase).first
        if found == nil {
            found = try await store.runs(comparable).first
            if found != nil { note = "no earlier comparable run on \(baseBranch); comparing with the previous comparable run on any branch" }
        }
        guard let id = found?.id, let base = try await store.run(id: id) else {
            throw HistoryError("run \(head.id ?? 0) has no earlier \(head.command) run with the same paths and configuration to compare with; name two runs: `docharness compare A B`")
        }
        return ComparisonPair(base: base, head: head, note: note)
    }
}
