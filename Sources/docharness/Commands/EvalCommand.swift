import ArgumentParser
import Evaluation
import Foundation
import Generation
import History
import Replay
import Reports
import Scoring
import Tokenization

/// `docharness eval`: the main job on the bundled corpora, offline.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "The main job: score, generate through the replay server, score again, benchmark estimators, prove the safe zone.",
        discussion: """
            Inside the DocHarness repository, with no arguments, it runs the bundled corpora (corpora/python, \
            corpora/cassettes) offline; elsewhere it runs on the current folder with the cassettes in \
            .docharness/cassettes, and refuses (exit 2) when there is no Python file or nothing to answer. It starts \
            the replay server in-process on an ephemeral port (strict: a prompt with no recording fails, with the \
            diff in the Markdown report), scores the existing docstrings, generates for the symbols that have none \
            or score below --regenerate-below, scores the generated ones with the same rules, benchmarks every \
            token estimator on the requests made and on the cassettes, and checks that recorded prompt tokens + \
            max_tokens stayed within the safe zone for every request. Reports: reports/junit.xml, \
            reports/report.md, reports/report.json. The run is recorded in the history \
            (.docharness/history.sqlite; --no-history turns it off) for `docharness runs` and \
            `docharness compare`.

            Re-recording the cassettes (after changing a prompt): make cassettes.

            Exit codes: 0 passed, 1 failed (unmatched prompts, failed symbols, or a safe-zone crossing), \
            2 usage error, 3 unreadable cassettes or missing vocabularies.
            """
    )

    @OptionGroup var inputs: EvaluationInputs

    @OptionGroup var generation: GenerationOptions

    @OptionGroup(title: "Open-weight models") var openWeight: OpenWeightOptions

    @Option(help: "A fault plan for the replay server (the format `serve --help` shows under --faults).")
    var faults: String?

    @Option(help: "Journal file: a run killed and started again with the same journal re-requests nothing finished.")
    var journal: String?

    @Option(name: .customLong("reports"), help: "The folder the three reports go to.")
    var reportsFolder = "reports"

    @Option(help: "An OpenAI-compatible server (base URL, e.g. http://127.0.0.1:8080) that --record sends requests to.")
    var upstream: String?

    @Option(help: "When to send requests to --upstream and record them, as VCR.py: none (strict replay), once (record only when the cassette does not exist), new_episodes (record what is not recorded; the default with --upstream), all (record everything again).")
    var record: RecordMode?

    @OptionGroup var history: HistoryOptions

    @Option(name: .customLong("record-to"), help: "The cassette file record mode writes (default: generate.json in the first cassette folder).")
    var recordTo: String?

    func validate() throws {
        if let record, record != .none, upstream == nil { throw ValidationError("--record \(record.rawValue) needs --upstream URL (the server to record from)") }
        try inputs.validate(upstream: record == RecordMode.none ? nil : upstream)
    }

    func run() async throws {
        var standardError = StandardError()
        let startedAt = Date()
        var settings: EvaluationRun.Settings
        do {
            settings = EvaluationRun.Settings(pythonPaths: inputs.projects, cassettePaths: inputs.cassettePaths, template: try generation.template(),
                                              store: VocabularyStore(environment: ProcessInfo.processInfo.environment))
            if let faults { settings.faultPlan = try FaultPlan.load(path: faults) }
            settings.openWeight = try openWeight.load()
        } catch {
            print("docharness eval: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        settings.apply(generation, journal: journal, upstream: upstream, recordTo: inputs.recordFile(recordTo))
        settings.recordMode = record ?? (upstream == nil ? .none : .newEpisodes)
        let progress = ProgressLine(label: "generating")
        let result: EvaluationResult
        do {
            result = try await EvaluationRun(settings: settings).run { progress.update($0.finished, of: $0.total) }
            progress.finish()
        } catch {
            progress.finish()
            print("docharness eval: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        let junit = reportsFolder + "/junit.xml", markdown = reportsFolder + "/report.md", json = reportsFolder + "/report.json"
        let configured = (try? ConfigurationLoader.discover(from: ".", knownCodes: RuleCatalog.codes))?.0.historyLocation
        let recording = history.recordingLocation(configured: configured, onByDefault: true).map { location in
            let projects = inputs.projects
            return HistoryRecording(into: location) { RunRecord(evaluation: result, paths: projects, startedAt: startedAt, revision: .current()) }
        }
        var errors = EvaluationReports.write(result, junit: junit, markdown: markdown, json: json)
        if let recording, let error = await recording.finish() { errors.append(error) }
        for error in errors { print("docharness eval: \(error)", to: &standardError) }
        for symbol in result.symbols where symbol.outcome != .generated {
            let message = symbol.error.map { String($0.prefix { $0 != "\n" }) } ?? ""
            print("\(symbol.path):\(symbol.line): \(symbol.qualname): \(symbol.outcome.rawValue): \(message)", to: &standardError)
        }
        print(EvalSummary.text(result))
        print("reports: \(junit), \(markdown), \(json)")
        if !errors.isEmpty { throw ExitCode(ExitStatus.unreadableInput) }
        if !result.passed { throw ExitCode(ExitStatus.gateFailed) }
    }
}

extension EvaluationRun.Settings {
    /// The generation options and record-mode settings of `eval`.
    mutating func apply(_ options: GenerationOptions, journal: String?, upstream: String?, recordTo: String) {
        model = options.model
        budget = options.budget
        estimatorName = options.estimator
        regenerateBelow = options.regenerateBelow
        concurrency = options.concurrency
        structuredOutput = options.responseFormat
        maximumResponseTokens = options.maxResponseTokens
        retryPolicy = options.retryPolicy
        journalPath = journal
        recordUpstream = upstream
        upstreamHeaders = options.apiKey().map { [("Authorization", "Bearer " + $0)] } ?? []
        self.recordTo = recordTo
    }
}

extension RecordMode: ExpressibleByArgument {}
