import ChatWire
import Testing
@testable import Replay

@Suite("Faults, limits, windows, diffs")
struct FaultsAndLimitsTests {
    @Test("a fault plan reads, and its mistakes name the line and the member")
    func faultPlanParsing() throws {
        let plan = try FaultPlan.parse(Array("""
            {"seed": 3, "rate_limits": {"requests_per_minute": 60, "tokens_per_minute": 9000},
             "context_window": 4096, "context_windows": {"GPT-4o": 16000},
             "faults": [
               {"status": 503, "every": 3},
               {"latency_ms": 10, "jitter_ms": 5, "model": "gpt-4o", "route": "azure", "stream": true}
             ]}
            """.utf8), file: "plan.json")
        #expect(plan.seed == 3)
        #expect(plan.requestsPerMinute == 60)
        #expect(plan.tokensPerMinute == 9000)
        #expect(plan.contextWindow == 4096)
        #expect(plan.contextWindows == ["gpt-4o": 16000])
        #expect(plan.faults == [FaultPlan.Fault(status: 503, every: 3), FaultPlan.Fault(latencyMilliseconds: 10, jitterMilliseconds: 5, model: "gpt-4o", route: "azure", stream: true)])

        let cases: [(String, Int?, String)] = [
            ("{\n\"faults\": [\n  {\"status\": 503},\n  {\"status\": 200}\n]}", 4, "faults[1].status must be an HTTP error status (400–599)"),
            ("{\n\"faults\": [\n  {\"every\": 2}\n]}", 3, "faults[0] does nothing"),
            ("{\n\"faults\": [\n  {\"status\": 500, \"sometimes\": true}\n]}", 3, "unknown member \"faults[0].sometimes\""),
            ("{\"rate_limits\": {\"rpm\": 3}}", 1, "unknown rate limit \"rpm\""),
            ("{\"seed\": 1,\n \"faults\": [}", 2, "not valid JSON"),
            ("{\"retries\": 1}", 1, "unknown member \"retries\""),
            // These loaded and then crashed the server (issue 23).
            ("{\n\"faults\": [\n  {\"latency_ms\": 1e300}\n]}", 3, "faults[0].latency_ms must be at most 3600000 (one hour)"),
            ("{\n\"faults\": [\n  {\"status\": 429, \"retry_after_ms\": 1e300}\n]}", 3, "faults[0].retry_after_ms must be at most 3600000"),
            ("{\n\"faults\": [\n  {\"jitter_ms\": 3600001}\n]}", 3, "faults[0].jitter_ms must be at most 3600000"),
        ]
        for (text, line, reason) in cases {
            do {
                _ = try FaultPlan.parse(Array(text.utf8), file: "plan.json")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.line == line, "\(text)")
                #expect(error.reason.hasPrefix(reason), "\(error.reason)")
                #expect(error.description.hasPrefix("plan.json:"))
            }
        }
    }

    @Test("faults fire on first, every and seeded probability, only where they apply")
    func injectorSchedules() {
        let injector = FaultInjector(plan: FaultPlan(seed: 42, faults: [
            FaultPlan.Fault(status: 429, retryAfterMilliseconds: 250, first: 2, model: "gpt-4o"),
            FaultPlan.Fault(status: 503, every: 3),
            FaultPlan.Fault(dropAfterEvents: 1, stream: true),
            FaultPlan.Fault(latencyMilliseconds: 5, jitterMilliseconds: 10, route: "azure"),
        ]))
        let statuses = (0..<6).map { _ in injector.decide(model: "gpt-4o-mini", route: "openai", stream: false).status }
        #expect(statuses == [429, 429, 503, nil, nil, 503])
        #expect(injector.decide(model: "o3", route: "openai", stream: true).dropAfterEvents == 1)
        let delay = injector.decide(model: "o3", route: "azure", stream: false).delayMilliseconds
        #expect(delay >= 5 && delay <= 15)
        let sampler = FaultInjector(plan: FaultPlan(seed: 7, faults: [FaultPlan.Fault(status: 500, probability: 0.25)]))
        let fired = (0..<4_000).filter { _ in sampler.decide(model: "m", route: "openai", stream: false).status == 500 }.count
        #expect(fired > 900 && fired < 1_100)
        sampler.reset()
        let again = FaultInjector(plan: FaultPlan(seed: 7, faults: [FaultPlan.Fault(status: 500, probability: 0.25)]))
        #expect((0..<50).map { _ in sampler.decide(model: "m", route: "openai", stream: false).status }
            == (0..<50).map { _ in again.decide(model: "m", route: "openai", stream: false).status })
    }

    @Test("rate-limit buckets refill continuously and say how long to wait")
    func buckets() {
        var buckets = RateLimitBuckets(requestsPerMinute: 60, tokensPerMinute: 600)
        #expect(buckets.take(tokenCost: 500, now: 0).allowed)
        let refused = buckets.take(tokenCost: 200, now: 0)
        #expect(!refused.allowed)
        #expect(refused.limitedBy == "tokens")
        #expect(refused.retryAfter == 10)
        #expect(buckets.take(tokenCost: 200, now: 10).allowed)
        let tooLarge = buckets.take(tokenCost: 601, now: 100)
        #expect(!tooLarge.allowed)
        #expect(tooLarge.retryAfter == nil)
        #expect(RateLimitBuckets.duration(0.12) == "120ms")
        #expect(RateLimitBuckets.duration(1) == "1s")
        #expect(RateLimitBuckets.duration(360) == "6m0s")
        #expect(RateLimitBuckets.duration(1.5) == "1.5s")
    }

    @Test("context windows by longest name prefix")
    func windows() {
        let windows = ContextWindows()
        #expect(windows.window(for: "gpt-4o-mini-2024-07-18") == 128_000)
        #expect(windows.window(for: "gpt-4") == 8_192)
        #expect(windows.window(for: "gpt-4-0613") == 8_192)
        #expect(windows.window(for: "gpt-4-32k-0613") == 32_768)
        #expect(windows.window(for: "gpt-4.1-nano") == 1_047_576)
        #expect(windows.window(for: "ft:gpt-35-turbo-0613:acme::x") == 4_097)
        #expect(windows.window(for: "o1-mini") == 128_000)
        #expect(windows.window(for: "llama-3") == nil)
        #expect(ContextWindows(override: 100).window(for: "llama-3") == 100)
    }
}
