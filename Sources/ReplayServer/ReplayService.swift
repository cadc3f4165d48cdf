import ChatWire
import Foundation
import NIOPosix
import Replay
import Synchronization
import Tokenization

/// The replay server's behaviour, independent of the HTTP library: routing, matching, faults,
/// rate limits, the context-window cliff, recording, and the admin endpoints.
///
/// Routes: `POST /v1/chat/completions` (and any path ending in `/chat/completions`),
/// `POST /openai/deployments/{name}/chat/completions?api-version=…`, `GET /v1/models`,
/// `GET /__admin/health`, `GET /__admin/stats`, `POST /__admin/reset`, `GET /__admin/unused`,
/// `GET /__admin/log`; any other path that a cassette recorded (embeddings, …) replays too;
/// everything else is a 404 in OpenAI's shape. Any of them behind `/c/NAME` (or with the
/// `x-docharness-cassette: NAME` header) is scoped to that one cassette (`ReplayScopes`).
public final class ReplayService: Sendable {
    /// The configuration.
    public let configuration: ReplayServerConfiguration
    /// The matching engine of requests that name no cassette (every cassette, one pool).
    public let engine: ReplayEngine
    /// The per-cassette engines of requests that name one, and the global engine.
    public let scopes: ReplayScopes
    private let scopedRecorders: ScopedRecorders?
    let log: RequestLog
    let faults: FaultInjector
    private let windows: ContextWindows
    private let tokens: RequestTokenCounter
    let buckets: Mutex<RateLimitBuckets>
    private let now: @Sendable () -> Double
    private let recorder: UpstreamRecorder?
    private let models: [String]
    private let analyses: ChatRequestAnalysisCache
    private let limitsRates: Bool

    /// Creates the service; `now` is the clock of the rate limits (seconds), injectable for tests.
    public init(configuration: ReplayServerConfiguration, now: (@Sendable () -> Double)? = nil) {
        self.configuration = configuration
        scopes = ReplayScopes(cassettes: configuration.cassettes, roots: configuration.cassetteRoots,
                              matcher: RequestMatcher(ignoredFields: configuration.ignoredFields), mode: configuration.mode)
        engine = scopes.global
        scopedRecorders = configuration.scopeRecording.map { ScopedRecorders(recording: $0) }
        log = RequestLog(capacity: configuration.requestLogCapacity)
        faults = FaultInjector(plan: configuration.faultPlan)
        var windows = ContextWindows(override: configuration.faultPlan.contextWindow)
        for (prefix, window) in configuration.faultPlan.contextWindows { windows.windows[prefix] = window }
        self.windows = windows
        tokens = RequestTokenCounter(store: configuration.vocabularies, openWeight: configuration.promptCounter)
        analyses = ChatRequestAnalysisCache(capacityBytes: configuration.analysisCacheBytes)
        buckets = Mutex(RateLimitBuckets(requestsPerMinute: configuration.faultPlan.requestsPerMinute, tokensPerMinute: configuration.faultPlan.tokensPerMinute))
        limitsRates = configuration.faultPlan.requestsPerMinute != nil || configuration.faultPlan.tokensPerMinute != nil
        if let now {
            self.now = now
        } else {
            let start = ContinuousClock.now
            self.now = {
                let elapsed = ContinuousClock.now - start
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            }
        }
        recorder = configuration.recording.map { UpstreamRecorder(configuration: $0) }
        var models = Set<String>()
        for cassette in configuration.cassettes {
            for interaction in cassette.interactions {
                if let model = interaction.request.chatRequest?.model { models.insert(model) }
            }
        }
        self.models = models.sorted()
    }

    /// The counters (matched, unmatched, faulted, …).
    public var counters: ReplayCounters { engine.counters }

    /// Stops the upstream clients of record mode.
    public func shutdown() async {
        await recorder?.shutdown()
        await scopedRecorders?.shutdown()
    }

    /// The recordings no request has been answered with since the server started (or was reset),
    /// of one scope's cassette or of every cassette.
    public func unusedRecordings(scope: String? = nil) -> [InteractionSource] {
        scopes.unused(scope: scope)
    }

    /// Where a request replays from and records to.
    struct Scope {
        /// The cassette the request named, if any.
        let name: String?
        /// The engine that matches it.
        let engine: ReplayEngine
        /// The recorder of its unmatched requests, if the mode records there.
        let recorder: UpstreamRecorder?
        /// Whether recordings are replayed (not in record mode `all`).
        let replays: Bool
        /// Whether the named cassette was loaded (false for unscoped requests).
        let cassetteLoaded: Bool
    }

    private func scope(named name: String?) -> Scope {
        guard let name else { return Scope(name: nil, engine: engine, recorder: recorder, replays: true, cassetteLoaded: false) }
        let resolved = scopes.resolve(name)
        let recorder = scopedRecorders?.recorder(file: resolved.recordingFile, hasRecordings: resolved.cassette?.interactions.isEmpty == false)
        let replays = !(recorder != nil && scopedRecorders?.recording.mode == .all)
        return Scope(name: name, engine: resolved.engine, recorder: recorder, replays: replays, cassetteLoaded: resolved.cassette != nil)
    }

    /// Answers one request, and logs what it was answered with (`GET /__admin/log`).
    public func answer(_ request: ServerRequest) async -> ServerAnswer {
        if request.method == "POST", request.path == "/v1/chat/completions", !request.bodyTooLarge, request.headers[CassetteScope.header] == nil {
            return logged(await chatCompletion(request, route: .openAI, scope: scope(named: nil)), request: request, scope: nil)
        }
        switch CassetteScope.parse(request, isLoaded: { [scopes] in scopes.cassette(named: $0) != nil }) {
        case .failure(let error):
            counters.add(.rejected)
            return logged(.error(400, error), request: request, scope: nil)
        case .success(let (name, path)):
            var scoped = request
            scoped.path = path
            let answer = await answer(scoped, scope: scope(named: name))
            if scoped.path.hasPrefix("/__admin/") { return answer }
            return logged(answer, request: scoped, scope: name)
        }
    }

    private func answer(_ request: ServerRequest, scope: Scope) async -> ServerAnswer {
        if request.method == "POST", request.path == "/v1/chat/completions", !request.bodyTooLarge {
            return await chatCompletion(request, route: .openAI, scope: scope)
        }
        let pathOnly = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        if pathOnly.hasPrefix("/__admin/"), let answer = adminAnswer(request, path: pathOnly, scope: scope) { return answer }
        switch (request.method, pathOnly) {
        case ("GET", "/v1/models"), ("GET", "/models"):
            return .json(200, .object([
                JSONMember("object", "list"),
                JSONMember("data", .array(models.map { model in
                    .object([JSONMember("id", .string(model)), JSONMember("object", "model"), JSONMember("created", 0), JSONMember("owned_by", "docharness-replay")])
                })),
            ]))
        default:
            break
        }
        if request.bodyTooLarge {
            counters.add(.rejected)
            return .error(413, APIError(message: "The request body is larger than the \(configuration.maximumBodyBytes)-byte limit of this replay server (docharness serve --max-body-bytes).", type: "invalid_request_error", code: "request_too_large"))
        }
        if request.method == "POST", let route = ChatRoute(pathAndQuery: request.path) {
            return await chatCompletion(request, route: route, scope: scope)
        }
        if request.method == "POST", let api = WireAPI(path: pathOnly), api != .chatCompletions {
            return Self.shaped(await chatCompletion(request, route: .openAI, api: api, scope: scope), for: api)
        }
        // Any path with recordings replays; recording forwards the API's own paths (the Responses
        // and Messages APIs, embeddings, Azure's) even before the first one is recorded; and a
        // request to a known API that nothing answers is unmatched (naming an empty cassette),
        // not an unknown URL.
        let apiPath = pathOnly.hasPrefix("/v1/") || pathOnly.hasPrefix("/openai/")
        if scope.engine.hasRecordings(onPath: request.path) || (scope.recorder != nil && (apiPath || engine.hasRecordings(onPath: request.path)))
            || (request.method == "POST" && Self.knownAPIPaths.contains(pathOnly))
        {
            let recorded = RecordedRequest(method: request.method, path: request.path, headers: request.headers, body: RecordedBody(decoded: request.body))
            return await replayOrRecord(recorded, key: engine.matcher.key(for: recorded), original: request, rateHeaders: [], scope: scope, stream: nil)
        }
        counters.add(.rejected)
        return .error(404, APIError(message: "Invalid URL (\(request.method) \(pathOnly))", type: "invalid_request_error"))
    }

    /// An answer that ends a request before it is replayed (a refusal, or the recording of an
    /// invalid body).
    private struct Refusal: Error {
        let answer: ServerAnswer
    }

    /// Bodies at least this large are parsed and analysed on NIO's blocking-work thread pool: a
    /// 7.5 MiB body takes tens of milliseconds, and four at once held both Swift concurrency
    /// threads of a two-core machine, delaying `/__admin/health` (issue 23).
    static let offloadedBodyBytes = 256 << 10

    private func analyseOffTheTaskPool(_ request: ServerRequest, route: ChatRoute, api: WireAPI, scope: Scope) async -> Result<ChatRequestAnalysis, Refusal> {
        guard request.body.count >= Self.offloadedBodyBytes else { return analyse(request, route: route, api: api, scope: scope) }
        let service = self
        return await Self.onBlockingPool { service.analyse(request, route: route, api: api, scope: scope) }
    }

    /// Runs CPU-heavy work on NIO's blocking-work thread pool, so that the Swift concurrency
    /// threads keep serving; inline when the pool is not running.
    private static func onBlockingPool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        if let value = try? await NIOThreadPool.singleton.runIfActive(work) { return value }
        return work()
    }

    /// The request's analysis (parsed body, typed request, key, model, window, prompt tokens when a
    /// limit needs them), from the cache or made and cached.
    private func analyse(_ request: ServerRequest, route: ChatRoute, api: WireAPI, scope: Scope) -> Result<ChatRequestAnalysis, Refusal> {
        let normalizedPath = api == .chatCompletions ? route.canonicalPath : RequestMatcher.normalizedPath(request.path)
        if let cached = analyses.analysis(path: normalizedPath, body: request.body) { return .success(cached) }
        // A body that is not a valid request is still answered by a recording of that very body
        // (cassettes hold the API's own 400s, and requests recorded without their body).
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body)
        } catch {
            if let recorded = recordedAnswer(request, body: RecordedBody(decoded: request.body), engine: scope.engine) { return .failure(Refusal(answer: recorded)) }
            counters.add(.rejected)
            return .failure(Refusal(answer: .error(400, APIError(message: "We could not parse the JSON body of your request: \(error). (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)", type: "invalid_request_error"))))
        }
        let chat: ChatCompletionRequest
        var counted = true
        do {
            if let typed = try api.request(json: value) {
                // The Responses and Messages APIs are counted (cliff, token limits) in their chat
                // form; a request with none (a built-in tool, a stored conversation) is replayed
                // uncounted.
                if let equivalent = try? typed.chatEquivalent() {
                    chat = equivalent
                } else {
                    chat = ChatCompletionRequest(model: typed.model, messages: [], stream: typed.stream, maxCompletionTokens: typed.outputBudget)
                    counted = false
                }
            } else {
                chat = try ChatCompletionRequest(json: value)
            }
        } catch {
            if let recorded = recordedAnswer(request, body: .json(value), engine: scope.engine) { return .failure(Refusal(answer: recorded)) }
            counters.add(.rejected)
            return .failure(Refusal(answer: .error(400, APIError(message: "Invalid request body: \(error)", type: "invalid_request_error", param: error.path.isEmpty ? nil : error.path))))
        }
        let key = engine.matcher.key(for: RecordedRequest(method: request.method, path: request.path, body: .json(value)))
        let model: String
        switch route {
        case .openAI: model = chat.model ?? ""
        case .azure(let deployment, _): model = chat.model ?? deployment
        }
        let window = windows.window(for: model)
        // Tokens never outnumber UTF-8 bytes, so a body smaller than the window needs no count
        // for the cliff (unless a chat template adds text the body does not hold); a
        // tokens-per-minute limit always needs one.
        let budget = chat.completionBudget ?? 0
        let cliffNeedsCount = window.map { tokens.countsTemplates || request.body.count + 4 * chat.messages.count + 3 + budget > $0 } ?? false
        let promptTokens = counted && (cliffNeedsCount || configuration.faultPlan.tokensPerMinute != nil)
            ? tokens.promptTokens(chat, model: model, api: api).tokens : nil
        let analysis = ChatRequestAnalysis(value: value, chat: chat, key: key, model: model, window: window, promptTokensIfNeeded: promptTokens)
        analyses.store(analysis, path: normalizedPath, body: request.body)
        return .success(analysis)
    }

    private func chatCompletion(_ request: ServerRequest, route: ChatRoute, api: WireAPI = .chatCompletions, scope: Scope) async -> ServerAnswer {
        let analysis: ChatRequestAnalysis
        switch await analyseOffTheTaskPool(request, route: route, api: api, scope: scope) {
        case .success(let analysed): analysis = analysed
        case .failure(let refusal): return refusal.answer
        }
        let chat = analysis.chat
        let model = analysis.model
        let routeName: String
        switch (api, route) {
        case (.responses, _): routeName = "responses"
        case (.messages, _): routeName = "messages"
        case (_, .azure): routeName = "azure"
        default: routeName = "openai"
        }
        let stream = chat.stream == true
        let decision = faults.decide(model: model, route: routeName, stream: stream)
        if decision.delayMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(decision.delayMilliseconds))
        }

        // The context-window cliff, then the rate limits. The prompt is counted once per distinct
        // body (the analysis cache keeps the count), and only when a limit needs it.
        let budget = chat.completionBudget
        if let window = analysis.window, let counted = analysis.promptTokensIfNeeded, counted + (budget ?? 0) > window {
            counters.add(.contextLengthExceeded)
            return .error(400, .contextLengthExceeded(window: window, messageTokens: counted, completionTokens: budget, api: api))
        }
        var rateHeaders: [(String, String)] = []
        if limitsRates {
            let cost = (analysis.promptTokensIfNeeded ?? 0) + (budget ?? 0) * max(1, chat.choiceCount ?? 1)
            let time = now()
            let verdict = buckets.withLock { $0.take(tokenCost: cost, now: time) }
            rateHeaders = verdict.headers
            if !verdict.allowed {
                counters.add(.rateLimited)
                return rateLimited(verdict, model: model, cost: cost)
            }
        }

        if let status = decision.status {
            counters.add(.faulted)
            return injectedError(status, retryAfterMilliseconds: decision.retryAfterMilliseconds, model: model, rateHeaders: rateHeaders)
        }
        var answer = await replayOrRecord(RecordedRequest(method: request.method, path: request.path, headers: request.headers, body: .json(analysis.value)), key: analysis.key, original: request, rateHeaders: rateHeaders,
                                          scope: scope, stream: StreamRequest(stream: stream, includeUsage: analysis.value["stream_options"]?["include_usage"]?.boolValue == true, api: api))
        if let drop = decision.dropAfterEvents, answer.status == 200 {
            counters.add(.faulted)
            switch answer.body {
            case .events(let events, let paced, _): answer.body = .events(events, paced: paced, dropAfter: drop)
            case .bytes(let bytes): answer.body = .truncated(Array(bytes.prefix(bytes.count / 2)), declaredLength: bytes.count)
            case .truncated: break
            }
        }
        return answer
    }

    /// The recorded answer to exactly this request, if the cassettes hold one (no nearest match).
    private func recordedAnswer(_ request: ServerRequest, body: RecordedBody, engine: ReplayEngine) -> ServerAnswer? {
        let recorded = RecordedRequest(method: request.method, path: request.path, headers: request.headers, body: body)
        let key = engine.matcher.key(for: recorded)
        guard engine.hasRecording(key), case .matched(let interaction, let match) = engine.replay(recorded, key: key) else { return nil }
        var headers = interaction.response.headers
        headers.append("x-docharness-replay", match.label)
        return Self.answer(for: interaction.response, body: match.responseBody, headers: headers, paced: configuration.replayTiming)
    }

    /// The engine's answer. A request with a recording is answered here; one without costs the
    /// search for the nearest recording and its diff (a 4,000-message request took 2.3 s), which
    /// runs on NIO's blocking-work thread pool so that the Swift concurrency threads — two on a
    /// two-core machine — keep answering other requests and `/__admin/health` meanwhile.
    private func replayOffTheTaskPool(_ recorded: RecordedRequest, key: RequestKey, engine: ReplayEngine) async -> ReplayOutcome {
        if engine.hasRecording(key) { return engine.replay(recorded, key: key) }
        return await Self.onBlockingPool { engine.replay(recorded, key: key) }
    }

    /// Whether a chat request asks for a stream, and for the usage chunk.
    struct StreamRequest {
        let stream: Bool
        let includeUsage: Bool
        var api: WireAPI = .chatCompletions
    }

    private func replayOrRecord(
        _ recorded: RecordedRequest, key: RequestKey, original: ServerRequest, rateHeaders: [(String, String)], scope: Scope, stream: StreamRequest?
    ) async -> ServerAnswer {
        let outcome: ReplayOutcome
        if scope.replays {
            outcome = await replayOffTheTaskPool(recorded, key: key, engine: scope.engine)
        } else {
            outcome = .unmatched(UnmatchedRequest(nearest: nil, diff: "", fingerprint: key.fingerprint))
        }
        switch outcome {
        case .matched(var interaction, let match):
            var body = match.responseBody
            if let stream {
                switch StreamForm.reconcile(interaction.response, body: body, stream: stream, label: match.label, converting: configuration.convertsStreams) {
                case .unchanged: break
                case .converted(let response, let bytes):
                    interaction.response = response
                    body = bytes
                case .refused(let error):
                    counters.add(.rejected)
                    return .error(400, error)
                }
            }
            var headers = interaction.response.headers
            for (name, value) in rateHeaders {
                headers.remove(name)
                headers.append(name, value)
            }
            headers.append("x-docharness-replay", match.label)
            return Self.answer(for: interaction.response, body: body, headers: headers, paced: configuration.replayTiming)
        case .unmatched(let unmatched):
            if let recorder = scope.recorder {
                do {
                    let (interaction, recording) = try await recorder.forward(original)
                    var headers = interaction.response.headers
                    switch recording {
                    case .recorded:
                        counters.add(.recorded)
                        headers.append("x-docharness-recorded", Self.headerValue(recorder.configuration.cassetteFile))
                    case .notRecordable: counters.add(.upstreamFailed)
                    case .notWritten(let error):
                        counters.add(.notWritten)
                        let warning = "not recorded: \(error.file) \(error.reason)"
                        headers.append("x-docharness-warning", Self.headerValue(warning))
                        Self.warn("docharness serve: \(error); the upstream's answer was passed on with an x-docharness-warning header, "
                            + "and the recording is kept in memory until a later write succeeds")
                    }
                    return Self.answer(for: interaction.response, body: interaction.response.body.wireBytes, headers: headers, paced: false)
                } catch {
                    return .error(502, APIError(message: "Record mode: the upstream request failed: \(error)", type: "upstream_error"))
                }
            }
            var headers = HeaderFields(rateHeaders.map { HeaderFields.Field($0.0, $0.1) })
            headers.append("x-docharness-unmatched", unmatched.fingerprint)
            if let name = scope.name, !scope.cassetteLoaded {
                let folder = scopes.roots.first ?? "."
                return .error(400, APIError(
                    message: "DocHarness replay (strict): the cassette `\(name)` has no recordings (no \(name).json, .yaml or .yml in \(folder)). Record it: docharness serve --record-mode once --upstream URL.",
                    type: "invalid_request_error", code: "unmatched_request"), headers: headers)
            }
            return .error(400, unmatched.apiError, headers: headers)
        }
    }

    /// An answer in the API's own error shape: errors this server makes are OpenAI's
    /// (`{"error": {message, type, code}}`); for the Messages API they get Anthropic's envelope
    /// (`{"type": "error", "error": {type, message}}`, types as Anthropic names them), so its SDK
    /// reads the message. Replayed and upstream answers are left as they are (they carry
    /// `type: error` already, or are not errors).
    static func shaped(_ answer: ServerAnswer, for api: WireAPI) -> ServerAnswer {
        guard api == .messages, answer.status >= 400, case .bytes(let bytes) = answer.body,
              let value = try? JSONParser.parse(bytes), case .object(let members) = value, members.count == 1,
              let error = value["error"], let message = error["message"]?.stringValue else { return answer }
        let type: String
        switch answer.status {
        case 400, 413: type = answer.status == 413 ? "request_too_large" : "invalid_request_error"
        case 401: type = "authentication_error"
        case 403: type = "permission_error"
        case 404: type = "not_found_error"
        case 429: type = "rate_limit_error"
        case 503, 529: type = "overloaded_error"
        default: type = "api_error"
        }
        var shaped = answer
        shaped.body = .bytes(JSONWriter.bytes(.object([
            JSONMember("type", "error"),
            JSONMember("error", .object([JSONMember("type", .string(type)), JSONMember("message", .string(message))])),
        ])))
        return shaped
    }

    /// The POST routes of an API this server replays without reading its body (the Responses and
    /// Messages APIs go through `chatCompletion`, like chat completions).
    static let knownAPIPaths: Set<String> = ["/v1/embeddings", "/openai/v1/embeddings"]

    /// Text safe as a header value: printable ASCII only (a file name or an error may hold more).
    static func headerValue(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 }.map(Character.init))
    }

    /// Writes a line to standard error (the server's own log is for requests).
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// The answer for a recorded response whose body bytes are already serialized.
    ///
    /// Framing is this server's own (`content-length`, `transfer-encoding` recorded from another
    /// connection are dropped), and the cassette readers inflate gzip and deflate bodies, so a
    /// recorded `content-encoding` is dropped for a body served as JSON, events or text: clients
    /// would otherwise try to inflate plain JSON (dd-trace-js recordings say `gzip` over bodies
    /// stored decoded). Raw bytes (brotli, say) keep theirs.
    static func answer(for response: RecordedResponse, body: [UInt8], headers: HeaderFields, paced: Bool) -> ServerAnswer {
        var headers = headers
        headers.remove("content-length")
        headers.remove("transfer-encoding")
        if case .bytes = response.body {} else { headers.remove("content-encoding") }
        switch response.body {
        case .events(let events):
            headers.remove("content-type")
            headers.append("content-type", "text/event-stream; charset=utf-8")
            return ServerAnswer(status: response.status, headers: headers, body: .events(events, paced: paced, dropAfter: nil))
        case .json:
            if headers["content-type"] == nil { headers.append("content-type", "application/json") }
            return ServerAnswer(status: response.status, headers: headers, body: .bytes(body))
        default:
            return ServerAnswer(status: response.status, headers: headers, body: .bytes(body))
        }
    }

    private func rateLimited(_ verdict: RateLimitBuckets.Decision, model: String, cost: Int) -> ServerAnswer {
        var headers = HeaderFields(verdict.headers.map { HeaderFields.Field($0.0, $0.1) })
        let kind = verdict.limitedBy ?? "requests"
        let message: String
        if let wait = verdict.retryAfter {
            let milliseconds = Int((wait * 1000).rounded(.up))
            headers.append("retry-after", String(Int(wait.rounded(.up))))
            headers.append("retry-after-ms", String(milliseconds))
            let limit = kind == "tokens" ? "tokens per min (TPM)" : "requests per min (RPM)"
            message = "Rate limit reached for \(model) in organization org-docharness on \(limit). Please try again in \(RateLimitBuckets.duration(wait)). (DocHarness replay server limits.)"
        } else {
            message = "Request too large for \(model) in organization org-docharness on tokens per min (TPM): Requested \(cost). The input or output tokens must be reduced in order to run successfully."
        }
        return .error(429, APIError(message: message, type: kind, param: nil, code: "rate_limit_exceeded"), headers: headers)
    }

    private func injectedError(_ status: Int, retryAfterMilliseconds: Int?, model: String, rateHeaders: [(String, String)]) -> ServerAnswer {
        var headers = HeaderFields(rateHeaders.map { HeaderFields.Field($0.0, $0.1) })
        if let retry = retryAfterMilliseconds {
            headers.append("retry-after", String((retry + 999) / 1000))
            headers.append("retry-after-ms", String(retry))
        }
        headers.append("x-docharness-fault", String(status))
        let error: APIError
        switch status {
        case 429: error = APIError(message: "Rate limit reached for \(model) (injected by the DocHarness fault plan).", type: "requests", code: "rate_limit_exceeded")
        case 500: error = APIError(message: "The server had an error while processing your request. Sorry about that! (injected by the DocHarness fault plan)", type: "server_error")
        case 502: error = APIError(message: "Bad gateway. (injected by the DocHarness fault plan)", type: "server_error")
        case 503: error = APIError(message: "The engine is currently overloaded, please try again later. (injected by the DocHarness fault plan)", type: "server_error")
        default: error = APIError(message: "Injected HTTP \(status) (DocHarness fault plan).", type: status < 500 ? "invalid_request_error" : "server_error")
        }
        return .error(status, error, headers: headers)
    }
}
