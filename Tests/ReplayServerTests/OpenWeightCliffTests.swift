import DocHarnessTestSupport
import Foundation
import Replay
import ReplayServer
import Testing
import Tokenization

/// `serve --tokenizer`: the context-window cliff counts a prompt as the open-weight model's server
/// does — SmolLM2's chat template adds a system prompt the body does not hold, so a body far
/// smaller than the window can still cross it.
@Suite(.requires(.openWeightModels))
struct OpenWeightCliffTests {
    static let gguf = OracleRequirement.openWeightFolder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path

    func answer(window: Int, maxTokens: Int) async throws -> ServerAnswer {
        var configuration = ReplayServerConfiguration(cassettes: [], faultPlan: FaultPlan(contextWindow: window))
        configuration.promptCounter = try ModelTokens.load(tokenizer: Self.gguf, chatTemplate: nil, flavor: .llamaCppPython, store: VocabularyStore(directory: "/nonexistent"))
        let service = ReplayService(configuration: configuration)
        let body = #"{"model":"SmolLM2-135M-Instruct","messages":[{"role":"user","content":"Hi"}],"max_tokens":\#(maxTokens)}"#
        let answer = await service.answer(ServerRequest(method: "POST", path: "/v1/chat/completions", body: Array(body.utf8)))
        await service.shutdown()
        return answer
    }

    @Test func theTemplatesTokensCountTowardTheWindow() async throws {
        // The rendered prompt is 31 tokens (llama.cpp counts the same) (the default system prompt, the markers, "Hi"); the body is 97 bytes.
        let crossing = try await answer(window: 128, maxTokens: 98)
        #expect(crossing.status == 400)
        if case .bytes(let bytes) = crossing.body {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("context_length_exceeded"))
            #expect(text.contains("(31 in the messages, 98 in the completion)"), "\(text)")
        }
        // One token less fits: the cliff lets it through (to strict replay, which has no recording).
        let fitting = try await answer(window: 128, maxTokens: 97)
        guard case .bytes(let bytes) = fitting.body else { Issue.record("expected a body"); return }
        #expect(!String(decoding: bytes, as: UTF8.self).contains("context_length_exceeded"))
    }
}
