import Replay
import Tokenization

/// Everything a replay server is started with.
public struct ReplayServerConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port; 0 picks a free one (embedding, tests).
    public var port: Int
    /// The cassettes to replay.
    public var cassettes: [Cassette]
    /// Strict (an error with a diff) or lenient (the nearest recording) for unmatched requests.
    public var mode: ReplayEngine.Mode
    /// Body fields left out of matching.
    public var ignoredFields: [String]
    /// Faults, rate limits and context windows.
    public var faultPlan: FaultPlan
    /// Whether streams are paced by their recorded event delays.
    public var replayTiming: Bool
    /// The largest request body accepted (413 beyond).
    public var maximumBodyBytes: Int
    /// Seconds a connection may sit without completing a request head or starting another request
    /// before it is closed (`serve --idle-timeout`, 60 by default; nil: never).
    public var idleTimeoutSeconds: Double? = 60
    /// Seconds requests in flight get to finish after SIGTERM/SIGINT before they are cancelled
    /// (`serve --shutdown-grace`, 10 by default).
    public var shutdownGraceSeconds: Double = 10
    /// The memory the cache of parsed request bodies may hold (`serve --analysis-cache-bytes`,
    /// 256 MiB by default).
    public var analysisCacheBytes = 256 << 20
    /// Proxy unmatched requests to a real API and record them (requests that name no cassette).
    public var recording: RecordingConfiguration?
    /// The folders and files the cassettes were loaded from: a scope (a request's named cassette,
    /// `/c/NAME/…` or `x-docharness-cassette`) is a path relative to them, and a scope with no
    /// cassette yet is recorded into the first.
    public var cassetteRoots: [String] = []
    /// Record mode for requests that name their cassette (`serve --record-mode`); nil replays only.
    public var scopeRecording: ScopeRecording?
    /// Whether a recording made without streaming may answer a `stream: true` request (and the
    /// reverse) converted to the other form (`serve --convert-streams`); otherwise such a request
    /// is refused with a 400 saying why, never answered with an empty stream.
    public var convertsStreams = false
    /// How many requests `GET /__admin/log` keeps (`serve --log-capacity`).
    public var requestLogCapacity = 10_000
    /// Where vocabularies are (for prompt token counts).
    public var vocabularies: VocabularyStore
    /// An open-weight model's counter (`serve --tokenizer`): prompts are counted with its chat
    /// template and tokenizer for the context-window cliff and the token limits, instead of
    /// OpenAI's chat rule.
    public var promptCounter: ModelTokens?

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 0, cassettes: [Cassette], mode: ReplayEngine.Mode = .strict,
        ignoredFields: [String] = [], faultPlan: FaultPlan = FaultPlan(), replayTiming: Bool = false,
        maximumBodyBytes: Int = 8 << 20, recording: RecordingConfiguration? = nil,
        vocabularies: VocabularyStore = VocabularyStore(environment: [:])
    ) {
        self.host = host
        self.port = port
        self.cassettes = cassettes
        self.mode = mode
        self.ignoredFields = ignoredFields
        self.faultPlan = faultPlan
        self.replayTiming = replayTiming
        self.maximumBodyBytes = maximumBodyBytes
        self.recording = recording
        self.vocabularies = vocabularies
    }
}

/// Record mode for scoped requests: VCR.py's mode, and the upstream, redaction and credentials
/// every scope's recorder uses (`template.cassetteFile` is replaced by each scope's file).
public struct ScopeRecording: Sendable {
    /// When requests are sent upstream and recorded.
    public var mode: RecordMode
    /// The recording settings shared by every scope.
    public var template: RecordingConfiguration

    /// Creates a scope recording.
    public init(mode: RecordMode, template: RecordingConfiguration) {
        self.mode = mode
        self.template = template
    }
}

/// Record mode: where to send unmatched requests and where to save what comes back.
public struct RecordingConfiguration: Sendable {
    /// The real API's base URL (`https://api.openai.com`, `https://NAME.openai.azure.com`).
    public var upstream: String
    /// The base URL for Anthropic Messages API requests (`/v1/messages…`), when it is not
    /// `upstream` (`https://api.anthropic.com`); nil sends them to `upstream` (a local server
    /// speaking both APIs).
    public var messagesUpstream: String? {
        didSet { if let url = messagesUpstream, url.hasSuffix("/") { messagesUpstream = String(url.dropLast()) } }
    }
    /// The cassette file new interactions are written to (created or extended).
    public var cassetteFile: String
    /// Headers never written.
    public var redaction: HeaderRedaction
    /// Request body fields (dotted paths) written as `"REDACTED"` (`--redact-body`).
    public var redactedBodyFields: [String] = []
    /// Seconds to wait for the upstream answer.
    public var timeoutSeconds: Int64

    /// Headers added to every request sent upstream (the API key: `Authorization: Bearer …` or
    /// Azure's `api-key`), replacing any the client sent. They reach the upstream only: the
    /// cassette keeps the client's own headers, redacted.
    public var upstreamHeaders: [(String, String)] = []

    /// Whether the first recording replaces the cassette file instead of extending it (record
    /// mode `all`).
    public var replacesCassette = false

    /// Whether the cassette keeps interactions in request order instead of finishing order
    /// (`CassetteWriter`); a run that records concurrently then writes the same file each time.
    public var sortedByRequest = false

    /// The base URL a request for `path` is sent to: `messagesUpstream` for the Messages API.
    public func upstream(for path: String) -> String {
        guard let messagesUpstream else { return upstream }
        let route = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return route == "/v1/messages" || route.hasPrefix("/v1/messages/") ? messagesUpstream : upstream
    }

    /// Creates a configuration.
    public init(upstream: String, cassetteFile: String, redaction: HeaderRedaction = .standard, timeoutSeconds: Int64 = 600) {
        self.upstream = upstream.hasSuffix("/") ? String(upstream.dropLast()) : upstream
        self.cassetteFile = cassetteFile
        self.redaction = redaction
        self.timeoutSeconds = timeoutSeconds
    }
}
