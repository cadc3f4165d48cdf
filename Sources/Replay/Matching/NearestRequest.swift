import Files
/// Finds the recorded request closest to one that matched nothing, and the diff between them.
struct NearestRequest: Sendable {
    struct Candidate: Sendable {
        let source: InteractionSource
        let path: String
        let lines: [String]
        let lineSet: Set<String>
    }

    let candidates: [Candidate]

    init(entries: [(source: InteractionSource, request: RecordedRequest)], matcher: RequestMatcher) {
        candidates = entries.map { entry in
            let lines = PromptView.lines(of: entry.request, matcher: matcher)
            return Candidate(source: entry.source, path: RequestMatcher.normalizedPath(entry.request.path), lines: lines, lineSet: Set(lines))
        }
    }

    /// The most lines of each side the exact diff compares: a 4,000-message unmatched request
    /// took 2.3 s to diff and held a server thread the whole time (issue 23). The ranking still
    /// reads every line.
    static let diffedLines = 600

    /// The nearest candidate and the diff from it to the received request's lines (the first
    /// ``diffedLines`` of each).
    func nearest(to lines: [String], path: String) -> (source: InteractionSource, diff: UnifiedDiff)? {
        let samePath = candidates.filter { $0.path == path }
        let pool = samePath.isEmpty ? candidates : samePath
        guard !pool.isEmpty else { return nil }
        let receivedSet = Set(lines)
        // Rank by shared lines first (cheap), then diff the best few exactly.
        // Shared lines counted without building intersections or unions (each used to allocate a
        // set as large as both requests, for every recording).
        let ranked = pool.map { candidate -> (Candidate, Double) in
            let (smaller, larger) = candidate.lineSet.count <= receivedSet.count ? (candidate.lineSet, receivedSet) : (receivedSet, candidate.lineSet)
            var shared = 0
            for line in smaller where larger.contains(line) { shared += 1 }
            let union = candidate.lineSet.count + receivedSet.count - shared
            return (candidate, union == 0 ? 1 : Double(shared) / Double(union))
        }.sorted { $0.1 > $1.1 }
        var best: (Candidate, UnifiedDiff)?
        let received = Array(lines.prefix(Self.diffedLines))
        for (candidate, _) in ranked.prefix(5) {
            let diff = UnifiedDiff(old: Array(candidate.lines.prefix(Self.diffedLines)), new: received)
            if best == nil || diff.editCount < best!.1.editCount { best = (candidate, diff) }
        }
        return best.map { ($0.0.source, $0.1) }
    }
}

extension NearestRequest {
    /// The finder and the set of recorded paths, built once.
    struct Snapshot: Sendable {
        let finder: NearestRequest
        let paths: Set<String>

        init(entries: [(source: InteractionSource, request: RecordedRequest)], matcher: RequestMatcher) {
            finder = NearestRequest(entries: entries, matcher: matcher)
            paths = Set(entries.map { RequestMatcher.normalizedPath($0.request.path) })
        }
    }
}

