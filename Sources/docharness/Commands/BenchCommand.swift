import ArgumentParser
import ChatWire
import Evaluation
import Files
import Foundation
import Generation
import Replay
import Reports
import Tokenization

/// `docharness bench`: measurements.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure token estimators against recorded usage.",
        subcommands: [EstimatorsCommand.self]
    )
}

/// `docharness bench estimators CASSETTE…`.
struct EstimatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimators",
        abstract: "Every estimator's prompt estimate against the recorded usage.prompt_tokens, and safe-zone compliance.",
        discussion: """
            Reads our cassettes and VCR.py / pytest-recording ones alike. For every distinct chat-completions \
            request whose response reports usage (the model is the one the response names): mean absolute % \
            error, signed bias, p50/p95/max error, under-estimate rate, worst under-estimate, speed; and, had the \
            estimator sized max_tokens = safe zone − estimate − buffer, how many requests would have crossed the \
            safe zone and how many response tokens over-estimating gave up. Then the chat estimator per request \
            class (plain, tools, response_format, other). Requests for models with no known encoding, through a \
            router (provider/model), or with image/audio parts are left out and counted.
            """
    )

    @Argument(help: "Cassette files or folders (default: corpora/cassettes).")
    var cassettes: [String] = ["corpora/cassettes"]

    @Option(help: "Tokens kept back for estimation error.")
    var buffer = 100

    @Option(help: "text or json.")
    var format = "text"

    @Option(help: "Also list the chat estimator's N largest misses (by % error).")
    var worst = 0

    @Flag(name: .customLong("by-project"), help: "Also validate chat by project (the first folder under each cassette folder given): each project counted with constants and chat+margin's margins fitted on the other projects alone (leave-one-project-out).")
    var byProject = false

    @Flag(help: "Also fit chat's constants and chat+margin's margins on all the cassettes given and print them (what ChatCountingConstants.fitted and ChatCountingMargins.fitted hold).")
    var fit = false

    @Option(name: .customLong("safe-zone"), help: "The safe zone's limit: chat+margin's margins cover requests up to it.")
    var limit = 22_800

    @Option(name: .customLong("estimator-command"), help: "Also measure your own estimator: a shell command that reads one request per line (compact JSON) on standard input and writes one token count per line (repeatable).")
    var estimatorCommands: [String] = []

    @Option(name: .customLong("samples-out"), help: ArgumentHelp("Also write every measured request to this file, one JSON object per line: source (file#index), project, api, model, class, recorded prompt_tokens (input_tokens), the chat estimate and the request (its chat form), for your own analysis.", valueName: "file.jsonl"))
    var samplesOut: String?

    @OptionGroup(title: "Open-weight models") var openWeight: OpenWeightOptions

    @OptionGroup(title: "Loading cassettes") var loadOptions: CassetteLoadOptions

    @Option(name: .customLong("exclude"), help: "Leave out cassettes whose path matches this glob (repeatable; '*' crosses '/'), e.g. hand-written fixtures.")
    var excludes: [String] = []

    func run() throws {
        var standardError = StandardError()
        var loaded: [Cassette]
        do {
            loaded = try loadOptions.load(cassettes, command: "docharness bench estimators")
            loaded.removeAll { cassette in excludes.contains { fnmatch($0, cassette.path, 0) == 0 } }
        } catch {
            print("docharness bench estimators: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        let result: EstimatorBenchmark.Result
        var otherAPIs: [(api: WireAPI, result: EstimatorBenchmark.Result, samples: [EstimatorSample])] = []
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        let samples = EstimatorSample.samples(from: loaded)
        do {
            var benchmark = EstimatorBenchmark(store: store, budget: SafeZoneBudget(buffer: buffer), worstCount: worst, openWeight: try openWeight.load())
            benchmark.keepsChatEstimates = samplesOut != nil
            result = try benchmark.run(samples, commands: estimatorCommands.map(CommandEstimator.init))
            // The Responses and Messages APIs, counted in their chat form, measured on their own.
            var plain = EstimatorBenchmark(store: store, budget: SafeZoneBudget(buffer: buffer), worstCount: worst)
            plain.keepsChatEstimates = samplesOut != nil
            for api in [WireAPI.responses, .messages] {
                let samples = EstimatorSample.samples(from: loaded, api: api)
                if !samples.isEmpty { otherAPIs.append((api, try plain.run(samples), samples)) }
            }
            if let samplesOut {
                try writeSamples([(WireAPI.chatCompletions, result, samples)] + otherAPIs, to: samplesOut)
            }
        } catch {
            print("docharness bench estimators: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        if byProject || fit {
            // The OpenAI counting rules only: no open-weight tokenizer here.
            let rows = try EstimatorBenchmark(store: store, budget: SafeZoneBudget(buffer: buffer)).countingRows(samples) { $0.project(under: cassettes) }
            if byProject {
                let projects = Set(rows.map(\.project)).sorted()
                if projects.count < 2 {
                    print("leave-one-project-out needs measured requests from two projects or more; found \(projects.count)\(projects.isEmpty ? "" : " (\(projects.joined()))")")
                } else {
                    for line in ProjectCountingFigures.table(ChatCountingFit.crossValidate(rows, limit: limit), buffer: buffer) { print(line) }
                }
                print("")
            }
            if fit {
                let constants = ChatCountingFit.fit(rows)
                print("chat's constants fitted on \(rows.count) requests: " + zip(ChatCountingConstants.names, constants.values).map { "\($0) \($1)" }.joined(separator: ", "))
                let heldOut = ChatCountingFit.heldOutEstimates(rows)
                let margins = ChatCountingFit.margins(heldOut: heldOut, constants: constants, limit: limit)
                print("chat+margin's margins (largest under-estimate, held out by project or not, requests up to \(limit) tokens): plain \(margins.plain), tools \(margins.tools), response_format \(margins.responseFormat), other \(margins.other)")
                print("the held-out under-estimates behind them:")
                let under = ChatCountingFit.underEstimates(heldOut: heldOut, constants: constants, limit: limit).filter { $0.under > 0 }
                for requestClass in ChatCountingClass.allCases {
                    for entry in under.filter({ $0.row.requestClass == requestClass }).sorted(by: { $0.under > $1.under }).prefix(3) {
                        print("  \(requestClass.rawValue): \(entry.under) under \(entry.row.recorded)  \(entry.row.source)")
                    }
                }
                for api in [WireAPI.responses, .messages] {
                    let apiRows = try EstimatorBenchmark(store: store, budget: SafeZoneBudget(buffer: buffer))
                        .countingRows(EstimatorSample.samples(from: loaded, api: api)) { $0.project(under: cassettes) }
                    guard !apiRows.isEmpty else { continue }
                    let apiConstants = ChatCountingFit.fit(apiRows)
                    print("\(api.rawValue) API constants fitted on \(apiRows.count) requests: " + zip(ChatCountingConstants.names, apiConstants.values).map { "\($0) \($1)" }.joined(separator: ", "))
                    let apiMargins = ChatCountingFit.margins(heldOut: ChatCountingFit.heldOutEstimates(apiRows), constants: apiConstants, limit: limit)
                    print("\(api.rawValue) API margins: plain \(apiMargins.plain), tools \(apiMargins.tools), response_format \(apiMargins.responseFormat), other \(apiMargins.other)")
                }
                print("")
            }
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
            return
        }
        print("\(result.measured) requests with usage measured (\(result.skipped) left out) from \(loaded.count) cassettes")
        if !result.skippedByReason.isEmpty {
            print("left out: " + result.skippedByReason.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        let unmeasured = EstimatorSample.otherAPIRequests(in: loaded)
        if !unmeasured.isEmpty {
            print("not measured here: " + unmeasured.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        for line in EvaluationReports.estimatorTable(result.rows, buffer: buffer) { print(line) }
        print("chat by request class:")
        for (name, row) in result.chatByClass.sorted(by: { $0.key < $1.key }) {
            print("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(row.count) requests, \(row.exact) exact, MAPE \(String(format: "%.2f", row.meanAbsolutePercentError))%, bias \(String(format: "%+.2f", row.signedBiasPercent))%, worst under-estimate \(row.worstUnderEstimate)")
        }
        if !result.chatWorst.isEmpty { print("chat's largest misses (estimate − recorded):") }
        for miss in result.chatWorst {
            print("  \(miss.estimate - miss.recorded > 0 ? "+" : "")\(miss.estimate - miss.recorded) of \(miss.recorded)  \(miss.model)  \(miss.requestClass)  \(miss.source)")
        }
        if let plain = result.plainChat, plain.count > 0 {
            print("chat on plain requests (no tools, no response_format): \(plain.exact)/\(plain.count) exact (\(String(format: "%.2f", Double(plain.exact) / Double(max(1, plain.count)) * 100))%), worst under-estimate \(plain.worstUnderEstimate)")
        }
        for (api, other, _) in otherAPIs {
            print("")
            print("\(api.rawValue) API: \(other.measured) requests with usage (input_tokens) measured (\(other.skipped) left out)"
                  + (api == .messages ? "; Claude's tokenizer is not public: counted with \(EstimatorBenchmark.Defaults.messagesEncoding.rawValue) and the chat framing, an estimate" : ""))
            if !other.skippedByReason.isEmpty {
                print("left out: " + other.skippedByReason.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            }
            for line in EvaluationReports.estimatorTable(other.rows, buffer: buffer) { print(line) }
            for (name, row) in other.chatByClass.sorted(by: { $0.key < $1.key }) {
                print("  chat, \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(row.count) requests, \(row.exact) exact, MAPE \(String(format: "%.2f", row.meanAbsolutePercentError))%, bias \(String(format: "%+.2f", row.signedBiasPercent))%, worst under-estimate \(row.worstUnderEstimate)")
            }
            if !other.chatWorst.isEmpty { print("chat's largest misses (estimate − recorded):") }
            for miss in other.chatWorst {
                print("  \(miss.estimate - miss.recorded > 0 ? "+" : "")\(miss.estimate - miss.recorded) of \(miss.recorded)  \(miss.model)  \(miss.requestClass)  \(miss.source)")
            }
        }
    }

    /// Writes one JSON line per measured sample (atomically: a failed run leaves no half file).
    func writeSamples(_ runs: [(api: WireAPI, result: EstimatorBenchmark.Result, samples: [EstimatorSample])], to path: String) throws {
        var text = ""
        for run in runs {
            let bySource = Dictionary(run.samples.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
            for estimate in run.result.chatEstimates {
                guard let sample = bySource[estimate.source] else { continue }
                let line: JSONValue = .object([
                    JSONMember("source", .string(estimate.source)), JSONMember("project", .string(sample.project(under: cassettes))),
                    JSONMember("api", .string(run.api.rawValue)),
                    JSONMember("model", .string(estimate.model)), JSONMember("class", .string(estimate.requestClass)),
                    JSONMember("recorded", .number(String(estimate.recorded))), JSONMember("chat", .number(String(estimate.estimate))),
                    JSONMember("request", sample.request.json),
                ])
                text += JSONWriter.string(line) + "\n"
            }
        }
        try AtomicFile.write(Array(text.utf8), to: path)
    }
}
