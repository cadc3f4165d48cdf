import ChatWire
import Docstrings
import Foundation
import Generation
import LLMClient
import PythonSyntax
import Replay
import ReplayServer
import Scoring
import Tokenization

/// The main job, end to end: score the existing docstrings, generate for the symbols that need it
/// through an in-process replay server, score the generated ones with the same rules, benchmark
/// the estimators on every request made and on the cassettes, and check safe-zone compliance.
public struct EvaluationRun: Sendable {
    /// What to run on and how.
    public struct Settings: Sendable {
        /// Python files or folders.
        public var pythonPaths: [String]
        /// Cassette files or folders the server replays.
        public var cassettePaths: [String]
        /// The model asked.
        public var model = "gpt-4o-mini"
        /// The prompt template.
        public var template: PromptTemplate
        /// The safe zone.
        public var budget = SafeZoneBudget()
        /// The estimator that sizes `max_tokens`.
        public var estimatorName = ChatEstimator.name
        /// Symbols whose overall score is below this (or that have no docstring) are generated.
        public var regenerateBelow = 70.0
        /// Faults the server injects.
        public var faultPlan = FaultPlan()
        /// Client-side limits.
        public var limits = RequestRateLimiter.Limits()
        /// The retry policy.
        public var retryPolicy = RetryPolicy()
        /// Requests in flight.
        public var concurrency = 4
        /// The journal (resume); a fresh temporary one when nil.
        public var journalPath: String?
        /// Record unmatched requests from this upstream into `recordTo` instead of failing them.
        public var recordUpstream: String?
        /// The cassette record mode writes.
        public var recordTo: String?
        /// Vocabularies.
        public var store: VocabularyStore
        /// The clock limiter and retries sleep on.
        public var clock: any GenerationClock = SystemGenerationClock()

        /// Creates settings.
        public init(pythonPaths: [String], cassettePaths: [String], template: PromptTemplate, store: VocabularyStore) {
            self.pythonPaths = pythonPaths
            self.cassettePaths = cassettePaths
            self.template = template
            self.store = store
        }
    }

    /// A problem that stops the run (unreadable cassettes, missing vocabulary, journal).
    public struct SetupError: Error, Sendable, CustomStringConvertible {
        /// What went wrong and the fix.
        public var description: String
    }

    /// The settings.
    public let settings: Settings

    /// Creates a run.
    public init(settings: Settings) {
        self.settings = settings
    }

    /// Runs; `progress` is told of each finished symbol.
    public func run(progress: @escaping @Sendable (DocstringGenerator.Progress) -> Void = { _ in }) async throws -> EvaluationResult {
        let started = ContinuousClock.now
        // 1. The existing docstrings, and 2. what needs a docstring (each path is a project with
        // its own dominant style).
        let selection = GenerationSelection(paths: settings.pythonPaths, below: settings.regenerateBelow)
        let targets = selection.targets, beforeScores = selection.scores

        // 3. Generation through the in-process replay server.
        let cassettes: [Cassette]
        do {
            cassettes = try CassetteLoader.load(paths: settings.cassettePaths.filter { FileManager.default.fileExists(atPath: $0) })
        } catch {
            throw SetupError(description: "\(error)")
        }
        let found: (any TokenEstimator)?
        do {
            found = try EstimatorCatalog.estimator(named: settings.estimatorName, model: settings.model, store: settings.store)
        } catch {
            throw SetupError(description: error.description)
        }
        guard let estimator = found else {
            throw SetupError(description: "unknown estimator '\(settings.estimatorName)'; one of \(EstimatorCatalog.names.joined(separator: ", "))")
        }
        var recording: RecordingConfiguration?
        if let upstream = settings.recordUpstream {
            recording = RecordingConfiguration(upstream: upstream, cassetteFile: settings.recordTo ?? "corpora/cassettes/generate.json")
            recording?.sortedByRequest = true
        }
        let serverCassettes = cassettes.filter { $0.path != recording?.cassetteFile }
        let service = ReplayService(configuration: ReplayServerConfiguration(
            cassettes: recording == nil ? cassettes : serverCassettes, mode: .strict, faultPlan: settings.faultPlan, recording: recording, vocabularies: settings.store))
        let server = try await ReplayServer.start(service)
        let journalPath = settings.journalPath ?? NSTemporaryDirectory() + "docharness-eval-\(UUID().uuidString).jsonl"
        let journal: GenerationJournal
        do {
            journal = try GenerationJournal(path: journalPath)
        } catch {
            await server.stop()
            throw SetupError(description: error.description)
        }
        let client = ChatClient(endpoint: .openAI(baseURL: server.baseURL, apiKey: nil), transport: HTTPChatTransport(),
                                limiter: RequestRateLimiter(limits: settings.limits, clock: settings.clock), policy: settings.retryPolicy, clock: settings.clock)
        let generator = DocstringGenerator(settings: .init(model: settings.model, template: settings.template, budget: settings.budget,
                                                           estimator: estimator, concurrency: settings.concurrency), client: client, journal: journal)
        let resumed = Set(journal.previous.filter { $0.value.isFinal && $0.value.templateVersion == settings.template.version && $0.value.model == settings.model }.keys)
        let entries: [JournalEntry]
        do {
            entries = try await generator.run(targets, progress: progress)
        } catch {
            await client.shutdown()
            await server.stop()
            throw error
        }
        await client.shutdown()
        await server.stop()
        if settings.journalPath == nil { try? FileManager.default.removeItem(atPath: journalPath) }

        // 4. The generated docstrings, put into copies of the files and scored the same way.
        let edits = DocstringEdits(targets: targets, entries: entries)
        let docstrings = edits.docstrings
        var projects: [ProjectComparison] = []
        var afterScores: [String: SymbolResult] = [:]
        for project in selection.projects {
            let afterFiles = project.files.map { file -> SourceFile in
                guard case .success(let bytes) = FileBytes.read(path: file.path), let patched = try? edits.patched(file, bytes: bytes) else { return file }
                return SourceFile.parse(bytes: patched, path: file.path)
            }
            var configuration = ScoringConfiguration()
            configuration.style = project.check.projectStyle
            let after = Scorer(configuration: configuration).check(afterFiles)
            for result in after.files { for symbol in result.symbols { afterScores[result.path + "::" + symbol.qualname] = symbol } }
            projects.append(ProjectComparison(
                path: project.path, style: project.check.projectStyle.rawValue,
                before: ProjectFigures(overall: project.check.project.overall, coverage: project.check.project.coverage, findings: project.check.project.findings),
                after: ProjectFigures(overall: after.project.overall, coverage: after.project.coverage, findings: after.project.findings)))
        }

        // 5. Outcomes, compliance, traffic.
        var outcomes: [SymbolOutcome] = []
        var unmatched: [UnmatchedRequest] = []
        var compliance = Compliance(requests: 0, compliant: 0, largestTotal: 0, violations: [])
        for (target, entry) in zip(targets, entries) {
            let beforeScore = beforeScores[target.identifier]
            outcomes.append(SymbolOutcome(
                path: target.path, qualname: target.symbol.qualname, line: target.symbol.line, outcome: entry.outcome,
                before: beforeScore?.documented == true ? beforeScore?.overall ?? 0 : 0,
                after: entry.answer == nil ? nil : afterScores[target.identifier]?.overall, promptTokens: entry.promptTokens,
                estimatedPromptTokens: entry.estimatedPromptTokens, maxTokens: entry.maxTokens, attempts: entry.attempts, latency: entry.latency,
                droppedUnits: entry.droppedUnits, error: entry.error, docstring: docstrings[target.identifier]))
            if let error = entry.error, error.contains("unmatched_request") || error.contains("no recording") {
                unmatched.append(UnmatchedRequest(target: target.identifier, message: error))
            }
            if let prompt = entry.promptTokens, let maxTokens = entry.maxTokens {
                compliance.requests += 1
                let total = prompt + maxTokens
                compliance.largestTotal = max(compliance.largestTotal, total)
                if total <= settings.budget.safeZone {
                    compliance.compliant += 1
                } else {
                    compliance.violations.append("\(target.identifier): \(prompt) + \(maxTokens) = \(total) > \(settings.budget.safeZone)")
                }
            }
        }
        // Traffic counts this run's requests only, not those a resumed journal already held.
        let sent = zip(targets, entries).filter { $0.1.attempts > 0 && !resumed.contains($0.0.identifier) }.map(\.1)
        let latencies = SortedSample(sent.filter { $0.promptTokens != nil }.map(\.latency))
        let elapsed = ContinuousClock.now - started
        let traffic = Traffic(
            requests: sent.count, attempts: sent.reduce(0) { $0 + $1.attempts }, retries: sent.reduce(0) { $0 + max(0, $1.attempts - 1) },
            rateLimited: sent.reduce(0) { $0 + $1.rateLimited }, serverErrors: sent.reduce(0) { $0 + $1.serverErrors },
            transportErrors: sent.reduce(0) { $0 + $1.transportErrors }, p50: latencies.percentile(0.5), p95: latencies.percentile(0.95), p99: latencies.percentile(0.99),
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)

        // 6. Estimators on this run's requests and on the cassettes.
        let benchmark = EstimatorBenchmark(store: settings.store, budget: settings.budget)
        let runSamples = zip(targets, entries).compactMap { target, entry -> EstimatorSample? in
            guard let prompt = entry.promptTokens, let value = entry.request, let request = try? ChatCompletionRequest(json: value, path: "") else { return nil }
            return EstimatorSample(request: request, model: settings.model, recordedPromptTokens: prompt, source: target.identifier)
        }
        let onRun = try benchmark.run(runSamples)
        let onCassettes = try benchmark.run(EstimatorSample.samples(from: cassettes))

        // 7. The verdict.
        var failures: [String] = []
        let failed = entries.filter { $0.outcome == .failed }
        if !unmatched.isEmpty { failures.append("\(unmatched.count) requests had no recording in strict replay (a prompt changed? re-record with `make cassettes`)") }
        if failed.count > unmatched.count { failures.append("\(failed.count - unmatched.count) symbols failed to generate") }
        if compliance.rate < 1 { failures.append("\(compliance.requests - compliance.compliant) of \(compliance.requests) requests crossed the safe zone of \(settings.budget.safeZone)") }
        let targeted = Set(targets.map(\.identifier))
        let documentedBefore = targets.compactMap { beforeScores[$0.identifier] }.filter(\.documented)
        return EvaluationResult(
            model: settings.model, templateVersion: settings.template.version, estimator: settings.estimatorName, budget: settings.budget,
            existing: Self.means(documentedBefore, missingCount: targets.count - documentedBefore.count),
            generated: Self.means(afterScores.filter { targeted.contains($0.key) && $0.value.documented && docstrings[$0.key] != nil }.map(\.value), missingCount: 0),
            projects: projects,
            symbols: outcomes, resumed: resumed.intersection(targets.map(\.identifier)).count, compliance: compliance, traffic: traffic, estimatorsOnRun: onRun, estimatorsOnCassettes: onCassettes,
            unmatched: unmatched, passed: failures.isEmpty, failures: failures)
    }

    /// Mean scores; `missingCount` symbols without a docstring count as zero in every dimension.
    static func means(_ symbols: [SymbolResult], missingCount: Int) -> DimensionMeans {
        let count = symbols.count + missingCount
        guard count > 0 else { return DimensionMeans(completeness: 0, clarity: 0, style: 0, complexity: 0, overall: 0, count: 0) }
        func mean(_ value: (SymbolResult) -> Double) -> Double { symbols.reduce(0) { $0 + value($1) } / Double(count) }
        return DimensionMeans(
            completeness: mean { $0.scores?.completeness ?? 0 }, clarity: mean { $0.scores?.clarity ?? 0 }, style: mean { $0.scores?.style ?? 0 },
            complexity: mean { $0.scores?.complexity ?? 0 }, overall: mean { $0.overall ?? 0 }, count: count)
    }
}
