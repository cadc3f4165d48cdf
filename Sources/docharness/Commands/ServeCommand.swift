import ArgumentParser
import Foundation
import Replay
import ReplayServer
import Tokenization

/// `docharness serve`: the recorded-response server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve recorded OpenAI / Azure OpenAI chat completions, Responses and Anthropic Messages answers from cassettes (a mock server for any client).",
        discussion: """
            Point any OpenAI client at http://HOST:PORT/v1 (Azure: azure_endpoint=http://HOST:PORT; Anthropic: \
            base_url=http://HOST:PORT). A request \
            matches a recording by method, route and canonical JSON body; identical requests replay their \
            recorded episodes in order. In strict mode (the default) an unmatched request gets a 400 naming the \
            nearest recorded request with a diff of the prompt. Cassettes: DocHarness JSON, VCR.py / \
            pytest-recording YAML, single-interaction JSON.

            Per-test cassettes: a request under /c/NAME/ (base URL http://HOST:PORT/c/NAME/v1) or with the \
            header x-docharness-cassette: NAME matches only the cassette NAME (its path under a --cassettes \
            folder, with or without the extension), with its own episode counters; --record-mode records \
            each such cassette by VCR.py's rules. Requests that name none share one pool of every cassette.

            Admin: GET /__admin/health, GET /__admin/stats, POST /__admin/reset, GET /__admin/unused \
            (recordings never served), GET /__admin/log (what each request was answered with); each takes \
            ?scope=NAME or the /c/NAME/ prefix. Faults, rate limits and context windows come from --faults FILE \
            and the flags below. Stops gracefully on SIGINT/SIGTERM, saying how many recordings were never served.
            """
    )

    @Option(help: "Cassette files or folders (searched recursively for .json, .yaml, .yml). Repeatable.")
    var cassettes: [String] = []

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Flag(inversion: .prefixedNo, help: "Strict matching: unmatched requests get an error with a diff (default). --no-strict answers them with the nearest recording.")
    var strict = true

    @Option(name: .customLong("ignore-field"), help: "A body field left out of matching, as a dotted path (user, metadata, stream_options.include_usage). Repeatable.")
    var ignoredFields: [String] = []

    @Flag(help: "Proxy unmatched requests to --upstream and record them.")
    var record = false

    @Option(help: "The real API for --record (https://api.openai.com, https://NAME.openai.azure.com).")
    var upstream: String?

    @Option(name: .customLong("anthropic-upstream"), help: "Where Anthropic Messages API requests (/v1/messages) are recorded from, when not --upstream (https://api.anthropic.com).")
    var anthropicUpstream: String?

    @Option(name: .customLong("record-mode"), help: "VCR.py's record mode, for every cassette: none (replay only), once (record a cassette that does not exist yet), new_episodes (record what is missing), all (record everything again, replacing the cassette). Needs --upstream unless none. Requests that name a cassette record into it (a new one is NAME.json in the first --cassettes folder); the others into --record-to.")
    var recordMode: RecordMode?

    @Option(name: .customLong("record-to"), help: "Cassette file --record writes (default: recorded.json in the first --cassettes folder).")
    var recordTo: String?

    @Flag(name: .customLong("convert-streams"), help: "Serve a recording made without streaming to a `stream: true` request (or the reverse) converted to the form asked for, when `stream` is left out of matching; without it such a request gets a 400 saying why.")
    var convertStreams = false

    @Flag(name: .customLong("fail-on-unused"), help: "Exit 1 at shutdown when some recording was never served (like WireMock's verify), listing them.")
    var failOnUnused = false

    @Option(name: .customLong("log-capacity"), help: "How many requests GET /__admin/log keeps (default 10000).")
    var logCapacity = 10_000

    @Option(name: .customLong("redact"), help: "Another header never written to cassettes (besides authorization, api-key, cookies, organization, project, and any name with a key/token/secret/auth part). Repeatable.")
    var redactedHeaders: [String] = []

    @Option(name: .customLong("redact-body"), help: "A request body field written to cassettes as \"REDACTED\", as a dotted path (user, metadata.api_key, messages.*.name); it is left out of matching too (replay the cassette with --ignore-field PATH). Repeatable.")
    var redactedBodyFields: [String] = []

    @OptionGroup var faultOptions: FaultOptions

    @OptionGroup(title: "Loading cassettes") var loadOptions: CassetteLoadOptions

    @OptionGroup(title: "Open-weight models") var openWeight: OpenWeightOptions

    @Flag(name: .customLong("replay-timing"), help: "Pace streamed events by their recorded delays.")
    var replayTiming = false

    @Option(name: .customLong("max-body-bytes"), help: "Largest request body accepted (413 beyond).")
    var maxBodyBytes = 8 << 20

    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may sit without completing a request's headers or sending the next request before it is closed (0: never; default 60).")
    var idleTimeout: Double = 60

    @Option(name: .customLong("shutdown-grace"), help: "Seconds requests in flight get to finish after SIGTERM or SIGINT before they are cancelled (default 10).")
    var shutdownGrace: Double = 10

    @Option(name: .customLong("analysis-cache-bytes"), help: "Memory for remembering parsed request bodies (a resent body is not parsed again); about 12× each body is counted (default 268435456, 256 MiB).")
    var analysisCacheBytes = 256 << 20

    /// Whether anything is sent upstream and recorded: `--record`, or a mode other than `none`.
    var records: Bool { record || (recordMode.map { $0 != .none } ?? false) }

    func validate() throws {
        if record, recordMode != nil { throw ValidationError("give --record or --record-mode MODE, not both (--record is --record-mode new_episodes into --record-to alone)") }
        if records, upstream == nil { throw ValidationError("--record\(recordMode.map { "-mode \($0.rawValue)" } ?? "") needs --upstream URL (the real API to record from)") }
        if upstream != nil, !records { throw ValidationError("--upstream is only used with --record or --record-mode once|new_episodes|all") }
        if anthropicUpstream != nil, upstream == nil { throw ValidationError("--anthropic-upstream goes with --upstream URL (where the other APIs are recorded from)") }
        if cassettes.isEmpty { throw ValidationError("give --cassettes DIR (cassette files or folders to replay, and where new cassettes go)") }
        if !(1 ... 1_000_000).contains(logCapacity) { throw ValidationError("--log-capacity must be 1…1000000, got \(logCapacity)") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0…65535") }
        if !(1 ... 1 << 30).contains(maxBodyBytes) { throw ValidationError("--max-body-bytes must be 1…1073741824 (1 GiB), got \(maxBodyBytes)") }
        if !(idleTimeout >= 0 && idleTimeout <= 86_400) { throw ValidationError("--idle-timeout must be 0…86400 seconds, got \(idleTimeout)") }
        if !(shutdownGrace >= 0 && shutdownGrace <= 3600) { throw ValidationError("--shutdown-grace must be 0…3600 seconds, got \(shutdownGrace)") }
        if !(0 ... 1 << 40).contains(analysisCacheBytes) { throw ValidationError("--analysis-cache-bytes must be 0…1099511627776, got \(analysisCacheBytes)") }
    }

    func run() async throws {
        var loaded: [Cassette] = []
        var recordFile = recordTo
        do {
            for path in cassettes {
                if records, !FileManager.default.fileExists(atPath: path) {
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                }
                loaded.append(contentsOf: try loadOptions.load([path], command: "docharness serve"))
            }
            let plan = try faultOptions.plan()
            var recording: RecordingConfiguration?
            var scopeRecording: ScopeRecording?
            if records, let upstream {
                if recordFile == nil {
                    var isDirectory: ObjCBool = false
                    let first = cassettes.first ?? "."
                    recordFile = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory) && isDirectory.boolValue ? first + "/recorded.json" : first
                }
                var template = RecordingConfiguration(upstream: upstream, cassetteFile: recordFile!, redaction: HeaderRedaction(names: HeaderRedaction.standard.names + redactedHeaders))
                template.redactedBodyFields = redactedBodyFields
                template.messagesUpstream = anthropicUpstream
                if let mode = recordMode {
                    // VCR.py's rules for the unscoped file too; every scope gets its own file.
                    scopeRecording = ScopeRecording(mode: mode, template: template)
                    let exists = loaded.contains { $0.path == recordFile && !$0.interactions.isEmpty }
                    if mode.records(cassetteExists: exists) {
                        recording = template
                        recording?.replacesCassette = mode == .all
                        if mode == .all { loaded.removeAll { $0.path == recordFile } }
                    }
                } else {
                    recording = template
                    loaded.removeAll { $0.path == recordFile }
                }
            }
            var configuration = ReplayServerConfiguration(
                host: host, port: port, cassettes: loaded, mode: strict ? .strict : .lenient, ignoredFields: ignoredFields + redactedBodyFields,
                faultPlan: plan, replayTiming: replayTiming, maximumBodyBytes: maxBodyBytes, recording: recording,
                vocabularies: VocabularyStore(environment: ProcessInfo.processInfo.environment)
            )
            configuration.promptCounter = try openWeight.load()
            configuration.cassetteRoots = cassettes
            configuration.scopeRecording = scopeRecording
            configuration.convertsStreams = convertStreams
            configuration.requestLogCapacity = logCapacity
            configuration.analysisCacheBytes = analysisCacheBytes
            configuration.idleTimeoutSeconds = idleTimeout > 0 ? idleTimeout : nil
            configuration.shutdownGraceSeconds = shutdownGrace
            let service = ReplayService(configuration: configuration)
            let modeText = recordMode.map { ", record mode \($0.rawValue)" } ?? (record ? ", recording to \(recordFile ?? "")" : "")
            let banner = "docharness serve: \(service.engine.interactionCount) interactions from \(loaded.count) cassettes, \(strict ? "strict" : "lenient")"
                + modeText + ", listening on http://\(host):"
            try await ReplayServer.run(service, logLevel: .warning) { port in try? FileHandle.standardError.write(contentsOf: Data("\(banner)\(port)\n".utf8)) }
            let counts = service.counters.snapshot
            let summary = ReplayCounters.Event.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
            let unused = service.unusedRecordings()
            var report = "docharness serve: stopped (\(summary)); \(unused.count) of \(service.engine.interactionCount) recordings never served\n"
            if failOnUnused, !unused.isEmpty {
                report += unused.prefix(20).map { "  unused: \($0)\n" }.joined()
                if unused.count > 20 { report += "  … and \(unused.count - 20) more (GET /__admin/unused lists them all while the server runs)\n" }
            }
            try? FileHandle.standardError.write(contentsOf: Data(report.utf8))
            if failOnUnused, !unused.isEmpty { throw ExitCode(ExitStatus.gateFailed) }
        } catch let error as CassetteError {
            try? FileHandle.standardError.write(contentsOf: Data("docharness serve: \(error)\n".utf8))
            throw ExitCode(ExitStatus.unreadableInput)
        } catch let error as OpenWeightLoadError {
            try? FileHandle.standardError.write(contentsOf: Data("docharness serve: \(error)\n".utf8))
            throw ExitCode(ExitStatus.unreadableInput)
        }
    }
}
