import DocHarnessTestSupport
import Foundation
import Testing

/// `docharness prompt`: a JSONL of requests rendered and counted as the model's server counts
/// them; a bad line is named and the rest still counted.
@Suite(.requires(.openWeightModels))
struct PromptCommandTests {
    static let gguf = OracleRequirement.openWeightFolder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path

    @Test func countsEveryRequestAndNamesTheLineThatIsNot() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = [
            #"{"model": "smollm2", "messages": [{"role": "user", "content": "Hi"}]}"#,
            "",
            #"{"model": "smollm2", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}"#,
            #"{"model": "smollm2", "messages": "#,
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("requests.jsonl"))
        let result = try ProcessRunner.docharness(["prompt", "--tokenizer", Self.gguf, "--show", "requests.jsonl"], currentDirectory: folder)
        #expect(result.status == 3)
        // SmolLM2's template adds its default system prompt when the first message is not one.
        #expect(result.standardOutput.contains("== requests.jsonl:1\n<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"))
        #expect(result.standardOutput.contains(" requests.jsonl:3\n"))
        #expect(result.standardOutput.contains("total (2 requests)"))
        #expect(result.standardError.contains("requests.jsonl:4: not JSON"))
    }

    @Test func aModelWithoutATemplateOrAnUnknownNameIsAClearError() throws {
        let result = try ProcessRunner.docharness(["prompt", "--tokenizer", "no-such-model", "x.jsonl"])
        #expect(result.status == 3)
        #expect(result.standardError.contains("no model is named so (named models: phi4, gpt-oss)"))
        let usage = try ProcessRunner.docharness(["prompt", "x.jsonl"])
        #expect(usage.status == 2)
    }
}
