import ChatWire
import DocHarnessTestSupport
import Foundation
import Jinja
import Testing
@testable import Tokenization

/// `--tokenizer phi4` and `--tokenizer gpt-oss` against their reference tokenizers
/// (Tests/Oracles/named_model_oracle.py): tiktoken's own `o200k_harmony` for gpt-oss, tiktoken's
/// engine with Phi-4's split, ranks and special tokens for phi4. Texts: the tiktoken differential
/// samples, 1 MB of generated mixed-script text, and text with the models' special tokens; chats:
/// gpt-oss's published template (llama.cpp's copy) rendered with a fixed date and each reasoning
/// level, and phi4's built-in format.
@Suite(.serialized, .requires(.oraclePython, .vocabularies, .openWeightModels))
struct NamedModelTests {
    static let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
    static let gptOSSTemplate = OracleRequirement.openWeightFolder.appendingPathComponent("llama.cpp/models/templates/openai-gpt-oss-120b.jinja").path

    /// Runs the oracle over `cases` (one JSON object each) and returns its answers in order.
    static func oracle(_ cases: [JSONValue]) throws -> [JSONValue] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("named-model-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: input) }
        try cases.map { JSONWriter.string($0) }.joined(separator: "\n").appending("\n").write(to: input, atomically: true, encoding: .utf8)
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/named_model_oracle.py").path
        let result = try ProcessRunner.run(TestEnvironment.oraclePython!, [script, store.directory, input.path])
        try #require(result.status == 0, "\(result.standardError)")
        return try result.standardOutput.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    static func ids(_ answer: JSONValue) -> [Int]? {
        guard case .array(let items)? = answer["ids"] else { return nil }
        return items.compactMap { if case .number(let literal) = $0 { Int(literal) } else { nil } }
    }

    @Test(arguments: NamedModel.allCases)
    func textTokensEqualTheReferenceTokenizer(model: NamedModel) throws {
        let tokenizer = try ModelTokenizer.load(named: model, store: Self.store)
        let specials = model == .phi4
            ? ["<|im_start|>user<|im_sep|>Hi<|im_end|>", "a<|dummy_3|>b <|endoftext|><|fim_prefix|>", "<|im_start|><|im_start|>"]
            : ["<|start|>system<|message|>Hi<|end|><|start|>assistant", "<|channel|>final<|message|>x<|return|>", "<|reserved_200018|><|endofprompt|><|reserved_201087|>"]
        let texts = TiktokenDifferentialTests.samples + specials + TiktokenDifferentialTests.generated(bytes: 1 << 20)
        let answers = try Self.oracle(texts.map { .object([JSONMember("model", .string(model.rawValue)), JSONMember("text", .string($0))]) })
        var equal = 0
        for (text, answer) in zip(texts, answers) {
            let expected = try #require(Self.ids(answer), "\(answer)")
            let ids = tokenizer.encode(text)
            if ids == expected { equal += 1 } else { Issue.record("\(model.rawValue) \(JSONDescription.of(text)): \(ids.prefix(20)) ≠ \(expected.prefix(20))") }
            // 200018 is both <|endofprompt|> and <|reserved_200018|>; it decodes as the first.
            if !text.contains("<|reserved_200018|>") { #expect(tokenizer.decode(ids) == text) }
        }
        print("\(model.rawValue): \(equal) of \(texts.count) texts (\(texts.reduce(0) { $0 + $1.utf8.count }) bytes) tokenize identically to the reference")
        #expect(equal == texts.count)
    }

    @Test func chatPromptsCountAsTheTemplatesRenderedAndTokenized() throws {
        let conversations: [JSONValue] = try [
            #"[{"role": "system", "content": "You write docstrings. Answer in JSON."}, {"role": "user", "content": "Document `def f(x): return x * 2`."}]"#,
            #"[{"role": "user", "content": "Hello!\n\nHow are you?"}, {"role": "assistant", "content": "Fine."}, {"role": "user", "content": "日本語で。"}]"#,
        ].map { try JSONParser.parse($0) }
        var cases: [JSONValue] = []
        var ours: [Int] = []
        for reasoning in ["low", "medium", "high"] {
            let counter = try ChatTemplateCounter(tokenizer: try ModelTokenizer.load(named: .gptOSS, store: Self.store),
                                                  templateSource: String(contentsOfFile: Self.gptOSSTemplate, encoding: .utf8),
                                                  date: JinjaDate(year: 2026, month: 12, day: 3), variables: ["reasoning_effort": reasoning])
            for messages in conversations {
                cases.append(.object([JSONMember("model", .string("gpt-oss")), JSONMember("template", .string(Self.gptOSSTemplate)), JSONMember("messages", messages),
                                      JSONMember("date", .string("2026-12-03")), JSONMember("variables", .object([JSONMember("reasoning_effort", .string(reasoning))]))]))
                let prompt = try counter.render(messages: messages, tools: nil)
                #expect(prompt.contains("Current date: 2026-12-03") && prompt.contains("Reasoning: \(reasoning)"))
                ours.append(counter.tokenizer.count(prompt))
            }
        }
        let answers = try Self.oracle(cases)
        for (index, answer) in answers.enumerated() {
            #expect(Self.ids(answer)?.count == ours[index], "gpt-oss case \(index): \(answer["error"]?.stringValue ?? "")")
        }
        print("gpt-oss chat counts (low, medium, high × 2 conversations): \(ours)")

        let phi4 = try ChatTemplateCounter(tokenizer: try ModelTokenizer.load(named: .phi4, store: Self.store))
        let rendered = try phi4.render(messages: conversations[0], tools: nil)
        #expect(rendered == "<|im_start|>system<|im_sep|>You write docstrings. Answer in JSON.<|im_end|><|im_start|>user<|im_sep|>Document `def f(x): return x * 2`.<|im_end|><|im_start|>assistant<|im_sep|>")
        let phi4Answer = try Self.oracle([.object([JSONMember("model", .string("phi4")), JSONMember("text", .string(rendered))])])
        #expect(Self.ids(phi4Answer[0])?.count == phi4.tokenizer.count(rendered))
    }
}
