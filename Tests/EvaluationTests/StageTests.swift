import ChatWire
import DocHarnessTestSupport
@testable import Evaluation
import Foundation
import Generation
import LLMClient
import PythonSyntax
import Testing

/// The stages of `EvaluationRun` one at a time, on entries made by hand.
@Suite("eval stages")
struct StageTests {
    static func target(_ name: String) throws -> DocstringTarget {
        let file = SourceFile.parse(bytes: Array("def \(name)(a):\n    return a\n".utf8), path: "m.py")
        return try #require(DocstringTarget.targets(in: file, style: .google).first)
    }

    static func entry(_ target: DocstringTarget, outcome: JournalEntry.Outcome = .generated, prompt: Int? = 100, maxTokens: Int? = 22_600,
                      attempts: Int = 1, latency: Double = 0.1, failure: GenerationFailure? = nil) -> JournalEntry {
        JournalEntry(target: target.identifier, outcome: outcome, templateVersion: "v", model: "m", request: nil, estimatedPromptTokens: 100,
                     estimator: "chat", maxTokens: maxTokens, droppedUnits: [], mustTrim: false,
                     answer: outcome == .generated ? DocstringAnswer(summary: "Return a.") : nil, promptTokens: prompt, completionTokens: 5,
                     attempts: attempts, rateLimited: attempts - 1, serverErrors: 0, transportErrors: 0, latency: latency, failure: failure)
    }

    @Test("compliance: a crossing is prompt + max_tokens over the zone, the same definition the budget and the benchmark use")
    func compliance() throws {
        let (f, g, h) = (try Self.target("f"), try Self.target("g"), try Self.target("h"))
        let budget = SafeZoneBudget(safeZone: 22_800, buffer: 100)
        let compliance = Compliance(targets: [f, g, h], entries: [
            Self.entry(f, prompt: 100, maxTokens: 22_700), Self.entry(g, prompt: 101, maxTokens: 22_700), Self.entry(h, outcome: .skipped, prompt: nil, maxTokens: nil),
        ], budget: budget)
        #expect(compliance.requests == 2 && compliance.compliant == 1 && compliance.largestTotal == 22_801)
        #expect(compliance.violations == ["m.py::g: 101 + 22700 = 22801 > 22800"])
        #expect(!budget.crosses(promptTokens: 100, maxTokens: 22_700) && budget.crosses(promptTokens: 101, maxTokens: 22_700))
        // The benchmark's crossing: the estimate sized max_tokens, the server counted more than the buffer allows.
        #expect(budget.crosses(promptTokens: 1_101, maxTokens: budget.responseBudget(forPrompt: 1_000)))
        #expect(!budget.crosses(promptTokens: 1_100, maxTokens: budget.responseBudget(forPrompt: 1_000)))
    }

    @Test("verdict: unmatched prompts, other failures and crossings each give one reason")
    func verdict() throws {
        let f = try Self.target("f")
        let unmatched = GenerationFailure(ChatClient.Failure.rejected(status: 400, code: "unmatched_request", message: "no recording; nearest: …"))
        #expect(unmatched.isUnmatchedRecording)
        #expect(unmatched.description == "HTTP 400 unmatched_request: no recording; nearest: …")
        let entries = [Self.entry(f, outcome: .failed, failure: unmatched), Self.entry(f, outcome: .failed, failure: .exhausted(attempts: 6, lastReason: "HTTP 503: busy")),
                       Self.entry(f)]
        let compliance = Compliance(targets: [f, f, f], entries: entries, budget: SafeZoneBudget())
        let verdict = Verdict(entries: entries, unmatched: 1, compliance: compliance, safeZone: 22_800)
        #expect(verdict.failures == ["1 request had no recording in strict replay (a prompt changed? record them with `--upstream URL`, which adds what is missing)",
                                     "1 symbols failed to generate: 1 × gave up (HTTP 503)"])
        #expect(Verdict(entries: [Self.entry(f)], unmatched: 0, compliance: Compliance(targets: [f], entries: [Self.entry(f)], budget: SafeZoneBudget()), safeZone: 22_800).passed)
    }

    @Test("traffic: attempts, retries, repairs and latency percentiles of the requests sent")
    func traffic() throws {
        let f = try Self.target("f")
        let traffic = Traffic(sent: [Self.entry(f, attempts: 1, latency: 0.1), Self.entry(f, attempts: 3, latency: 0.3), Self.entry(f, attempts: 1, latency: 0.2)], wallSeconds: 2)
        #expect(traffic.requests == 3 && traffic.attempts == 5 && traffic.retries == 2 && traffic.rateLimited == 2)
        #expect(traffic.p50 == 0.2 && traffic.wallSeconds == 2)
        // A repair request is a new request, not a retry: 3 attempts with 1 repair are 1 retry.
        var repaired = Self.entry(f, attempts: 3)
        repaired.repairs = 1
        let withRepair = Traffic(sent: [repaired], wallSeconds: 1)
        #expect(withRepair.retries == 1 && withRepair.repairs == 1 && withRepair.attempts == 3)
    }

    @Test("failures survive the journal as their kind; the request is typed")
    func journalKeepsFailureKinds() async throws {
        let folder = try TestEnvironment.temporaryDirectory()
        let f = try Self.target("f")
        var failed = Self.entry(f, outcome: .failed, failure: .unmatchedRecording(status: 400, message: "no recording"))
        failed.request = ChatCompletionRequest(model: "m", messages: [.text("user", "hi")])
        do {
            let journal = try GenerationJournal(path: folder.path + "/run.jsonl")
            try await journal.append(failed)
        }
        let reopened = try GenerationJournal(path: folder.path + "/run.jsonl")
        #expect(reopened.previous[f.identifier] == failed)
        #expect(reopened.previous[f.identifier]?.failure?.isUnmatchedRecording == true)
        #expect(reopened.previous[f.identifier]?.request?.messages.count == 1)
    }
}
