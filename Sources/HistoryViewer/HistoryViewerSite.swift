import Foundation
import History

/// What the viewer serves, read from a store: a path and query in, a page out. The server and
/// the one-file writer share it.
public struct HistoryViewerSite: Sendable {
    /// A page and what it took.
    public struct Page: Sendable {
        /// 200 or 404.
        public var status: Int
        /// The HTML.
        public var html: String
        /// Seconds spent reading the store.
        public var readSeconds: Double
        /// Seconds spent rendering.
        public var renderSeconds: Double
    }

    let store: any HistoryStore
    /// The branch a run's previous comparable run is looked for on first.
    let baseBranch: String

    /// A site over `store`.
    public init(store: any HistoryStore, baseBranch: String = "main") {
        self.store = store
        self.baseBranch = baseBranch
    }

    /// The page at `path` (`/`, `/runs/12`, `/runs/12/symbols/3`, `/compare`) with `query`
    /// (`show`, `rule`, `base`, `head`).
    public func page(path: String, query: [String: String]) async throws -> Page {
        let parts = path.split(separator: "/").map(String.init)
        let started = Date()
        switch parts.count {
        case 0:
            let runs = try await store.runs(RunFilter(limit: 500))
            let read = Date()
            return Page(status: 200, html: ViewerPages.runs(runs), readSeconds: read.timeIntervalSince(started), renderSeconds: Date().timeIntervalSince(read))
        case 1 where parts[0] == "compare":
            guard let base = query["base"].flatMap(Int64.init), let head = query["head"].flatMap(Int64.init),
                  let baseRun = try await store.run(id: base), let headRun = try await store.run(id: head) else { return notFound("no such pair of runs") }
            let read = Date()
            let html = ViewerPages.compare(RunComparison(base: baseRun, head: headRun))
            return Page(status: 200, html: html, readSeconds: read.timeIntervalSince(started), renderSeconds: Date().timeIntervalSince(read))
        case 2 where parts[0] == "runs", 4 where parts[0] == "runs" && parts[2] == "symbols":
            guard let id = Int64(parts[1]), let run = try await store.run(id: id) else { return notFound("there is no run \(parts[1])") }
            let previous = try? await ComparisonPair.choose(in: store, baseID: nil, headID: id, command: nil, baseBranch: baseBranch).base
            let read = Date()
            let html: String
            if parts.count == 4 {
                guard let index = Int(parts[3]), let page = ViewerPages.symbol(run, index: index, previous: previous) else { return notFound("run \(id) has no symbol \(parts[3])") }
                html = page
            } else {
                html = ViewerPages.run(run, previous: previous, filter: ViewerPages.SymbolFilter(show: query["show"] ?? "all", rule: query["rule"]))
            }
            return Page(status: 200, html: html, readSeconds: read.timeIntervalSince(started), renderSeconds: Date().timeIntervalSince(read))
        default:
            return notFound("no page at \(path)")
        }
    }

    /// Every page worth keeping as one self-contained file (`view --html`): the runs with their
    /// trends, the newest `runCount` runs, and the newest run against its previous comparable run.
    public func singleFile(runCount: Int = 3) async throws -> String {
        let runs = try await store.runs(RunFilter(limit: 500))
        var sections = [String]()
        var comparison: String?
        for header in runs.prefix(runCount) {
            guard let id = header.id, let run = try await store.run(id: id) else { continue }
            let previous = try? await ComparisonPair.choose(in: store, baseID: nil, headID: id, command: nil, baseBranch: baseBranch).base
            sections.append(StaticAnchors.$isOn.withValue(true) { ViewerPages.runBody(run, previous: previous, filter: .init()) })
            if comparison == nil, let previous {
                comparison = StaticAnchors.$isOn.withValue(true) { ViewerPages.compareBody(RunComparison(base: previous, head: run)) }
            }
        }
        let overview = StaticAnchors.$isOn.withValue(true) { ViewerPages.runsBody(runs) }
        let body = ([overview] + (comparison.map { [$0] } ?? []) + sections).joined(separator: "\n<hr>\n")
        return StaticAnchors.$isOn.withValue(true) { HTML.page(title: "History", body: body) }
    }

    private func notFound(_ message: String) -> Page {
        Page(status: 404, html: HTML.page(title: "Not found", body: "<h1>Not found</h1><p>\(HTML.escape(message)).</p><p><a href=\"/\">All runs</a></p>"),
             readSeconds: 0, renderSeconds: 0)
    }
}
