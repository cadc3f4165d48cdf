import ChatWire
import Foundation
import Generation
import PythonSyntax
import Synchronization
import Testing

@Suite("Safe-zone budget")
struct SafeZoneBudgetTests {
    /// A prompt whose units weigh: base, class context, source.
    func decide(prompt: Int, classContext: Int = 0, source: Int = 0) -> SafeZoneBudget.Decision {
        SafeZoneBudget().decide(droppable: [.classContext, .source]) { dropped in
            prompt + (dropped.contains(.classContext) ? 0 : classContext) + (dropped.contains(.source) ? 0 : source)
        }
    }

    @Test("prompt + max_tokens never crosses 22,800, at every size the issue lists",
          arguments: [25, 100, 1_000, 5_000, 10_000, 15_000, 20_000, 22_000, 22_500])
    func neverCrosses(size: Int) {
        switch decide(prompt: size) {
        case .send(let maxTokens, let estimated, let dropped, let mustTrim):
            #expect(estimated + maxTokens + 100 == 22_800)
            // Dropping weighs nothing here, so units go only when the minimum does not fit.
            #expect(dropped == (maxTokens < 500 ? [.classContext, .source] : []))
            #expect(mustTrim == (maxTokens < 500))
            #expect(size <= 22_600)
        case .skip(let estimated, _):
            #expect(estimated == size)
            Issue.record("a \(size)-token prompt still has room")
        }
    }

    @Test("drops class context, then the body, until 500 tokens fit")
    func dropsUnitsInOrder() {
        // 20,000 + 1,000 class + 1,500 body = 22,500: 200 left → drop class (1,200 left).
        guard case .send(let maxTokens, _, let dropped, let mustTrim) = decide(prompt: 20_000, classContext: 1_000, source: 1_500) else { Issue.record("skipped"); return }
        #expect(dropped == [.classContext])
        #expect(maxTokens == 1_200)
        #expect(!mustTrim)
        // Dropping the class is not enough: the body goes too.
        guard case .send(let second, _, let droppedBoth, _) = decide(prompt: 21_900, classContext: 100, source: 700) else { Issue.record("skipped"); return }
        #expect(droppedBoth == [.classContext, .source])
        #expect(second == 800)
    }

    @Test("sends what is left with an error when the minimum cannot fit; skips when nothing is left")
    func trimsOrSkips() {
        guard case .send(let maxTokens, _, _, let mustTrim) = decide(prompt: 22_500, source: 300) else { Issue.record("skipped"); return }
        #expect(maxTokens == 200)
        #expect(mustTrim)
        guard case .skip(let estimated, let dropped) = decide(prompt: 22_700, classContext: 50, source: 50) else { Issue.record("sent"); return }
        #expect(estimated == 22_700)
        #expect(dropped == [.classContext, .source])
    }
}

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
    let sent = Mutex(0)

    init(_ steps: [Step]) {
        self.steps = Mutex(steps)
    }

    struct Dropped: Error {}

    func post(_ body: [UInt8], to endpoint: ChatEndpoint, timeout: Double) async throws -> HTTPReply {
        sent.withLock { $0 += 1 }
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

@Suite("Answer schema, template, journal")
struct AnswerTemplateJournalTests {
    @Test("answers are validated against the schema; violations name the member")
    func schema() throws {
        let good = DocstringAnswer(summary: "Add two numbers.", parameters: [.init(name: "a", type: "int", description: "First.")])
        #expect(try DocstringAnswer.parse(JSONWriter.string(good.json)) == good)
        #expect(throws: DocstringAnswer.Rejection.self) { try DocstringAnswer.parse(#"{"summary":""}"#) }
        let violations = JSONSchemaValidator(schema: DocstringAnswer.schema).violations(of: try JSONParser.parse(
            #"{"summary":"S.","description":"","parameters":[{"name":"a","type":1,"description":"x"}],"returns":{"type":"","description":""},"yields":{"type":"","description":""},"raises":[],"examples":[],"extra":1}"#))
        #expect(violations.map(\.description) == ["/parameters/0/type: expected string, found number", "/extra: member not allowed by the schema"])
    }

    @Test("the bundled template renders; empty blocks vanish; a value holding {{…}} stays as it is")
    func template() throws {
        let template = try PromptTemplate.bundled()
        #expect(template.version == "docstring-v1")
        let (system, user) = template.render(["kind": "function", "qualname": "f", "style": "google", "signature": "def f(): # {{kind}}",
                                              "complexity": "1", "source": "def f():\n    return '{{qualname}}'"])
        #expect(system.hasPrefix("You are"))
        #expect(user.contains("def f(): # {{kind}}"))
        #expect(user.contains("return '{{qualname}}'"))
        #expect(!user.contains("Decorators") && !user.contains("It belongs to this class"))
        #expect(throws: PromptTemplate.ParseError.self) { try PromptTemplate.parse("version: x\n--- system\n{{nope}}\n--- user\nu", path: "t.prompt") }
        do {
            _ = try PromptTemplate.parse("version: x\n--- system\n{{nope}}\n--- user\nu", path: "t.prompt")
        } catch {
            #expect(error.description == "t.prompt:3: unknown placeholder 'nope'; known: class_context, complexity, complexity_guidance, decorators, existing_docstring, kind, qualname, raises, signature, source, style")
        }
    }

    @Test("the journal survives a torn last line and resumes after it")
    func journal() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)").path
        let path = folder + "/run.jsonl"
        let entry = JournalEntry(target: "a.py::f", outcome: .generated, templateVersion: "v", model: "m", request: nil, estimatedPromptTokens: 10,
                                 estimator: "chat", maxTokens: 100, droppedUnits: [], mustTrim: false, answer: DocstringAnswer(summary: "S."),
                                 promptTokens: 10, completionTokens: 5, attempts: 1, rateLimited: 0, serverErrors: 0, transportErrors: 0, latency: 0.01, error: nil)
        do {
            let journal = try GenerationJournal(path: path)
            try await journal.append(entry)
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"target":"a.py::g","outc"#.utf8))
        try handle.close()
        let reopened = try GenerationJournal(path: path)
        #expect(reopened.previous.keys.sorted() == ["a.py::f"])
        var second = entry
        second.target = "a.py::g"
        try await reopened.append(second)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try GenerationJournal(path: path).previous.count == 2)
        try? FileManager.default.removeItem(atPath: folder)
    }
}

@Suite("Rendering and insertion")
struct RenderingTests {
    static let answer = DocstringAnswer(
        summary: "compute the total price", description: "Prices are in cents.",
        parameters: [.init(name: "items", type: "list[Item]", description: "the items"), .init(name: "tax", type: "float", description: "the rate")],
        returns: .init(type: "int", description: "the total in cents"), raises: [.init(exception: "ValueError", description: "if tax is negative")])

    @Test("Google, NumPy and Sphinx renderings")
    func styles() {
        #expect(DocstringRenderer(style: .google).render(Self.answer) == [
            "Compute the total price.", "", "Prices are in cents.", "", "Args:", "    items (list[Item]): The items.", "    tax (float): The rate.", "",
            "Returns:", "    int: The total in cents.", "", "Raises:", "    ValueError: If tax is negative.",
        ])
        #expect(DocstringRenderer(style: .numpy).render(Self.answer) == [
            "Compute the total price.", "", "Prices are in cents.", "", "Parameters", "----------", "items : list[Item]", "    The items.", "tax : float",
            "    The rate.", "", "Returns", "-------", "int", "    The total in cents.", "", "Raises", "------", "ValueError", "    If tax is negative.",
        ])
        #expect(DocstringRenderer(style: .sphinx).render(Self.answer) == [
            "Compute the total price.", "", "Prices are in cents.", "", ":param items: The items.", ":type items: list[Item]", ":param tax: The rate.",
            ":type tax: float", ":returns: The total in cents.", ":rtype: int", ":raises ValueError: If tax is negative.",
        ])
    }

    @Test("insertion keeps CRLF, tabs and every other byte; replacement swaps only the literal")
    func insertion() throws {
        let source = "import os\r\n\r\nclass A:\r\n\tdef f(self, items,\r\n\t      tax):\r\n\t\t# body\r\n\t\treturn 1\r\n\r\ndef g():\r\n    \"\"\"Old.\r\n\r\n    More.\r\n    \"\"\"\r\n    return 2\r\n"
        let bytes = Array(source.utf8)
        let file = SourceFile.parse(bytes: bytes, path: "t.py")
        let method = try #require(file.symbols.first { $0.qualname == "A.f" })
        let function = try #require(file.symbols.first { $0.qualname == "g" })
        let patched = try DocstringPatch.apply([(method, ["Do it."]), (function, ["New.", "", "Args:", "    x: Y."])], to: bytes, file: file)
        let expected = "import os\r\n\r\nclass A:\r\n\tdef f(self, items,\r\n\t      tax):\r\n\t\t\"\"\"Do it.\"\"\"\r\n\t\t# body\r\n\t\treturn 1\r\n\r\ndef g():\r\n    \"\"\"New.\r\n\r\n    Args:\r\n        x: Y.\r\n    \"\"\"\r\n    return 2\r\n"
        #expect(String(decoding: patched, as: UTF8.self) == expected)
        let reparsed = SourceFile.parse(bytes: patched, path: "t.py")
        #expect(reparsed.isValid)
        #expect(reparsed.symbols.first { $0.qualname == "A.f" }?.docstring == "Do it.")
    }

    @Test("a file whose docstrings open with the quotes alone keeps that convention")
    func summaryOnNextLine() throws {
        let source = "def f():\n    \"\"\"\n    Old.\n\n    More.\n    \"\"\"\n\n\ndef g(x):\n    return x\n"
        let bytes = Array(source.utf8)
        let file = SourceFile.parse(bytes: bytes, path: "n.py")
        let g = try #require(file.symbols.first { $0.qualname == "g" })
        let patched = try DocstringPatch.apply([(g, ["Return x.", "", "Parameters", "----------", "x : int", "    The value."])], to: bytes, file: file)
        #expect(String(decoding: patched, as: UTF8.self).hasSuffix("def g(x):\n    \"\"\"\n    Return x.\n\n    Parameters\n    ----------\n    x : int\n        The value.\n    \"\"\"\n    return x\n"))
    }

    @Test("a Latin-1 file stays Latin-1")
    func latin1() throws {
        var bytes = Array("# -*- coding: latin-1 -*-\ndef f():\n    return 'caf".utf8) + [0xE9] + Array("'\n".utf8)
        let file = SourceFile.parse(bytes: bytes, path: "l.py")
        let symbol = try #require(file.symbols.first { $0.qualname == "f" })
        let patched = try DocstringPatch.apply([(symbol, ["Return café."])], to: bytes, file: file)
        bytes.insert(contentsOf: Array("    \"\"\"Return caf".utf8) + [0xE9] + Array(".\"\"\"\n".utf8), at: 35)
        #expect(patched == bytes)
    }
}
