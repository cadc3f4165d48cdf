import Foundation
import Generation
import LLMClient
import Replay
import ReplayServer
import Tokenization

/// The generate stage of `eval`: an in-process replay server (strict, or recording unmatched
/// requests from an upstream), a client on the run's clock and limits, and the generator writing
/// each outcome to the journal.
struct ReplayGeneration {
    /// What the stage produced.
    struct Output {
        /// One entry per target, in the targets' order.
        var entries: [JournalEntry]
        /// Targets the journal already held from an earlier run (not requested again).
        var resumed: Set<String>
    }

    let settings: EvaluationRun.Settings

    /// Generates for `targets` through a server replaying `cassettes`.
    func run(_ targets: [DocstringTarget], cassettes: [Cassette], estimator: any TokenEstimator,
             progress: @escaping @Sendable (DocstringGenerator.Progress) -> Void) async throws -> Output {
        let server = try await ReplayServer.start(service(cassettes))
        let journalPath = settings.journalPath ?? NSTemporaryDirectory() + "docharness-eval-\(UUID().uuidString).jsonl"
        let journal: GenerationJournal
        do {
            journal = try GenerationJournal(path: journalPath)
        } catch {
            await server.stop()
            throw EvaluationRun.SetupError(description: error.description)
        }
        let client = ChatClient(endpoint: .openAI(baseURL: server.baseURL, apiKey: nil), transport: HTTPChatTransport(),
                                limiter: RequestRateLimiter(limits: settings.limits, clock: settings.clock), policy: settings.retryPolicy, clock: settings.clock)
        var generation = DocstringGenerator.Settings(model: settings.model, template: settings.template, budget: settings.budget,
                                                     estimator: estimator, concurrency: settings.concurrency)
        generation.structuredOutput = settings.structuredOutput
        generation.maximumResponseTokens = settings.maximumResponseTokens
        let generator = DocstringGenerator(settings: generation, client: client, journal: journal)
        let resumed = Set(targets.compactMap { generator.resumableEntry(for: $0)?.target })
        let entries: Result<[JournalEntry], any Error>
        do {
            entries = .success(try await generator.run(targets, progress: progress))
        } catch {
            entries = .failure(error)
        }
        await client.shutdown()
        await server.stop()
        if settings.journalPath == nil { try? FileManager.default.removeItem(atPath: journalPath) }
        return Output(entries: try entries.get(), resumed: resumed)
    }

    /// The replay service: strict over the cassettes, or recording into `recordTo` from the
    /// upstream as the record mode says.
    func service(_ cassettes: [Cassette]) -> ReplayService {
        ReplayService(configuration: .recordMode(
            settings.recordMode, cassettes: cassettes, recordTo: settings.recordTo, upstream: settings.recordUpstream,
            upstreamHeaders: settings.upstreamHeaders, faultPlan: settings.faultPlan, vocabularies: settings.store))
    }
}
