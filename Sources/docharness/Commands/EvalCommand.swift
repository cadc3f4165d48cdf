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

    @Option(help: "The model named in requests.")
    var model = "gpt-4o-mini"

    @Option(name: .customLong("prompt-template"), help: "A prompt template file (default: the bundled docstring-v1).")
    var promptTemplate: String?

    @Option(name: .customLong("safe-zone"), help: "Prompt + max_tokens never exceeds this.")
    var safeZone = 22_800

    @Option(help: "Tokens kept back for estimation error.")
    var buffer = 100

    @Option(help: "The estimator that sizes max_tokens (\(EstimatorCatalog.names.joined(separator: ", "))).")
    var estimator = "chat"

    @Option(name: .customLong("regenerate-below"), help: "Generate for symbols scoring below this (and for undocumented ones).")
    var regenerateBelow = 70.0

    @Option(help: "A fault plan for the replay server (docs/replay.md).")
    var faults: String?

    @Option(help: "Requests in flight at once.")
    var concurrency = 4

    @Option(help: "Journal file: a run killed and started again with the same journal re-requests nothing finished.")
    var journal: String?

    @Option(name: .customLong("reports"), help: "The folder the three reports go to.")
    var reportsFolder = "reports"

    @Option(help: "Record requests the cassettes do not hold from this upstream (re-recording).")
    var upstream: String?

    @Option(name: .customLong("record-to"), help: "The cassette file record mode writes.")
    var recordTo = "corpora/cassettes/generate.json"

    func validate() throws {
        if safeZone <= buffer { throw ValidationError("--safe-zone must exceed --buffer") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if !EstimatorCatalog.names.contains(estimator) { throw ValidationError("--estimator must be one of \(EstimatorCatalog.names.joined(separator: ", "))") }
    }

    func run() async throws {
        var standardError = StandardError()
        let template: PromptTemplate
        var settings: EvaluationRun.Settings
        do {
            template = try promptTemplate.map { path throws(PromptTemplate.ParseError) in try PromptTemplate.load(path: path) } ?? PromptTemplate.bundled()
            settings = EvaluationRun.Settings(pythonPaths: paths, cassettePaths: cassettes, template: template,
                                              store: VocabularyStore(environment: ProcessInfo.processInfo.environment))
            if let faults {
                guard let data = FileManager.default.contents(atPath: faults) else {
                    throw CassetteError(file: faults, line: nil, reason: "cannot be read", fix: "check the path of --faults")
                }
                settings.faultPlan = try FaultPlan.parse(Array(data), file: faults)
            }
        } catch {
            print("docharness eval: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        settings.model = model
        settings.budget = SafeZoneBudget(safeZone: safeZone, buffer: buffer)
        settings.estimatorName = estimator
        settings.regenerateBelow = regenerateBelow
        settings.concurrency = concurrency
        settings.journalPath = journal
        settings.recordUpstream = upstream
        settings.recordTo = recordTo
        let progress = ProgressLine(label: "generating")
        let result: EvaluationResult
        do {
            result = try await EvaluationRun(settings: settings).run { update in
                progress.update(update.finished, of: update.total)
            }
        } catch {
            progress.finish()
            print("docharness eval: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        progress.finish()
        let junit = reportsFolder + "/junit.xml", markdown = reportsFolder + "/report.md", json = reportsFolder + "/report.json"
        let errors = EvaluationReports.write(result, junit: junit, markdown: markdown, json: json)
        for error in errors { print("docharness eval: \(error)", to: &standardError) }
        print(EvalSummary.text(result))
        print("reports: \(junit), \(markdown), \(json)")
        if !errors.isEmpty { throw ExitCode(ExitStatus.unreadableInput) }
        if !result.passed { throw ExitCode(ExitStatus.gateFailed) }
    }
}

/// The few lines `eval` prints.
enum EvalSummary {
    static func text(_ result: EvaluationResult) -> String {
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        let generated = result.symbols.filter { $0.outcome == .generated }.count
        var lines = [
            "\(result.symbols.count) symbols needed a docstring; \(generated) generated, \(result.symbols.filter { $0.outcome == .skipped }.count) skipped, \(result.symbols.filter { $0.outcome == .failed }.count) failed",
            "                 completeness  clarity  style  complexity  overall",
            "  existing       \(f(result.existing.completeness).leftPad(12))  \(f(result.existing.clarity).leftPad(7))  \(f(result.existing.style).leftPad(5))  \(f(result.existing.complexity).leftPad(10))  \(f(result.existing.overall).leftPad(7))",
            "  generated      \(f(result.generated.completeness).leftPad(12))  \(f(result.generated.clarity).leftPad(7))  \(f(result.generated.style).leftPad(5))  \(f(result.generated.complexity).leftPad(10))  \(f(result.generated.overall).leftPad(7))",
            "safe zone \(result.budget.safeZone): \(result.compliance.compliant)/\(result.compliance.requests) requests compliant (\(f(result.compliance.rate * 100))%), largest prompt + max_tokens \(result.compliance.largestTotal)",
            "traffic: \(result.traffic.requests) requests\(result.resumed > 0 ? " (\(result.resumed) symbols resumed from the journal)" : ""), \(result.traffic.retries) retries, \(result.traffic.rateLimited) × 429, p50 \(f(result.traffic.p50 * 1000)) ms, p95 \(f(result.traffic.p95 * 1000)) ms, p99 \(f(result.traffic.p99 * 1000)) ms",
        ]
        if let chat = result.estimatorsOnRun.rows.first(where: { $0.estimator == result.estimator }) {
            lines.append("estimator \(chat.estimator) on this run: \(chat.exact)/\(chat.count) exact, MAPE \(f(chat.meanAbsolutePercentError))%, \(chat.safeZoneCrossings) crossings")
        }
        lines.append(result.passed ? "eval: passed" : "eval: FAILED: " + result.failures.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// A progress bar on a terminal (stderr), plain progress lines every 10% otherwise.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastDecile = -1

    init(label: String) {
        self.label = label
    }

    func update(_ done: Int, of total: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard total > 0 else { return }
        if isTerminal {
            let width = 30
            let filled = done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
        } else {
            let decile = done * 10 / total
            if decile != lastDecile {
                lastDecile = decile
                FileHandle.standardError.write(Data("\(label): \(done)/\(total)\n".utf8))
            }
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
