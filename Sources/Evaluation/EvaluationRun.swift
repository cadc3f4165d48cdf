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
        /// An open-weight model's tokenizer and chat template (`--tokenizer`): `chat` and `bpe`
        /// count with it, and the estimator tables gain its row.
        public var openWeight: ModelTokens?
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
        /// How to ask for the answer's shape first.
        public var structuredOutput = StructuredOutput.jsonSchema
        /// The most `max_tokens` asked for (nil: all the safe zone leaves).
        public var maximumResponseTokens: Int?
        /// The journal (resume); a fresh temporary one when nil.
        public var journalPath: String?
        /// The upstream record mode sends requests to (an OpenAI-compatible base URL).
        public var recordUpstream: String?
        /// When requests go upstream and are recorded into `recordTo` (VCR.py's modes).
        public var recordMode = RecordMode.none
        /// The cassette record mode writes (needed with `recordUpstream`).
        public var recordTo: String?
        /// Headers sent to the upstream only (the API key), never written.
        public var upstreamHeaders: [(String, String)] = []
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

    /// Runs the stages — select, generate, rescore, measure, verdict — and returns what they
    /// found; `progress` is told of each finished symbol.
    public func run(progress: @escaping @Sendable (DocstringGenerator.Progress) -> Void = { _ in }) async throws -> EvaluationResult {
        let started = settings.clock.now()
        // Each path is a project with its own dominant style.
        let selection = GenerationSelection(paths: settings.pythonPaths, below: settings.regenerateBelow)
        let cassettes = try loadCassettes()
        let estimator = try estimator()
        let generated = try await ReplayGeneration(settings: settings).run(selection.targets, cassettes: cassettes, estimator: estimator, progress: progress)
        let edits = DocstringEdits(targets: selection.targets, entries: generated.entries)
        let rescoring = Rescoring(selection: selection, edits: edits)
        let measurement = try RunMeasurement(settings: settings, selection: selection, generated: generated, edits: edits, rescoring: rescoring,
                                             cassettes: cassettes, wallSeconds: settings.clock.now() - started)
        let verdict = Verdict(entries: generated.entries, unmatched: measurement.unmatched.count, compliance: measurement.compliance, safeZone: settings.budget.safeZone)
        let targets = selection.targets
        let documentedBefore = targets.compactMap { selection.scores[$0.identifier] }.filter(\.documented)
        let generatedScores = Self.generatedScores(targets, rescoring: rescoring, edits: edits)
        var result = EvaluationResult(
            model: settings.model, templateVersion: settings.template.version, estimator: estimator.name, budget: settings.budget,
            existing: Self.means(documentedBefore, missingCount: targets.count - documentedBefore.count),
            generated: Self.means(generatedScores, missingCount: 0),
            projects: rescoring.projects, symbols: measurement.symbols, resumed: generated.resumed.intersection(targets.map(\.identifier)).count,
            compliance: measurement.compliance, traffic: measurement.traffic, estimatorsOnRun: measurement.estimatorsOnRun,
            estimatorsOnCassettes: measurement.estimatorsOnCassettes, unmatched: measurement.unmatched, passed: verdict.passed, failures: verdict.failures)
        result.generatedReview = GeneratedDocstringReview(generatedScores, threshold: settings.regenerateBelow)
        return result
    }

    /// The cassettes the server replays (paths that do not exist yet are left out: record mode
    /// creates them).
    func loadCassettes() throws -> [Cassette] {
        if settings.recordUpstream != nil, settings.recordTo == nil {
            throw SetupError(description: "record mode needs the cassette file to write (recordTo)")
        }
        do {
            return try CassetteLoader.load(paths: settings.cassettePaths.filter { FileManager.default.fileExists(atPath: $0) })
        } catch {
            throw SetupError(description: "\(error)")
        }
    }

    /// The estimator that sizes `max_tokens`.
    func estimator() throws -> any TokenEstimator {
        let found: (any TokenEstimator)?
        do {
            found = try EstimatorCatalog.estimator(named: settings.estimatorName, model: settings.model, store: settings.store, openWeight: settings.openWeight)
        } catch {
            throw SetupError(description: error.description)
        }
        guard let found else {
            throw SetupError(description: "unknown estimator '\(settings.estimatorName)'; one of \(EstimatorCatalog.names.joined(separator: ", "))")
        }
        return found
    }

    /// The generated docstrings' scores, once per target identifier in the targets' order (so the
    /// means add up in the same order every run).
    static func generatedScores(_ targets: [DocstringTarget], rescoring: Rescoring, edits: DocstringEdits) -> [SymbolResult] {
        var seen: Set<String> = []
        return targets.compactMap { target in
            guard seen.insert(target.identifier).inserted, edits.docstrings[target.identifier] != nil,
                  let score = rescoring.scores[target.identifier], score.documented else { return nil }
            return score
        }
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
