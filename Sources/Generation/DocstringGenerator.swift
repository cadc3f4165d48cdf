import ChatWire
import Docstrings
import LLMClient
import Synchronization
import Tokenization

/// Generates docstrings for targets: renders each prompt, sizes `max_tokens` inside the safe
/// zone, sends it through the client (rate limits, retries), validates the answer against the
/// schema and journals the outcome, with a bounded number of requests in flight. Targets the
/// journal already holds as finished are not requested again.
public struct DocstringGenerator: Sendable {
    /// The settings of a run.
    public struct Settings: Sendable {
        /// The model named in requests.
        public var model: String
        /// The prompt template.
        public var template: PromptTemplate
        /// The safe zone.
        public var budget: SafeZoneBudget
        /// The estimator that sizes prompts.
        public var estimator: any TokenEstimator
        /// Requests in flight at once.
        public var concurrency: Int
        /// Whether to ask for a streamed answer (with `stream_options.include_usage`).
        public var stream: Bool
        /// How to ask for the answer's shape first; a server that refuses it gets the next form.
        public var structuredOutput = StructuredOutput.jsonSchema
        /// The most `max_tokens` asked for, below what the safe zone leaves (nil: all of it).
        public var maximumResponseTokens: Int?
        /// Requests that show the model why its answer did not match the schema (default 1).
        public var repairs = 1

        /// Creates settings.
        public init(model: String, template: PromptTemplate, budget: SafeZoneBudget = SafeZoneBudget(), estimator: any TokenEstimator,
                    concurrency: Int = 4, stream: Bool = false) {
            self.stream = stream
            self.model = model
            self.template = template
            self.budget = budget
            self.estimator = estimator
            self.concurrency = max(1, concurrency)
        }
    }

    /// The settings.
    public let settings: Settings
    /// The client requests go through.
    public let client: ChatClient
    /// The journal outcomes go to.
    public let journal: GenerationJournal
    /// The structured-output form that works with this server, as learned from refusals.
    private let form: NegotiatedForm

    /// Creates a generator.
    public init(settings: Settings, client: ChatClient, journal: GenerationJournal) {
        self.settings = settings
        self.client = client
        self.journal = journal
        form = NegotiatedForm(settings.structuredOutput)
    }

    /// The form requests are sent in now (after any fallback).
    public var structuredOutput: StructuredOutput { form.current }

    /// The values a template is filled with for a target, leaving out `dropped` units.
    public static func values(for target: DocstringTarget, dropping dropped: [PromptUnit] = []) -> [String: String] {
        let symbol = target.symbol
        let complexity = symbol.complexity ?? 1
        let guidance = complexity <= 3
            ? "Keep the docstring short: a summary and the sections that apply."
            : complexity < 10 ? "Explain the main cases the code distinguishes." : "The code branches a lot: explain each case a caller can meet, briefly."
        var values: [String: String] = [
            "kind": symbol.kind == .method ? "method" : symbol.kind == .class ? "class" : "function",
            "qualname": symbol.qualname,
            "style": target.style == .plain ? "google" : target.style.rawValue,
            "signature": target.signature,
            "decorators": symbol.decorators.map { "@" + $0 }.joined(separator: ", "),
            "complexity": String(complexity),
            "complexity_guidance": guidance,
            "raises": Array(Set(symbol.raises.map(\.exception))).sorted().joined(separator: ", "),
            "existing_docstring": symbol.docstring ?? "",
            "class_context": target.classContext ?? "",
            "source": target.source,
        ]
        for unit in dropped { values[unit.rawValue] = "" }
        return values
    }

    /// The request for a target without `max_tokens`, asking for the answer in `output`'s form.
    public func request(for target: DocstringTarget, dropping dropped: [PromptUnit], output: StructuredOutput? = nil) -> ChatCompletionRequest {
        let (system, user) = settings.template.render(Self.values(for: target, dropping: dropped))
        var request = ChatCompletionRequest(model: settings.model, messages: [.text("system", system), .text("user", user)])
        (output ?? form.current).apply(to: &request)
        if settings.stream {
            request.stream = true
            request.streamOptions = StreamOptions(includeUsage: true)
        }
        if !ChatTokenCounter.isReasoningModel(settings.model) { request.additionalFields.append(JSONMember("temperature", .integer(0))) }
        return request
    }

    /// The prompt estimate of a request by the configured estimator.
    public func estimate(_ request: ChatCompletionRequest) -> Int {
        settings.estimator.estimate(prompt: ChatPrompt(request: request, model: settings.model))
    }

    /// Progress of a run, reported after each target.
    public struct Progress: Sendable {
        /// Targets finished so far (resumed ones included).
        public var finished: Int
        /// Targets in the run.
        public var total: Int
        /// The entry just finished.
        public var entry: JournalEntry
        /// Whether it came from the journal of an earlier run.
        public var resumed: Bool
    }

    /// The journal's final entry for `target`, if a resumed run can use it instead of asking again:
    /// made with this template version and model, for the same source (`sourceHash`) — a symbol
    /// whose signature or body changed since is generated again, not patched from a stale answer.
    public func resumableEntry(for target: DocstringTarget, in previous: [String: JournalEntry]? = nil) -> JournalEntry? {
        guard let entry = (previous ?? journal.previous)[target.identifier], entry.isFinal, entry.templateVersion == settings.template.version,
              entry.model == settings.model, entry.sourceHash == target.sourceHash else { return nil }
        return entry
    }

    /// Runs over `targets`; returns one entry per target, in the targets' order.
    public func run(_ targets: [DocstringTarget], progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> [JournalEntry] {
        let previous = journal.previous
        var results = [JournalEntry?](repeating: nil, count: targets.count)
        var finished = 0
        var pending: [Int] = []
        for (index, target) in targets.enumerated() {
            if let entry = resumableEntry(for: target, in: previous) {
                results[index] = entry
                finished += 1
                progress(Progress(finished: finished, total: targets.count, entry: entry, resumed: true))
            } else {
                pending.append(index)
            }
        }
        try await withThrowingTaskGroup(of: (Int, JournalEntry).self) { group in
            var queue = pending[...]
            for _ in 0 ..< settings.concurrency {
                guard let index = queue.popFirst() else { break }
                group.addTask { (index, try await generate(targets[index])) }
            }
            while let (index, entry) = try await group.next() {
                results[index] = entry
                finished += 1
                progress(Progress(finished: finished, total: targets.count, entry: entry, resumed: false))
                if let next = queue.popFirst() { group.addTask { (next, try await generate(targets[next])) } }
            }
        }
        return results.compactMap { $0 }
    }

    /// Generates for one target and journals the outcome: in the form the server accepts (falling
    /// back when it refuses one), with one repair request when the answer misses the schema.
    public func generate(_ target: DocstringTarget) async throws -> JournalEntry {
        var entry = JournalEntry(
            target: target.identifier, sourceHash: target.sourceHash, outcome: .failed, templateVersion: settings.template.version, model: settings.model, request: nil,
            estimatedPromptTokens: 0, estimator: settings.estimator.name, maxTokens: nil, droppedUnits: [], mustTrim: false, answer: nil,
            promptTokens: nil, completionTokens: nil, attempts: 0, rateLimited: 0, serverErrors: 0, transportErrors: 0, latency: 0, failure: nil
        )
        if let content = await firstAnswer(for: target, into: &entry) {
            await accept(content, into: &entry)
        }
        try await journal.append(entry)
        return entry
    }

    /// Sends the target's request, sized by the budget, in the form the server accepts (falling
    /// back through the forms it refuses); the answer's text, or nil with `entry.failure` set.
    func firstAnswer(for target: DocstringTarget, into entry: inout JournalEntry) async -> String? {
        let droppable = PromptUnit.allCases.filter { $0 == .classContext ? target.classContext != nil : true }
        var output = form.current
        while true {
            switch settings.budget.decide(droppable: droppable, estimate: { estimate(request(for: target, dropping: $0, output: output)) }) {
            case .skip(let estimated, let dropped):
                entry.outcome = .skipped
                (entry.estimatedPromptTokens, entry.droppedUnits, entry.mustTrim) = (estimated, dropped, true)
                entry.failure = .noResponseBudget(estimatedPrompt: estimated, safeZone: settings.budget.safeZone)
                return nil
            case .send(let maxTokens, let estimated, let dropped, let mustTrim):
                entry.droppedUnits = dropped
                let content = await send(request(for: target, dropping: dropped, output: output), estimated: estimated, maxTokens: maxTokens,
                                         mustTrim: mustTrim, into: &entry)
                guard content == nil, let failure = entry.failure, output.isRefused(by: failure), let next = output.fallback else { return content }
                form.fallBack(from: output, to: next)
                output = next
                entry.failure = nil
            }
        }
    }

    /// Parses the answer into `entry`; one that misses the schema gets up to `settings.repairs`
    /// repair requests, each sized by the budget like the first.
    func accept(_ answer: String, into entry: inout JournalEntry) async {
        guard let first = entry.request else { return }
        var content = answer
        for repair in 0 ... settings.repairs {
            do {
                entry.answer = try DocstringAnswer.parse(content)
                entry.outcome = .generated
                entry.failure = nil
                return
            } catch {
                entry.failure = .invalidAnswer(reason: error.description)
                let request = Self.repairRequest(first, answer: content, rejection: error)
                guard repair < settings.repairs,
                      case .send(let maxTokens, let estimated, _, let mustTrim) = settings.budget.decide(droppable: [], estimate: { _ in estimate(request) })
                else { return }
                entry.repairs = (entry.repairs ?? 0) + 1
                guard let next = await send(request, estimated: estimated, maxTokens: maxTokens, mustTrim: mustTrim, into: &entry) else { return }
                content = next
            }
        }
    }

    /// `request` with the model's answer and why it missed the schema, asking for a corrected one.
    static func repairRequest(_ request: ChatCompletionRequest, answer: String, rejection: DocstringAnswer.Rejection) -> ChatCompletionRequest {
        var repaired = request
        repaired.maxTokens = nil
        repaired.maxCompletionTokens = nil
        repaired.messages.append(.text("assistant", answer))
        repaired.messages.append(.text("user", "That answer does not match the JSON schema: " + rejection.problems.prefix(5).joined(separator: "; ")
                                       + ". Answer again with one JSON object that matches the schema."))
        return repaired
    }

    /// Sends `request` with the `max_tokens` the budget sized for its estimate (lowered to the cap)
    /// and adds what it cost to `entry`; returns the answer's text, or nil with `entry.failure` set.
    func send(_ request: ChatCompletionRequest, estimated: Int, maxTokens budget: Int, mustTrim: Bool, into entry: inout JournalEntry) async -> String? {
        let maxTokens = settings.maximumResponseTokens.map { min(budget, $0) } ?? budget
        var request = request
        if ChatTokenCounter.isReasoningModel(settings.model) { request.maxCompletionTokens = maxTokens } else { request.maxTokens = maxTokens }
        entry.request = request
        entry.estimatedPromptTokens = estimated
        entry.maxTokens = maxTokens
        entry.mustTrim = mustTrim
        let exchange = await client.send(request, tokens: estimated + maxTokens)
        entry.attempts += exchange.attempts
        entry.rateLimited += exchange.rateLimited
        entry.serverErrors += exchange.serverErrors
        entry.transportErrors += exchange.transportErrors
        entry.latency = exchange.latency
        guard let completion = exchange.completion else {
            entry.failure = exchange.failure.map(GenerationFailure.init) ?? .exhausted(attempts: exchange.attempts, lastReason: "no completion")
            return nil
        }
        entry.promptTokens = completion.usage?.promptTokens
        entry.completionTokens = completion.usage?.completionTokens
        return completion.choices.first?.message?.text ?? ""
    }
}

/// The structured-output form a generator's requests use, lowered once for every request when the
/// server refuses it.
final class NegotiatedForm: Sendable {
    private let state: Mutex<StructuredOutput>

    init(_ first: StructuredOutput) {
        state = Mutex(first)
    }

    var current: StructuredOutput { state.withLock { $0 } }

    /// Moves to `next` unless another request already moved past `refused`.
    func fallBack(from refused: StructuredOutput, to next: StructuredOutput) {
        state.withLock { if $0 == refused { $0 = next } }
    }
}
