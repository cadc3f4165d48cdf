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
}
