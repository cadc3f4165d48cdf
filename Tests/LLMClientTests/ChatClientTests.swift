import ChatWire
import LLMClient
import Synchronization
import Testing

@Suite("Rate limiter and retries on a virtual clock")
struct RateLimiterTests {
    @Test("60% of 60 requests/min: 36 at once, then one every 1 2/3 s")
    func requestsPerMinute() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(limits: .init(requestsPerMinute: 60, utilisation: 0.6), clock: clock)
        for _ in 0 ..< 36 { try await limiter.acquire(tokens: 1) }
        #expect(clock.now() == 0)
        try await limiter.acquire(tokens: 1)
        #expect(abs(clock.now() - 60.0 / 36) < 1e-9)
        for _ in 0 ..< 36 { try await limiter.acquire(tokens: 1) }
        #expect(abs(clock.now() - 37 * 60.0 / 36) < 1e-6)
    }

    @Test("tokens per minute: a reservation larger than what is left waits for the refill")
    func tokensPerMinute() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(limits: .init(tokensPerMinute: 10_000, utilisation: 0.5), clock: clock)
        try await limiter.acquire(tokens: 4_000)
        try await limiter.acquire(tokens: 4_000)  // 1,000 left of 5,000: waits 3,000/(5,000/60) = 36 s
        #expect(abs(clock.now() - 36) < 1e-9)
    }

    @Test("a pause (Retry-After) holds every request; spacing spreads bursts")
    func pauseAndSpacing() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(limits: .init(minimumSpacing: 0.2, spacingJitter: 0), clock: clock)
        await limiter.pause(for: 3)
        try await limiter.acquire(tokens: 1)
        #expect(clock.now() == 3)
        try await limiter.acquire(tokens: 1)
        try await limiter.acquire(tokens: 1)
        #expect(abs(clock.now() - 3.4) < 1e-9)
    }

    @Test("server headers: an unknown limit is adopted, remaining lowers the bucket")
    func headers() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(limits: .init(utilisation: 0.5), clock: clock)
        await limiter.observe(headers: [("x-ratelimit-limit-requests", "120"), ("x-ratelimit-remaining-requests", "61")])
        #expect(await limiter.knownRequestsPerMinute == 120)
        // Remaining 61 less the kept-back 60 → one request now, the next after one request's
        // refill at 50% of 120 per minute (one a second).
        try await limiter.acquire(tokens: 1)
        #expect(clock.now() == 0)
        try await limiter.acquire(tokens: 1)
        #expect(abs(clock.now() - 1) < 1e-9)
    }

    @Test("backoff is full jitter under an exponential cap; Retry-After wins")
    func backoff() {
        let policy = RetryPolicy(baseDelay: 0.5, maximumDelay: 8)
        #expect(policy.delay(retry: 1, retryAfter: nil, unit: 0.999) < 0.5)
        #expect(policy.delay(retry: 3, retryAfter: nil, unit: 0.5) == 1.0)
        #expect(policy.delay(retry: 10, retryAfter: nil, unit: 0.5) == 4.0)
        #expect(policy.delay(retry: 2, retryAfter: 1.25, unit: 0.1) == 1.25)
        #expect(RetryPolicy.retryAfter(headers: [("Retry-After-Ms", "250")]) == 0.25)
        #expect(RetryPolicy.retryAfter(headers: [("retry-after", "2")]) == 2)
        #expect(RetryPolicy.isRetryable(status: 503) && RetryPolicy.isRetryable(status: 429) && !RetryPolicy.isRetryable(status: 400))
    }
}

/// A transport answering from a script of replies and failures.
final class ScriptedTransport: ChatTransport {
    enum Step: Sendable {
        case reply(Int, [(String, String)], String)
        case drop
    }

    private let steps: Mutex<[Step]>
    private let clock: VirtualClock?
    private let latency: Double
    let sent = Mutex(0)

    /// Answers `steps` in order; each post moves `clock` forward by `latency` seconds.
    init(_ steps: [Step], clock: VirtualClock? = nil, latency: Double = 0) {
        self.steps = Mutex(steps)
        self.clock = clock
        self.latency = latency
    }

    struct Dropped: Error {}

    func post(_ body: [UInt8], to endpoint: ChatEndpoint, timeout: Double) async throws -> HTTPReply {
        sent.withLock { $0 += 1 }
        clock?.advance(by: latency)
        let step = steps.withLock { $0.isEmpty ? Step.drop : $0.removeFirst() }
        switch step {
        case .reply(let status, let headers, let body): return HTTPReply(status: status, headers: headers, body: Array(body.utf8))
        case .drop: throw Dropped()
        }
    }

    func shutdown() async {}
}

@Suite("Chat client")
struct ChatClientTests {
    static let completion = #"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}"#

    @Test("retries 429 (honouring retry-after-ms), 503, a drop and a truncated body, then succeeds")
    func retries() async throws {
        let transport = ScriptedTransport([
            .reply(429, [("retry-after-ms", "1500")], #"{"error":{"message":"slow down"}}"#),
            .reply(503, [], "busy"), .drop, .reply(200, [], String(Self.completion.prefix(40))), .reply(200, [], Self.completion),
        ])
        let clock = VirtualClock()
        let client = ChatClient(endpoint: .openAI(baseURL: "http://x", apiKey: nil), transport: transport,
                                limiter: RequestRateLimiter(limits: .init(), clock: clock), clock: clock)
        let exchange = await client.send(ChatCompletionRequest(model: "m", messages: [.text("user", "hi")]), tokens: 10)
        #expect(exchange.completion?.usage?.promptTokens == 5)
        #expect(exchange.attempts == 5)
        #expect(exchange.rateLimited == 1 && exchange.serverErrors == 1 && exchange.transportErrors == 2)
        #expect(clock.waits.first == 1.5)
        #expect(clock.now() >= 1.5)
    }

    @Test("a streamed answer is put back together; a stream cut before [DONE] is retried")
    func streams() async throws {
        func chunk(_ content: String?, finish: String? = nil, usage: String? = nil) -> String {
            let delta = content.map { #"{"content":"\#($0)"}"# } ?? "{}"
            let choices = usage == nil ? #"[{"index":0,"delta":\#(delta),"finish_reason":\#(finish.map { "\"\($0)\"" } ?? "null")}]"# : "[]"
            return #"data: {"id":"s","object":"chat.completion.chunk","created":1,"model":"m","choices":\#(choices)\#(usage.map { #","usage":\#($0)"# } ?? "")}"# + "\n\n"
        }
        let whole = chunk("{\\\"summary\\\":") + chunk("\\\"Hi.\\\"}", finish: "stop") + chunk(nil, usage: #"{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}"#) + "data: [DONE]\n\n"
        let cut = chunk("{\\\"summary\\\":")
        let transport = ScriptedTransport([.reply(200, [("content-type", "text/event-stream")], cut), .reply(200, [("content-type", "text/event-stream")], whole)])
        let clock = VirtualClock()
        let client = ChatClient(endpoint: .openAI(baseURL: "http://x", apiKey: nil), transport: transport,
                                limiter: RequestRateLimiter(limits: .init(), clock: clock), clock: clock)
        var request = ChatCompletionRequest(model: "m", messages: [.text("user", "hi")])
        request.stream = true
        let exchange = await client.send(request, tokens: 10)
        #expect(exchange.attempts == 2 && exchange.transportErrors == 1)
        #expect(exchange.completion?.choices.first?.message?.text == #"{"summary":"Hi."}"#)
        #expect(exchange.completion?.choices.first?.finishReason == "stop")
        #expect(exchange.completion?.usage?.promptTokens == 7)
    }

    @Test("a 400 is not retried; its message is kept")
    func rejected() async {
        let transport = ScriptedTransport([.reply(400, [], #"{"error":{"message":"no recording","code":"unmatched_request"}}"#)])
        let clock = VirtualClock()
        let client = ChatClient(endpoint: .openAI(baseURL: "http://x/v1", apiKey: "k"), transport: transport,
                                limiter: RequestRateLimiter(limits: .init(), clock: clock), clock: clock)
        let exchange = await client.send(ChatCompletionRequest(model: "m", messages: []), tokens: 1)
        #expect(exchange.attempts == 1)
        #expect(exchange.failure == .rejected(status: 400, code: "unmatched_request", message: "no recording"))
    }

    @Test("endpoints: OpenAI base URLs and Azure deployments")
    func endpoints() {
        #expect(ChatEndpoint.openAI(baseURL: "http://127.0.0.1:8080", apiKey: nil).url == "http://127.0.0.1:8080/v1/chat/completions")
        #expect(ChatEndpoint.openAI(baseURL: "https://api.openai.com/v1/", apiKey: nil).path == "/v1/chat/completions")
        let azure = ChatEndpoint.azure(endpoint: "https://n.openai.azure.com/", deployment: "gpt4o", apiVersion: "2024-10-21", apiKey: "k")
        #expect(azure.url == "https://n.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21")
        #expect(azure.headers.contains { $0.name == "api-key" })
    }
}
