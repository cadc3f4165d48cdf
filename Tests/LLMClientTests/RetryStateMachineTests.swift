import ChatWire
import LLMClient
import Testing

/// The retry state machine driven by outcomes alone (no transport, no clock), and the client
/// driving it on a virtual clock whose waits and latencies are exact.
@Suite("Retry state machine")
struct RetryStateMachineTests {
    static let completion = try! ChatCompletion(json: try! JSONParser.parse(ChatClientTests.completion), path: "")

    /// Runs a machine over `outcomes` and returns every action it took.
    static func actions(_ outcomes: [RetryStateMachine.Outcome], policy: RetryPolicy = RetryPolicy()) -> (actions: [RetryStateMachine.Action], machine: RetryStateMachine) {
        var machine = RetryStateMachine(policy: policy, seed: 7)
        var actions = [machine.start()]
        var pending = outcomes[...]
        while let last = actions.last {
            switch last {
            case .send:
                guard let outcome = pending.popFirst() else { return (actions, machine) }
                actions.append(machine.next(after: outcome))
            case .wait: actions.append(machine.waited())
            case .deliver, .giveUp: return (actions, machine)
            }
        }
        return (actions, machine)
    }

    /// `Retry-After: 1e10` crashed `generate` after 66 s and `Retry-After: 3600` slept an hour
    /// in silence (issue 23): past `--max-wait` the request fails and says what the server asked.
    @Test("a Retry-After longer than the longest wait fails the request and says so")
    func refusesLongWaits() {
        for (asked, words) in [(1e10, "forever"), (3600, "3600 s"), (.infinity, "forever")] {
            let (actions, machine) = Self.actions([.rateLimited(retryAfter: asked, reason: "HTTP 429: slow down")])
            #expect(actions.count == 2)
            guard case .giveUp(.exhausted(1, let reason)) = actions.last else {
                Issue.record("\(asked): \(actions)")
                continue
            }
            #expect(reason.hasPrefix("the server asked to wait \(words) before retrying (Retry-After), longer than the 60 s DocHarness waits (--max-wait)"))
            #expect(machine.exchange.backoff == 0)
        }
        let (actions, _) = Self.actions([.rateLimited(retryAfter: 45, reason: "HTTP 429"), .completion(Self.completion)])
        #expect(actions.contains(.wait(seconds: 45)))
        let (short, _) = Self.actions([.rateLimited(retryAfter: 45, reason: "HTTP 429")], policy: RetryPolicy(maximumWait: 10))
        if case .giveUp = short.last {} else { Issue.record("--max-wait 10 must refuse a 45 s wait: \(short)") }
    }

    @Test("a completion is delivered at once")
    func delivers() {
        let (actions, machine) = Self.actions([.completion(Self.completion)])
        #expect(actions == [.send, .deliver(Self.completion)])
        #expect(machine.exchange.attempts == 1 && machine.exchange.failure == nil)
    }

    @Test("Retry-After is waited exactly; backoff stays under the exponential cap")
    func waits() {
        let policy = RetryPolicy(maximumAttempts: 6, baseDelay: 0.5, maximumDelay: 8)
        let (actions, machine) = Self.actions([
            .rateLimited(retryAfter: 1.5, reason: "HTTP 429"), .serverError(status: 503, retryAfter: nil, reason: "HTTP 503"),
            .transport(reason: "dropped"), .transport(reason: "truncated"), .completion(Self.completion),
        ], policy: policy)
        let waits = actions.compactMap { if case .wait(let seconds) = $0 { seconds } else { nil } }
        #expect(waits.count == 4)
        #expect(waits[0] == 1.5)
        for (retry, wait) in waits.enumerated().dropFirst() {
            #expect(wait >= 0 && wait < min(8, 0.5 * Double(1 << retry)))
        }
        #expect(actions.last == .deliver(Self.completion))
        #expect(machine.exchange.attempts == 5 && machine.exchange.rateLimited == 1 && machine.exchange.serverErrors == 1 && machine.exchange.transportErrors == 2)
        #expect(abs(machine.exchange.backoff - waits.reduce(0, +)) < 1e-12)
    }

    @Test("a refusal gives up without a retry; so does cancellation")
    func givesUp() {
        let refused = Self.actions([.rejected(status: 400, code: "unmatched_request", message: "no recording")])
        #expect(refused.actions == [.send, .giveUp(.rejected(status: 400, code: "unmatched_request", message: "no recording"))])
        let cancelled = Self.actions([.transport(reason: "reset"), .cancelled])
        #expect(cancelled.actions.count == 4)
        #expect(cancelled.machine.exchange.failure == .exhausted(attempts: 2, lastReason: "reset"))
    }

    @Test("after the most attempts it gives up with the last reason", arguments: [1, 2, 6])
    func exhausts(maximumAttempts: Int) {
        let outcomes = Array(repeating: RetryStateMachine.Outcome.serverError(status: 502, retryAfter: nil, reason: "HTTP 502: bad gateway"), count: 10)
        let (actions, machine) = Self.actions(outcomes, policy: RetryPolicy(maximumAttempts: maximumAttempts))
        #expect(actions.filter { $0 == .send }.count == maximumAttempts)
        #expect(actions.last == .giveUp(.exhausted(attempts: maximumAttempts, lastReason: "HTTP 502: bad gateway")))
        #expect(machine.exchange.serverErrors == maximumAttempts)
    }

    @Test("replies are classified: streamed, truncated, 429 with retry-after-ms, 5xx, refusals with the API error")
    func classifies() {
        func outcome(_ status: Int, _ headers: [(String, String)] = [], _ body: String, streamed: Bool = false) -> RetryStateMachine.Outcome {
            RetryStateMachine.Outcome(reply: HTTPReply(status: status, headers: headers, body: Array(body.utf8)), streamed: streamed)
        }
        #expect(outcome(200, [], ChatClientTests.completion) == .completion(Self.completion))
        guard case .transport = outcome(200, [], String(ChatClientTests.completion.prefix(30))) else { Issue.record("a truncated body is a transport failure"); return }
        guard case .transport = outcome(200, [], "data: {\"choices\":[]}\n\n", streamed: true) else { Issue.record("a stream without [DONE] is a transport failure"); return }
        #expect(outcome(429, [("retry-after-ms", "250")], #"{"error":{"message":"slow"}}"#) == .rateLimited(retryAfter: 0.25, reason: "HTTP 429: slow"))
        #expect(outcome(503, [("Retry-After", "2")], "busy") == .serverError(status: 503, retryAfter: 2, reason: "HTTP 503: busy"))
        #expect(outcome(401, [], #"{"error":{"message":"bad key","code":"invalid_api_key"}}"#) == .rejected(status: 401, code: "invalid_api_key", message: "bad key"))
    }

    @Test("the client measures latency on the injected clock and sleeps only there")
    func latencyOnTheInjectedClock() async {
        let clock = VirtualClock()
        let transport = ScriptedTransport([.reply(503, [], "busy"), .reply(200, [], ChatClientTests.completion)], clock: clock, latency: 0.25)
        let client = ChatClient(endpoint: .openAI(baseURL: "http://x", apiKey: nil), transport: transport,
                                limiter: RequestRateLimiter(limits: .init(), clock: clock), policy: RetryPolicy(baseDelay: 1, maximumDelay: 1), clock: clock)
        let exchange = await client.send(ChatCompletionRequest(model: "m", messages: [.text("user", "hi")]), tokens: 1)
        #expect(exchange.completion != nil && exchange.attempts == 2)
        #expect(abs(exchange.latency - 0.25) < 1e-12)
        #expect(clock.waits.count == 1 && exchange.backoff == clock.waits[0])
        #expect(abs(clock.now() - (0.25 + clock.waits[0] + 0.25)) < 1e-12)
    }
}
