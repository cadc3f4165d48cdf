import ChatWire
import Synchronization

/// What the engine answers a request with.
public enum ReplayOutcome: Sendable {
    /// A recorded interaction matched.
    case matched(Interaction, ReplayMatch)
    /// Nothing matched.
    case unmatched(UnmatchedRequest)
}

/// Which recorded episode answered a request.
public struct ReplayMatch: Sendable, Hashable {
    /// Where the interaction was recorded.
    public var source: InteractionSource
    /// Which of the identical recorded requests (0-based) answered.
    public var episode: Int
    /// How many identical requests were recorded.
    public var episodes: Int
    /// Whether the match is only the nearest one (lenient mode), not an exact one.
    public var isNearest: Bool
    /// The response body's bytes, serialized once when the cassettes were loaded.
    public var responseBody: [UInt8]
    /// `FILE:LINE (interaction K) episode E/N`, or `nearest FILE:LINE (interaction K)`.
    public var label: String
}

/// A request nothing matched, with the nearest recorded one and the diff of the prompt.
public struct UnmatchedRequest: Sendable {
    /// The nearest recorded request, if any was recorded on any route.
    public var nearest: InteractionSource?
    /// A unified diff, recorded (`-`) to received (`+`), of the two prompts.
    public var diff: String
    /// The received request's key fingerprint.
    public var fingerprint: String

    /// Creates the description of a miss.
    public init(nearest: InteractionSource?, diff: String, fingerprint: String) {
        self.nearest = nearest
        self.diff = diff
        self.fingerprint = fingerprint
    }

    /// The OpenAI-shaped error a client gets.
    public var apiError: APIError {
        var message = "DocHarness replay (strict): no recorded response matches this request."
        if let nearest {
            message += " Nearest recorded request: \(nearest). Diff of the prompt (- recorded, + received):\n" + diff
        } else {
            message += " The cassettes hold no request on this route."
        }
        return APIError(message: message, type: "invalid_request_error", param: nil, code: "unmatched_request")
    }
}

/// Replays recorded interactions: requests match by `RequestKey`; identical recorded requests
/// answer in their recorded order, and once used up the last one answers again. In strict mode
/// (the default) an unmatched request gets an error naming the nearest recorded request with a
/// diff; in lenient mode it gets the nearest request's response.
public final class ReplayEngine: Sendable {
    /// How unmatched requests are answered.
    public enum Mode: Sendable {
        /// An OpenAI-shaped error with the nearest request and a diff.
        case strict
        /// The nearest recorded response on the same route.
        case lenient
    }

    private struct Recorded: Sendable {
        let interaction: Interaction
        let source: InteractionSource
        let responseBody: [UInt8]
        let sourceLabel: String

        init(interaction: Interaction, source: InteractionSource) {
            self.interaction = interaction
            self.source = source
            responseBody = interaction.response.body.wireBytes
            sourceLabel = source.description
        }
    }

    /// The matcher.
    public let matcher: RequestMatcher
    /// The mode.
    public let mode: Mode
    private let episodes: [RequestKey: [Recorded]]
    private let nearest: NearestRequest.Snapshot
    private let cursors = Mutex<[RequestKey: Int]>([:])
    /// Recordings served as the nearest match (lenient mode); exact matches are known from the cursors.
    private let servedAsNearest = Mutex<Set<InteractionSource>>([])
    /// The counts of what happened.
    public let counters: ReplayCounters

    /// Creates an engine over cassettes; engines that share `counters` count into one place.
    public init(cassettes: [Cassette], matcher: RequestMatcher = RequestMatcher(), mode: Mode = .strict, counters: ReplayCounters = ReplayCounters()) {
        self.matcher = matcher
        self.mode = mode
        self.counters = counters
        var episodes: [RequestKey: [Recorded]] = [:]
        var entries: [(source: InteractionSource, request: RecordedRequest)] = []
        for cassette in cassettes {
            for (index, interaction) in cassette.interactions.enumerated() {
                let source = cassette.source(of: index)
                episodes[matcher.key(for: interaction.request), default: []].append(Recorded(interaction: interaction, source: source))
                entries.append((source, interaction.request))
            }
        }
        self.episodes = episodes
        self.nearest = NearestRequest.Snapshot(entries: entries, matcher: matcher)
    }

    /// The number of recorded interactions.
    public var interactionCount: Int { episodes.values.reduce(0) { $0 + $1.count } }

    /// Whether any recorded request uses this normalized path.
    public func hasRecordings(onPath path: String) -> Bool {
        nearest.paths.contains(RequestMatcher.normalizedPath(path))
    }

    /// Whether a key has a recording.
    public func hasRecording(_ key: RequestKey) -> Bool {
        episodes[key] != nil
    }

    /// Answers a request.
    public func replay(_ request: RecordedRequest) -> ReplayOutcome {
        replay(request, key: matcher.key(for: request))
    }

    /// Answers a request whose key the caller already computed (`matcher.key(for: request)`).
    public func replay(_ request: RecordedRequest, key: RequestKey) -> ReplayOutcome {
        if let recorded = episodes[key] {
            let episode = cursors.withLock { cursors -> Int in
                let next = cursors[key, default: 0]
                cursors[key] = next + 1
                return min(next, recorded.count - 1)
            }
            counters.add(.matched)
            let chosen = recorded[episode]
            return .matched(chosen.interaction, ReplayMatch(
                source: chosen.source, episode: episode, episodes: recorded.count, isNearest: false, responseBody: chosen.responseBody,
                label: chosen.sourceLabel + " episode \(episode + 1)/\(recorded.count)"
            ))
        }
        counters.add(.unmatched)
        let lines = PromptView.lines(of: request, matcher: matcher)
        let found = nearest.finder.nearest(to: lines, path: key.path)
        if mode == .lenient, let found, let recorded = episodes.values.lazy.flatMap({ $0 }).first(where: { $0.source == found.source }) {
            servedAsNearest.withLock { _ = $0.insert(recorded.source) }
            return .matched(recorded.interaction, ReplayMatch(
                source: found.source, episode: 0, episodes: 1, isNearest: true, responseBody: recorded.responseBody, label: "nearest " + recorded.sourceLabel
            ))
        }
        return .unmatched(UnmatchedRequest(
            nearest: found?.source,
            diff: found?.diff.rendered(oldName: "recorded \(found!.source)", newName: "received") ?? "",
            fingerprint: key.fingerprint
        ))
    }

    /// Starts every episode sequence from the beginning again and zeroes the counters (unless
    /// `counters` is false: a scope's reset leaves the shared counts); what was served is
    /// forgotten too.
    public func reset(counters resettingCounters: Bool = true) {
        cursors.withLock { $0.removeAll() }
        servedAsNearest.withLock { $0.removeAll() }
        if resettingCounters { counters.reset() }
    }

    /// Every recording this engine holds, in cassette order.
    public var sources: [InteractionSource] {
        episodes.values.flatMap { $0.map(\.source) }.sorted { ($0.file, $0.index) < ($1.file, $1.index) }
    }

    /// The recordings this engine has served since it started or was last reset: the first
    /// episodes of each request as far as its cursor went, and the nearest matches of lenient mode.
    public var servedSources: Set<InteractionSource> {
        let positions = cursors.withLock { $0 }
        var served = servedAsNearest.withLock { $0 }
        for (key, next) in positions {
            guard let recorded = episodes[key] else { continue }
            for chosen in recorded.prefix(next) { served.insert(chosen.source) }
        }
        return served
    }
}

