import ChatWire
import Foundation

/// Faults and limits to inject, read from a JSON file (`docharness serve --faults FILE`):
///
/// ```json
/// {
///   "seed": 7,
///   "rate_limits": {"requests_per_minute": 60, "tokens_per_minute": 90000},
///   "context_window": 8192,
///   "context_windows": {"gpt-4o": 16000},
///   "faults": [
///     {"status": 503, "every": 4},
///     {"status": 429, "first": 1, "retry_after_ms": 250},
///     {"status": 500, "probability": 0.05, "model": "gpt-4o"},
///     {"latency_ms": 120, "jitter_ms": 80},
///     {"drop_after_events": 2, "stream": true}
///   ]
/// }
/// ```
/// A fault fires on the `first` N requests it applies to, on every `every`-th, with a seeded
/// `probability`, or always when none is given; `model` (prefix), `route` (`openai`/`azure` chat completions, `responses`, `messages`) and
/// `stream` narrow which requests it applies to. Statuses answer with OpenAI's error shape;
/// latency delays the answer; `drop_after_events` closes the connection after that many events
/// of a stream (or half the body of a non-streamed answer).
public struct FaultPlan: Sendable, Equatable {
    /// One rule.
    public struct Fault: Sendable, Equatable {
        /// An HTTP status to answer with (429, 500, 503, …).
        public var status: Int?
        /// For 429/503: the `Retry-After` to send, in milliseconds.
        public var retryAfterMilliseconds: Int?
        /// Added delay, in milliseconds.
        public var latencyMilliseconds: Double?
        /// Random extra delay, uniform in 0…jitter milliseconds.
        public var jitterMilliseconds: Double?
        /// Close the connection after this many events.
        public var dropAfterEvents: Int?
        /// Fire on the first N applicable requests.
        public var first: Int?
        /// Fire on every N-th applicable request.
        public var every: Int?
        /// Fire with this probability.
        public var probability: Double?
        /// Only for models with this prefix.
        public var model: String?
        /// Only on this route: `openai` or `azure` (chat completions), `responses` or `messages`.
        public var route: String?
        /// Only for streamed (true) or non-streamed (false) requests.
        public var stream: Bool?

        /// Creates a rule.
        public init(
            status: Int? = nil, retryAfterMilliseconds: Int? = nil, latencyMilliseconds: Double? = nil, jitterMilliseconds: Double? = nil,
            dropAfterEvents: Int? = nil, first: Int? = nil, every: Int? = nil, probability: Double? = nil, model: String? = nil,
            route: String? = nil, stream: Bool? = nil
        ) {
            self.status = status
            self.retryAfterMilliseconds = retryAfterMilliseconds
            self.latencyMilliseconds = latencyMilliseconds
            self.jitterMilliseconds = jitterMilliseconds
            self.dropAfterEvents = dropAfterEvents
            self.first = first
            self.every = every
            self.probability = probability
            self.model = model
            self.route = route
            self.stream = stream
        }
    }

    /// The seed of the random choices (probabilities, jitter).
    public var seed: UInt64
    /// Requests per minute.
    public var requestsPerMinute: Int?
    /// Tokens per minute.
    public var tokensPerMinute: Int?
    /// A context window for every model.
    public var contextWindow: Int?
    /// Context windows by model prefix (added to the published table).
    public var contextWindows: [String: Int]
    /// The rules, in order.
    public var faults: [Fault]

    /// Creates a plan.
    public init(seed: UInt64 = 0, requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil, contextWindow: Int? = nil, contextWindows: [String: Int] = [:], faults: [Fault] = []) {
        self.seed = seed
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.contextWindow = contextWindow
        self.contextWindows = contextWindows
        self.faults = faults
    }

    /// Reads and parses a fault plan file.
    public static func load(path: String) throws(CassetteError) -> FaultPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CassetteError(file: path, line: nil, reason: "cannot be read", fix: "check the path of --faults")
        }
        return try parse(Array(data), file: path)
    }

    /// Reads a plan file's bytes; errors name the file, the line when the JSON is malformed, and
    /// the member at fault.

    public static func parse(_ bytes: [UInt8], file: String) throws(CassetteError) -> FaultPlan {
        let document: JSONValue
        let lines: [Int]
        do {
            (document, lines) = try JSONParser.parseRecordingLines(bytes, depth: 2)
        } catch {
            throw CassetteError(file: file, line: error.line, reason: "not valid JSON: \(error.reason)", fix: "a fault plan is a JSON object: {\"seed\", \"requests_per_minute\", \"tokens_per_minute\", \"context_window\", \"context_windows\": {model: tokens}, \"faults\": [{\"status\", \"retry_after_ms\", \"latency_ms\", \"jitter_ms\", \"drop_after_events\", \"probability\", \"first\", \"every\", \"route\", \"model\", \"stream\"}]}")
        }
        func fail(_ reason: String, line: Int? = 1) -> CassetteError {
            CassetteError(file: file, line: line, reason: reason, fix: "a fault plan is a JSON object: {\"seed\", \"requests_per_minute\", \"tokens_per_minute\", \"context_window\", \"context_windows\": {model: tokens}, \"faults\": [{\"status\", \"retry_after_ms\", \"latency_ms\", \"jitter_ms\", \"drop_after_events\", \"probability\", \"first\", \"every\", \"route\", \"model\", \"stream\"}]}")
        }
        guard let members = document.objectMembers else { throw fail("a fault plan is a JSON object") }
        var plan = FaultPlan()
        for member in members {
            switch member.key {
            case "seed":
                guard let seed = member.value.intValue, seed >= 0 else { throw fail("\"seed\" must be a non-negative integer") }
                plan.seed = UInt64(seed)
            case "context_window":
                guard let window = member.value.intValue, window > 0 else { throw fail("\"context_window\" must be a positive integer") }
                plan.contextWindow = window
            case "context_windows":
                guard let windows = member.value.objectMembers else { throw fail("\"context_windows\" must map model prefixes to token counts") }
                for window in windows {
                    guard let value = window.value.intValue, value > 0 else { throw fail("\"context_windows\".\(window.key) must be a positive integer") }
                    plan.contextWindows[window.key.lowercased()] = value
                }
            case "rate_limits":
                guard let limits = member.value.objectMembers else { throw fail("\"rate_limits\" must be an object") }
                for limit in limits {
                    guard let value = limit.value.intValue, value > 0 else { throw fail("\"rate_limits\".\(limit.key) must be a positive integer") }
                    switch limit.key {
                    case "requests_per_minute": plan.requestsPerMinute = value
                    case "tokens_per_minute": plan.tokensPerMinute = value
                    default: throw fail("unknown rate limit \"\(limit.key)\": use requests_per_minute or tokens_per_minute")
                    }
                }
            case "faults":
                guard let elements = member.value.arrayValue else { throw fail("\"faults\" must be an array") }
                for (index, element) in elements.enumerated() {
                    let line = index < lines.count ? lines[index] : nil
                    plan.faults.append(try fault(element, index: index, fail: { fail($0, line: line) }))
                }
            default:
                throw fail("unknown member \"\(member.key)\": a plan has seed, rate_limits, context_window, context_windows, faults")
            }
        }
        return plan
    }

    /// The longest delay a fault may ask for: one hour, in milliseconds.
    public static let longestDelayMilliseconds: Double = 3_600_000

    private static func fault(_ value: JSONValue, index: Int, fail: (String) -> CassetteError) throws(CassetteError) -> Fault {
        guard let members = value.objectMembers else { throw fail("faults[\(index)] must be an object") }
        var fault = Fault()
        for member in members {
            let name = "faults[\(index)].\(member.key)"
            func positiveInt() throws(CassetteError) -> Int {
                guard let number = member.value.intValue, number > 0 else { throw fail("\(name) must be a positive integer") }
                return number
            }
            func nonNegative() throws(CassetteError) -> Double {
                guard let number = member.value.doubleValue, number >= 0 else { throw fail("\(name) must be a number ≥ 0") }
                return number
            }
            /// A delay: at most an hour (a larger one used to overflow the clock and crash the server).
            func milliseconds() throws(CassetteError) -> Double {
                let number = try nonNegative()
                guard number <= Self.longestDelayMilliseconds else { throw fail("\(name) must be at most \(Int(Self.longestDelayMilliseconds)) (one hour), got \(member.value.doubleValue ?? number)") }
                return number
            }
            switch member.key {
            case "status":
                let status = try positiveInt()
                guard (400...599).contains(status) else { throw fail("\(name) must be an HTTP error status (400–599)") }
                fault.status = status
            case "retry_after_ms": fault.retryAfterMilliseconds = Int(try milliseconds())
            case "latency_ms": fault.latencyMilliseconds = try milliseconds()
            case "jitter_ms": fault.jitterMilliseconds = try milliseconds()
            case "drop_after_events":
                guard let number = member.value.intValue, number >= 0 else { throw fail("\(name) must be an integer ≥ 0") }
                fault.dropAfterEvents = number
            case "first": fault.first = try positiveInt()
            case "every": fault.every = try positiveInt()
            case "probability":
                let probability = try nonNegative()
                guard probability <= 1 else { throw fail("\(name) must be between 0 and 1") }
                fault.probability = probability
            case "model":
                guard let model = member.value.stringValue else { throw fail("\(name) must be a string") }
                fault.model = model.lowercased()
            case "route":
                guard let route = member.value.stringValue, ["openai", "azure", "responses", "messages"].contains(route) else {
                    throw fail("\(name) must be \"openai\", \"azure\", \"responses\" or \"messages\"")
                }
                fault.route = route
            case "stream":
                guard let flag = member.value.boolValue else { throw fail("\(name) must be true or false") }
                fault.stream = flag
            default:
                throw fail("unknown member \"\(name)\": a fault has status, retry_after_ms, latency_ms, jitter_ms, drop_after_events, first, every, probability, model, route, stream")
            }
        }
        guard fault.status != nil || fault.latencyMilliseconds != nil || fault.jitterMilliseconds != nil || fault.dropAfterEvents != nil else {
            throw fail("faults[\(index)] does nothing: give it a status, latency_ms, jitter_ms or drop_after_events")
        }
        return fault
    }
}
