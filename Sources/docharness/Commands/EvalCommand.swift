import ArgumentParser
import Evaluation
import Foundation
import Generation
import Replay
import Reports
import Tokenization

/// `docharness eval`: the main job on the bundled corpora, offline.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "The main job: score, generate through the replay server, score again, benchmark estimators, prove the safe zone.",
        discussion: """
            With no arguments it runs the bundled corpora (corpora/python, corpora/cassettes) offline: it starts \
            the replay server in-process on an ephemeral port (strict: a prompt with no recording fails, with the \
            diff in the Markdown report), scores the existing docstrings, generates for the symbols that have none \
            or score below --regenerate-below, scores the generated ones with the same rules, benchmarks every \
            token estimator on the requests made and on the cassettes, and checks that recorded prompt tokens + \
            max_tokens stayed within the safe zone for every request. Reports: reports/junit.xml, \
            reports/report.md, reports/report.json (docs/eval.md).

            Re-recording the cassettes (after changing a prompt): make cassettes.

            Exit codes: 0 passed, 1 failed (unmatched prompts, failed symbols, or a safe-zone crossing), \
            2 usage error, 3 unreadable cassettes or missing vocabularies.
            """
    )

    @Argument(help: "Python projects (files or folders), each scored with its own dominant style (default: the four packages of corpora/python).")
    var paths: [String] = ["corpora/python/geometry", "corpora/python/inventory", "corpora/python/ledger", "corpora/python/textkit"]

    @Option(help: "Cassette files or folders the replay server answers from (repeatable; default: corpora/cassettes).")
    var cassettes: [String] = ["corpora/cassettes"]

    @OptionGroup var generation: GenerationOptions

    @Option(help: "A fault plan for the replay server (docs/replay.md).")
    var faults: String?

    @Option(help: "Journal file: a run killed and started again with the same journal re-requests nothing finished.")
    var journal: String?

    @Option(name: .customLong("reports"), help: "The folder the three reports go to.")
    var reportsFolder = "reports"

    @Option(help: "Record requests the cassettes do not hold from this upstream (re-recording).")
    var upstream: String?

    @Option(name: .customLong("record-to"), help: "The cassette file record mode writes.")
    var recordTo = "corpora/cassettes/generate.json"

    func run() async throws {
        var standardError = StandardError()
        var settings: EvaluationRun.Settings
        do {
            settings = EvaluationRun.Settings(pythonPaths: paths, cassettePaths: cassettes, template: try generation.template(),
                                              store: VocabularyStore(environment: ProcessInfo.processInfo.environment))
            if let faults { settings.faultPlan = try FaultPlan.load(path: faults) }
        } catch {
            print("docharness eval: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        settings.apply(generation, journal: journal, upstream: upstream, recordTo: recordTo)
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
        let errors = EvaluationReports.write(result, junit: junit, markdown: markdown, json: json)
        for error in errors { print("docharness eval: \(error)", to: &standardError) }
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
        journalPath = journal
        recordUpstream = upstream
        self.recordTo = recordTo
    }
}
