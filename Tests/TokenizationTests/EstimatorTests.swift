import DocHarnessTestSupport
import Foundation
import Testing
@testable import Tokenization

@Suite struct EstimatorTests {
    @Test func ruleOfThumbEstimators() {
        #expect(CharsPerFour().estimate("abcdefgh") == 2)
        #expect(CharsPerFour().estimate("abcdefghi") == 3)
        #expect(CharsPerThree().estimate("abcdefg") == 3)
        #expect(WordsTimesFourThirds().estimate("one two  three\nfour") == 6)
        #expect(CharsPerFour().estimate("お誕生日おめでとう") == 3)
        #expect(EstimatorCatalog.names.count == Set(EstimatorCatalog.names).count)
        for name in EstimatorCatalog.names { #expect(EstimatorCatalog.summaries[name]?.isEmpty == false) }
    }

    /// Counting a file chunk by chunk gives exactly the whole file's count, for both encodings.
    @Test(.requires(.vocabularies)) func chunkedCountsAreExact() throws {
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        let text = TiktokenDifferentialTests.samples.joined(separator: "\n") + "\n"
            + TiktokenDifferentialTests.generated(bytes: 200_000).joined(separator: "\nword ")
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("text.txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for name in EncodingName.allCases {
            guard case .success = store.verify(name) else {
                Issue.record("\(name.rawValue) is not installed: run `make encodings`")
                continue
            }
            let encoding = try BPEEncoding.load(name, from: store)
            var chunks = try #require(TextChunks(path: path, chunkBytes: 4096))
            var total = 0
            var pieces = 0
            while let chunk = chunks.next() {
                total += encoding.count(chunk)
                pieces += 1
            }
            chunks.close()
            #expect(pieces > 10)
            #expect(total == encoding.count(text), "\(name.rawValue)")
            #expect(chunks.byteCount == text.utf8.count)
        }
    }

    /// The same for open-weight tokenizers, whose GPT-2 split keeps trailing whitespace and a line
    /// feed together at the end of a text but not before a letter: lines ending in spaces must not
    /// be where a chunk ends (SmolLM2 counted 22 tokens too many on 2 MB of code before this).
    @Test(.requires(.openWeightModels)) func chunkedCountsAreExactForOpenWeightTokenizers() throws {
        let tokenizer = try ModelTokenizer.load(path: OracleRequirement.openWeightFolder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path)
        let lines = (0 ..< 4000).map { index in index % 3 == 0 ? "value = \(index)   " : index % 3 == 1 ? "return x\t" : "pass" }
        let text = lines.joined(separator: "\n") + "\n"
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("code.txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var chunks = try #require(TextChunks(path: path, chunkBytes: 1024))
        var total = 0, pieces = 0
        while let chunk = chunks.next() {
            total += tokenizer.count(chunk)
            pieces += 1
        }
        chunks.close()
        #expect(pieces > 10)
        #expect(total == tokenizer.count(text))
    }
}
