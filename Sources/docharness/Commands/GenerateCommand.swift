import ArgumentParser
import Files
import Foundation
import Generation
import LLMClient
import PythonSyntax
import Replay
import ReplayServer
import Tokenization

/// `docharness generate`: docstrings from any OpenAI-compatible server or Azure deployment.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate docstrings for symbols that have none or score low, inside the safe zone.",
        discussion: """
            Sends one chat-completions request per symbol, asking for a JSON answer (a strict json_schema: summary, description, parameters, returns, yields, raises, examples), sized so that \
            prompt + max_tokens ≤ --safe-zone, through a client-side rate limiter with retries. Finished symbols \
            go to the --journal as they finish; run again with the same journal and nothing finished is \
            requested again. Without --diff or --apply it prints each docstring. The API key is read from \
            OPENAI_API_KEY (or AZURE_OPENAI_API_KEY with --azure-deployment).
            """
    )

    @Argument(help: "Python files or folders.")
    var paths: [String] = ["."]

    @Option(name: .customLong("base-url"), help: "An OpenAI-compatible base URL (https://api.openai.com/v1), or the Azure endpoint with --azure-deployment.")
    var baseURL: String?

    @Option(name: .customLong("azure-deployment"), help: "The Azure OpenAI deployment name.")
    var azureDeployment: String?

    @Option(name: .customLong("api-version"), help: "The Azure OpenAI API version.")
    var apiVersion = "2024-10-21"

    @OptionGroup var generation: GenerationOptions

    @OptionGroup(title: "Open-weight models") var openWeight: OpenWeightOptions

    @OptionGroup(title: "Cassettes") var recording: GenerateRecordingOptions

    @Option(help: "Requests per minute allowed (60% is used).")
    var rpm: Int?

    @Option(help: "Tokens per minute allowed (60% is used).")
    var tpm: Int?

    @Option(help: "The journal file (resume).")
    var journal = ".docharness/generate-journal.jsonl"

    @Flag(help: "Ask for streamed answers (a stream cut before [DONE] is retried).")
    var stream = false

    @Flag(help: "Print a unified diff of the changes instead of the docstrings.")
    var diff = false

    @Flag(help: "Write the docstrings into the files (atomically; every other byte kept).")
    var apply = false

    func validate() throws {
        if diff && apply { throw ValidationError("--diff and --apply exclude each other") }
        try recording.validate(baseURL: baseURL, azureDeployment: azureDeployment)
        try EvaluationInputs.requirePythonFiles(paths)
    }

    func run() async throws {
        var standardError = StandardError()
        let environment = ProcessInfo.processInfo.environment
        let store = VocabularyStore(environment: environment)
        let template: PromptTemplate
        let tokenEstimator: any TokenEstimator
        let journalFile: GenerationJournal
        let replay: RunningReplayServer?
        do {
            template = try generation.template()
            tokenEstimator = try EstimatorCatalog.estimator(named: generation.estimator, model: generation.model, store: store, openWeight: try openWeight.load())!
            journalFile = try GenerationJournal(path: journal)
            replay = try await recording.start(baseURL: baseURL, apiKey: generation.apiKey(), store: store)
        } catch {
            print("docharness generate: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        let selection = GenerationSelection(paths: paths, below: generation.regenerateBelow)
        let endpoint: ChatEndpoint = replay.map { .openAI(baseURL: $0.baseURL, apiKey: nil) } ?? azureDeployment.map {
            .azure(endpoint: baseURL ?? "", deployment: $0, apiVersion: apiVersion, apiKey: generation.apiKey(azure: true))
        } ?? .openAI(baseURL: baseURL ?? "", apiKey: generation.apiKey())
        let clock = SystemGenerationClock()
        let client = ChatClient(endpoint: endpoint, transport: HTTPChatTransport(),
                                limiter: RequestRateLimiter(limits: .init(requestsPerMinute: rpm, tokensPerMinute: tpm), clock: clock),
                                policy: generation.retryPolicy, clock: clock)
        var settings = DocstringGenerator.Settings(model: generation.model, template: template, budget: generation.budget,
                                                   estimator: tokenEstimator, concurrency: generation.concurrency, stream: stream)
        (settings.structuredOutput, settings.maximumResponseTokens) = (generation.responseFormat, generation.maxResponseTokens)
        let generator = DocstringGenerator(settings: settings, client: client, journal: journalFile)
        let progress = ProgressLine(label: "generating")
        let entries = try await generator.run(selection.targets) { progress.update($0.finished, of: $0.total) }
        progress.finish()
        await client.shutdown()
        await replay?.stop()
        let edits = DocstringEdits(targets: selection.targets, entries: entries)
        var failed = 0
        for (target, entry) in zip(selection.targets, entries) {
            if entry.answer == nil {
                failed += 1
                print("\(target.path):\(target.symbol.line): \(entry.outcome.rawValue): \(entry.error ?? "")", to: &standardError)
            } else if !diff && !apply, let docstring = edits.docstrings[target.identifier] {
                print("\(target.identifier):\n" + docstring.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n")
            }
        }
        var problems: [String] = []
        if diff || apply {
            problems = edits.writeBack(selection.projects.flatMap(\.files), apply: apply) { print($0) }
            for problem in problems { print("docharness generate: \(problem)", to: &standardError) }
        }
        print("\(entries.count) symbols: \(entries.filter { $0.outcome == .generated }.count) generated, \(entries.filter { $0.outcome == .skipped }.count) skipped, \(failed - entries.filter { $0.outcome == .skipped }.count) failed; journal \(journal)", to: &standardError)
        if failed > 0 || !problems.isEmpty { throw ExitCode(ExitStatus.gateFailed) }
    }
}
