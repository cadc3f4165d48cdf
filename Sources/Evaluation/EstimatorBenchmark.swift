import ChatWire
import Foundation
import Generation
import Replay
import Tokenization

/// One request whose real prompt size is known: the request and the `usage.prompt_tokens` the
/// server reported.
public struct EstimatorSample: Sendable {
    /// The request.
    public var request: ChatCompletionRequest
    /// The model (the request's, else the Azure deployment's).
    public var model: String
    /// What the server counted.
    public var recordedPromptTokens: Int
    /// Where it came from (`file#index`).
    public var source: String

    /// Whether the usage came in a stream that did not ask for it (`stream_options.include_usage`):
    /// OpenAI sends none then, so someone wrote it (dd-trace's 2023 stream fixture carries a
    /// usage chunk by hand, 1 over the cookbook's count).
    public var usageNotAskedFor = false

    /// Set when the recorded body is not the one sent (`RecordedRequest.alteredBody`): the usage
    /// describes another text.
    public var alteredBody: AlteredRequestBody?

    /// The API the request was sent to; `request` is its chat-completions form.
    public var api: WireAPI = .chatCompletions

    /// Why a Responses or Messages request has no chat form (a built-in tool, a conversation
    /// stored on the server…): it is left out for this reason.
    public var untranslatable: String?

    /// Creates a sample.
    public init(request: ChatCompletionRequest, model: String, recordedPromptTokens: Int, source: String, usageNotAskedFor: Bool = false,
                alteredBody: AlteredRequestBody? = nil) {
        self.request = request
        self.model = model
        self.recordedPromptTokens = recordedPromptTokens
        self.source = source
        self.usageNotAskedFor = usageNotAskedFor
        self.alteredBody = alteredBody
    }

    /// The project the sample was recorded by: the first folder below the one of `roots` (the
    /// cassette folders given) its file was found under, else the file's folder.
    public func project(under roots: [String]) -> String {
        let path = String(source.prefix { $0 != "#" })
        for root in roots {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count).prefix { $0 != "/" }) }
        }
        return String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    }

    /// Successful requests to APIs no benchmark measures (embeddings, the rest), by kind, so that
    /// a count says where the rest of a folder went.
    public static func otherAPIRequests(in cassettes: [Cassette]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for cassette in cassettes {
            // The three APIs of `WireAPI` are measured (`samples(from:api:)`); the rest is counted here.
            for interaction in cassette.interactions where interaction.request.method == "POST" && interaction.response.status == 200
                && WireAPI(path: interaction.request.path) == nil {
                let path = interaction.request.path.split(separator: "?").first.map(String.init) ?? ""
                counts[path.hasSuffix("/embeddings") ? "embeddings requests" : "other POST requests", default: 0] += 1
            }
        }
        return counts
    }

    /// Every distinct chat-completions request of the cassettes whose response reports usage (a
    /// request recorded several times on one route counts once). The model is the one the response names (an
    /// Azure deployment's name says nothing), else the request's, else the deployment's.
    public static func samples(from cassettes: [Cassette]) -> [EstimatorSample] {
        var samples: [EstimatorSample] = []
        var seen: Set<String> = []
        for cassette in cassettes {
            for (index, interaction) in cassette.interactions.enumerated() {
                guard let route = interaction.request.chatRoute, interaction.response.status == 200,
                      let usage = interaction.response.body.usage, let request = interaction.request.chatRequest,
                      seen.insert(route.canonicalPath + " " + JSONWriter.string(request.json.canonical)).inserted else { continue }
                let prompt = usage.promptTokens
                var deployment: String?
                if case .azure(let name, _) = route { deployment = name }
                let model = Self.responseModel(interaction.response.body) ?? request.model ?? deployment ?? ""
                var notAskedFor = false
                if case .events = interaction.response.body, !request.includesStreamUsage { notAskedFor = true }
                samples.append(EstimatorSample(request: request, model: model, recordedPromptTokens: prompt, source: "\(cassette.path)#\(index)",
                                               usageNotAskedFor: notAskedFor, alteredBody: interaction.request.alteredBody))
            }
        }
        return samples
    }
}

extension EstimatorSample {
    /// The `model` a response body names (the JSON body's, or the first event's that has one).
    static func responseModel(_ body: RecordedBody) -> String? {
        switch body {
        case .json(let value): return value["model"]?.stringValue
        case .events(let events):
            for event in events {
                if let model = (try? JSONParser.parse(event.data))?["model"]?.stringValue, !model.isEmpty { return model }
            }
            return nil
        default: return nil
        }
    }
}

/// How well one estimator predicted the recorded prompt sizes, and what it would have done to
/// the safe zone had it sized `max_tokens`.
public struct EstimatorRow: Sendable, Hashable, Codable {
    /// The estimator's name.
    public var estimator: String
    /// Requests measured.
    public var count: Int
    /// Mean absolute percentage error.
    public var meanAbsolutePercentError: Double
    /// Mean signed error in percent (negative: under-estimates).
    public var signedBiasPercent: Double
    /// Median absolute error in percent.
    public var p50AbsolutePercentError: Double
    /// 95th-percentile absolute error in percent.
    public var p95AbsolutePercentError: Double
    /// Largest absolute error in percent.
    public var maxAbsolutePercentError: Double
    /// Share of requests under-estimated.
    public var underEstimateRate: Double
    /// The largest under-estimate, in tokens (0 when none).
    public var worstUnderEstimate: Int
    /// Requests whose estimate equals the recorded count.
    public var exact: Int
    /// Requests that would have crossed the safe zone: real prompt > estimate + buffer.
    public var safeZoneCrossings: Int
    /// Response tokens given up by over-estimating beyond the buffer, in total.
    public var wastedBudgetTokens: Int
    /// Microseconds per estimate (this run, this machine).
    public var microsecondsPerRequest: Double

    /// Compliance: the share of requests that stay inside the safe zone.
    public var compliance: Double { count == 0 ? 1 : Double(count - safeZoneCrossings) / Double(count) }
}

/// Runs every estimator over samples.
public struct EstimatorBenchmark: Sendable {
    /// Estimators that need a vocabulary get the model's encoding.
    public let store: VocabularyStore
    /// The budget whose buffer decides crossings.
    public let budget: SafeZoneBudget

    /// How many of the `chat` estimator's worst misses a result lists.
    public var worstCount = 0

    /// Whether a result keeps the `chat` estimate of every measured sample (`Result.chatEstimates`).
    public var keepsChatEstimates = false

    /// The encoding that stands in for Claude's tokenizer (not public) on Messages API requests.
    public var messagesEncoding = Defaults.messagesEncoding

    /// Defaults shared with the commands that describe them.
    public enum Defaults {
        /// The stand-in for Claude's tokenizer.
        public static let messagesEncoding = EncodingName.o200kBase
    }

    /// Creates a benchmark.
    /// An open-weight model's counter (`--tokenizer`): it gets a row (`model`), and requests for
    /// models OpenAI does not serve are measured (the OpenAI-encoding rows count them with o200k_base).
    public var openWeight: ModelTokens?

    public init(store: VocabularyStore, budget: SafeZoneBudget = SafeZoneBudget(), worstCount: Int = 0, openWeight: ModelTokens? = nil) {
        self.openWeight = openWeight
        self.store = store
        self.budget = budget
        self.worstCount = worstCount
    }

    /// What a run measured: one row per estimator, and samples that could not be measured.
    public struct Result: Sendable, Hashable, Codable {
        /// One row per estimator, in catalog order.
        public var rows: [EstimatorRow]
        /// Samples measured.
        public var measured: Int
        /// Samples left out: models with no known encoding or served through a router
        /// (`provider/model`), or content with images, audio or files.
        public var skipped: Int
        /// The samples left out, by reason.
        public var skippedByReason: [String: Int] = [:]
        /// The `chat` row over plain requests only (no tools, no response format).
        public var plainChat: EstimatorRow?
        /// The `chat` row per request class (`ChatPrompt.countingClass`), sorted by class.
        public var chatByClass: [String: EstimatorRow] = [:]
        /// The `chat` estimator's largest errors, worst first (at most `worstCount`).
        public var chatWorst: [Miss] = []
        /// The `chat` estimate of every measured sample, in sample order, when the benchmark
        /// `keepsChatEstimates` (exact ones included).
        public var chatEstimates: [Miss] = []
    }

    /// One request an estimator got wrong.
    public struct Miss: Sendable, Hashable, Codable {
        /// `file#index` of the interaction.
        public var source: String
        /// The model.
        public var model: String
        /// `ChatPrompt.countingClass`, by name.
        public var requestClass: String
        /// What the server recorded.
        public var recorded: Int
        /// What the estimator said.
        public var estimate: Int

        /// |estimate − recorded| / recorded.
        public var relativeError: Double { abs(Double(estimate - recorded)) / Double(max(1, recorded)) }
    }

    /// What kind of non-text content a request has, first found: "image parts", "audio parts",
    /// "file parts" (content types not counted from text).
    static func nonTextParts(_ request: ChatCompletionRequest) -> String {
        for message in request.messages {
            guard case .parts(let parts)? = message.content else { continue }
            for part in parts where part.type != "text" && part.type != "refusal" {
                switch part.type {
                case "image_url", "image": return "image parts"
                case "input_audio", "audio": return "audio parts"
                case "file": return "file parts"
                default: return "\(part.type) parts"
                }
            }
        }
        return "audio output or other non-text content"
    }

    /// The samples that can be measured, each with its prompt and encoding; the others counted by
    /// reason; and the encodings loaded.
    struct Usable {
        var entries: [(sample: EstimatorSample, prompt: ChatPrompt, encoding: EncodingName)] = []
        var skippedByReason: [String: Int] = [:]
        var encodings: [EncodingName: BPEEncoding] = [:]
    }

    func usable(_ samples: [EstimatorSample]) throws -> Usable {
        var usable = Usable()
        for sample in samples {
            if let reason = sample.untranslatable {
                usable.skippedByReason[reason, default: 0] += 1
                continue
            }
            // A provider/model name (`openai/gpt-4o` through a router) is counted by someone else's server.
            var known = sample.model.contains("/") ? nil : ModelEncodings.encoding(forModel: sample.model)
            // Claude's tokenizer is not public: its requests are estimated with a stand-in.
            if sample.api == .messages, known == nil { known = messagesEncoding }
            guard let name = known ?? (openWeight == nil ? nil : .o200kBase) else {
                usable.skippedByReason[sample.model.contains("/") ? "a router's provider/model name" : "a model with no known encoding", default: 0] += 1
                continue
            }
            if sample.usageNotAskedFor {
                usable.skippedByReason["usage in a stream that did not ask for it", default: 0] += 1
                continue
            }
            if sample.alteredBody != nil {
                usable.skippedByReason["a body edited after it was sent (its length fits none of the Content-Length's forms)", default: 0] += 1
                continue
            }
            var prompt = ChatPrompt(request: sample.request, model: sample.model)
            prompt.api = sample.api
            if prompt.messages.contains(where: \.hasNonTextParts) {
                usable.skippedByReason[Self.nonTextParts(sample.request), default: 0] += 1
                continue
            }
            if let kind = Self.uncountedTools(sample.request) {
                usable.skippedByReason[kind, default: 0] += 1
                continue
            }
            if usable.encodings[name] == nil { usable.encodings[name] = try BPEEncoding.load(name, from: store) }
            if let encoding = usable.encodings[name], sample.recordedPromptTokens < Self.ownTextTokens(prompt, sample.request, encoding) {
                usable.skippedByReason["usage below the tokens of the request's own text (not a server's count)", default: 0] += 1
                continue
            }
            usable.entries.append((sample, prompt, name))
        }
        return usable
    }

    /// A floor no server's count goes under: the tokens of the messages' text and of the
    /// functions' descriptions, each counted alone, without any framing. A usage below it was
    /// written by hand (dd-trace-py's three `openai_chat_completions_post_*.json` fixtures say 20
    /// prompt tokens for a request whose function description alone has more; on real traffic
    /// the recorded count is at least 0.87 of the `chat` estimate).
    static func ownTextTokens(_ prompt: ChatPrompt, _ request: ChatCompletionRequest, _ encoding: BPEEncoding) -> Int {
        let functions = (request.tools ?? []).compactMap(\.function) + (request.functions ?? [])
        return prompt.messages.reduce(0) { sum, message in message.text.reduce(sum) { $0 + encoding.count($1) } }
            + functions.reduce(0) { $0 + ($1.description.map(encoding.count) ?? 0) }
    }

    /// Tools whose rendering is not known (custom tools with a grammar or free-form input, and
    /// the Responses API's built-in tools sent to chat completions): a reason to leave a request out.
    static func uncountedTools(_ request: ChatCompletionRequest) -> String? {
        for tool in request.tools ?? [] where tool.function == nil {
            return "\(tool.type) tools (rendering not known)"
        }
        return nil
    }

    /// Every measurable sample as a row to fit chat's constants on: its count before the
    /// constants, with the project `project` names.
    public func countingRows(_ samples: [EstimatorSample], project: (EstimatorSample) -> String) throws -> [ChatCountingFit.Row] {
        let usable = try usable(samples)
        let counters = usable.encodings.mapValues { ChatTokenCounter(encoding: $0) }
        return usable.entries.map { entry in
            ChatCountingFit.Row(terms: counters[entry.encoding]!.terms(entry.prompt), recorded: entry.sample.recordedPromptTokens,
                                project: project(entry.sample), requestClass: entry.prompt.countingClass, source: entry.sample.source)
        }
    }

    /// Measures `samples` with every built-in estimator, then with each of `commands` (a row
    /// each, after the built-in ones).
    public func run(_ samples: [EstimatorSample], commands: [CommandEstimator] = []) throws -> Result {
        let found = try usable(samples)
        let usable = found.entries.map { ($0.sample, $0.prompt, $0.encoding) }
        let encodings = found.encodings
        let skippedByReason = found.skippedByReason
        let skipped = skippedByReason.values.reduce(0, +)
        var rows: [EstimatorRow] = []
        var plainChat: EstimatorRow?
        var chatByClass: [String: EstimatorRow] = [:]
        var chatWorst: [Miss] = []
        var chatEstimates: [Miss] = []
        for estimatorName in EstimatorCatalog.names {
            var estimators: [EncodingName: any TokenEstimator] = [:]
            for (name, encoding) in encodings { estimators[name] = EstimatorCatalog.estimator(named: estimatorName, encoding: encoding) }
            let (estimates, micros) = Self.timed(usable) { _, prompt, name in estimators[name]!.estimate(prompt: prompt) }
            rows.append(row(estimatorName, pairs: zip(estimates, usable.map(\.0.recordedPromptTokens)).map { ($0, $1) }, micros: micros))
            if estimatorName == ChatEstimator.name {
                let plain = zip(estimates, usable).filter { $0.1.1.countingClass == .plain }.map { ($0.0, $0.1.0.recordedPromptTokens) }
                plainChat = row(estimatorName, pairs: plain, micros: micros)
                let byClass = Dictionary(grouping: zip(estimates, usable).map { ($0.1.1.countingClass.rawValue, ($0.0, $0.1.0.recordedPromptTokens)) }, by: \.0)
                for (name, members) in byClass { chatByClass[name] = row(estimatorName, pairs: members.map(\.1), micros: micros) }
                let all = zip(estimates, usable).map { estimate, entry in
                    Miss(source: entry.0.source, model: entry.0.model, requestClass: entry.1.countingClass.rawValue, recorded: entry.0.recordedPromptTokens, estimate: estimate)
                }
                if keepsChatEstimates { chatEstimates = all }
                let misses = all.filter { $0.estimate != $0.recorded }
                chatWorst = Array(misses.sorted { $0.relativeError > $1.relativeError }.prefix(worstCount))
            }
        }
        if let openWeight {
            let (estimates, micros) = Self.timed(usable) { _, prompt, _ in openWeight.estimate(prompt: prompt) }
            rows.append(row(ModelTokens.name, pairs: zip(estimates, usable.map(\.0.recordedPromptTokens)).map { ($0, $1) }, micros: micros))
        }
        for command in commands {
            let (estimates, seconds) = try command.estimates(usable.map(\.0.request))
            rows.append(row(command.name, pairs: zip(estimates, usable.map(\.0.recordedPromptTokens)).map { ($0, $1) },
                            micros: seconds * 1e6 / Double(max(1, usable.count))))
        }
        return Result(rows: rows, measured: usable.count, skipped: skipped, skippedByReason: skippedByReason, plainChat: plainChat, chatByClass: chatByClass,
                      chatWorst: chatWorst, chatEstimates: chatEstimates)
    }

    /// Each sample's estimate, and the mean microseconds per sample it took.
    static func timed<Sample>(_ samples: [Sample], _ estimate: (Sample) -> Int) -> (estimates: [Int], micros: Double) {
        let started = ContinuousClock.now
        let estimates = samples.map(estimate)
        let elapsed = ContinuousClock.now - started
        return (estimates, (Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12) / Double(max(1, samples.count)))
    }

    func row(_ name: String, pairs: [(estimate: Int, actual: Int)], micros: Double) -> EstimatorRow {
        let errors = pairs.map { Double($0.estimate - $0.actual) / Double(max(1, $0.actual)) * 100 }
        let absolute = errors.map(abs)
        let sample = SortedSample(absolute)
        let under = pairs.filter { $0.estimate < $0.actual }
        return EstimatorRow(
            estimator: name, count: pairs.count,
            meanAbsolutePercentError: absolute.isEmpty ? 0 : absolute.reduce(0, +) / Double(absolute.count),
            signedBiasPercent: errors.isEmpty ? 0 : errors.reduce(0, +) / Double(errors.count),
            p50AbsolutePercentError: sample.percentile(0.5), p95AbsolutePercentError: sample.percentile(0.95), maxAbsolutePercentError: sample.values.last ?? 0,
            underEstimateRate: pairs.isEmpty ? 0 : Double(under.count) / Double(pairs.count),
            worstUnderEstimate: under.map { $0.actual - $0.estimate }.max() ?? 0,
            exact: pairs.filter { $0.estimate == $0.actual }.count,
            // max_tokens as the budget would have sized it from the estimate.
            safeZoneCrossings: pairs.filter { budget.crosses(promptTokens: $0.actual, maxTokens: budget.responseBudget(forPrompt: $0.estimate)) }.count,
            wastedBudgetTokens: pairs.reduce(0) { $0 + max(0, $1.estimate - $1.actual) },
            microsecondsPerRequest: micros
        )
    }
}
