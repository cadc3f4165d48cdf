import ChatWire
import Generation
import Replay
import Scoring

/// The measure stage of `eval`: each target's outcome, the prompts strict replay did not know,
/// safe-zone compliance, traffic, and the estimators against the usage of this run's requests and
/// of the cassettes.
struct RunMeasurement {
    var symbols: [SymbolOutcome] = []
    var unmatched: [UnmatchedRequest] = []
    var compliance: Compliance
    var traffic: Traffic
    var estimatorsOnRun: EstimatorBenchmark.Result
    var estimatorsOnCassettes: EstimatorBenchmark.Result

    /// Measures a run that generated `entries` for `selection`'s targets in `wallSeconds`.
    init(settings: EvaluationRun.Settings, selection: GenerationSelection, generated: ReplayGeneration.Output, edits: DocstringEdits,
         rescoring: Rescoring, cassettes: [Cassette], wallSeconds: Double) throws {
        let targets = selection.targets, entries = generated.entries
        for (target, entry) in zip(targets, entries) {
            let before = selection.scores[target.identifier]
            let after = entry.answer == nil ? nil : rescoring.scores[target.identifier]
            symbols.append(SymbolOutcome(
                path: target.path, qualname: target.symbol.qualname, line: target.symbol.line, outcome: entry.outcome,
                before: before?.documented == true ? before?.overall ?? 0 : 0,
                after: after?.overall, afterScores: after?.scores, afterFindings: after?.findings, promptTokens: entry.promptTokens,
                estimatedPromptTokens: entry.estimatedPromptTokens, maxTokens: entry.maxTokens, attempts: entry.attempts, latency: entry.latency,
                droppedUnits: entry.droppedUnits, error: entry.error, cause: entry.failure?.cause, docstring: edits.docstrings[target.identifier],
                existingDocstring: target.symbol.docstring))
            if let failure = entry.failure, failure.isUnmatchedRecording {
                unmatched.append(UnmatchedRequest(target: target.identifier, message: failure.description))
            }
        }
        compliance = Compliance(targets: targets, entries: entries, budget: settings.budget)
        // Traffic counts this run's requests only, not those a resumed journal already held.
        traffic = Traffic(sent: zip(targets, entries).filter { $0.1.attempts > 0 && !generated.resumed.contains($0.0.identifier) }.map(\.1), wallSeconds: wallSeconds)
        let benchmark = EstimatorBenchmark(store: settings.store, budget: settings.budget, openWeight: settings.openWeight)
        estimatorsOnRun = try benchmark.run(zip(targets, entries).compactMap { target, entry in
            guard let prompt = entry.promptTokens, let request = entry.request else { return nil }
            return EstimatorSample(request: request, model: settings.model, recordedPromptTokens: prompt, source: target.identifier)
        })
        estimatorsOnCassettes = try benchmark.run(EstimatorSample.samples(from: cassettes))
    }
}

extension Traffic {
    /// The traffic of the requests behind `sent` (one entry each) over a run of `wallSeconds`.
    init(sent: [JournalEntry], wallSeconds: Double) {
        let latencies = SortedSample(sent.filter { $0.promptTokens != nil }.map(\.latency))
        self.init(
            requests: sent.count, attempts: sent.reduce(0) { $0 + $1.attempts }, retries: sent.reduce(0) { $0 + max(0, $1.attempts - 1 - ($1.repairs ?? 0)) }, repairs: sent.reduce(0) { $0 + ($1.repairs ?? 0) },
            rateLimited: sent.reduce(0) { $0 + $1.rateLimited }, serverErrors: sent.reduce(0) { $0 + $1.serverErrors },
            transportErrors: sent.reduce(0) { $0 + $1.transportErrors }, p50: latencies.percentile(0.5), p95: latencies.percentile(0.95),
            p99: latencies.percentile(0.99), wallSeconds: wallSeconds)
    }
}
