import ChatWire
import DocHarnessTestSupport
import Foundation
import Testing
@testable import Tokenization

/// The oracle is the real llama.cpp server (llama-cpp-python 0.3.16) that recorded
/// corpora/cassettes-smollm2: every request's `usage.prompt_tokens` must equal DocHarness's count of
/// the SmolLM2 GGUF's chat template rendered over the request's messages.
@Suite(.requires(.openWeightModels))
struct ChatTemplateCounterTests {
    static let smolLM2 = OracleRequirement.openWeightFolder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path

    @Test func everyRecordedSmolLM2PromptCountsExactlyAsTheServerCounted() throws {
        let tokenizer = try ModelTokenizer.load(path: Self.smolLM2)
        let counter = try ChatTemplateCounter(tokenizer: tokenizer)
        let path = TestEnvironment.packageRoot.appendingPathComponent("corpora/cassettes-smollm2/generate.json").path
        let cassette = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        guard case .array(let interactions)? = cassette["interactions"] else { Issue.record("no interactions"); return }
        var compared = 0
        var mismatches: [String] = []
        for (index, interaction) in interactions.enumerated() {
            guard let body = interaction["request"]?["body"], let usage = interaction["response"]?["body"]?["usage"],
                  let expected = usage["prompt_tokens"]?.intValue else { continue }
            let request = try ChatCompletionRequest(json: body, path: path)
            let counted = try counter.count(request)
            compared += 1
            if counted != expected { mismatches.append("interaction \(index): server \(expected), DocHarness \(counted)") }
        }
        #expect(compared >= 100)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(compared): \(mismatches.prefix(5).joined(separator: "; "))")
    }

    @Test func theTemplateRendersTheSystemPromptAndGenerationPrompt() throws {
        let counter = try ChatTemplateCounter(tokenizer: try ModelTokenizer.load(path: Self.smolLM2))
        let messages = JSONValue.array([.object([JSONMember("role", .string("user")), JSONMember("content", .string("Hi"))])])
        let text = try counter.render(messages: messages, tools: nil)
        #expect(text == "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
    }
}
