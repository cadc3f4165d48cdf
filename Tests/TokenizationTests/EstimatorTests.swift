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
            while let chunk = try chunks.next() {
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
        while let chunk = try chunks.next() {
            total += tokenizer.count(chunk)
            pieces += 1
        }
        chunks.close()
        #expect(pieces > 10)
        #expect(total == tokenizer.count(text))
    }

    /// A file with no line break to cut at (minified code, one long line of mixed scripts, runs of
    /// spaces and punctuation) is cut between the encoding's pre-tokens: the chunks still add up to
    /// the whole count, for both encodings, whatever the chunk size. Before, such a file was read
    /// whole (about 54 bytes of memory per byte of text).
    @Test(.requires(.vocabularies)) func filesWithoutLineBreaksAreCutBetweenPreTokens() throws {
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        let text = (TiktokenDifferentialTests.samples + TiktokenDifferentialTests.generated(bytes: 300_000))
            .joined(separator: " ").replacingOccurrences(of: "\n", with: "\r")
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("one-line.txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for name in EncodingName.allCases {
            guard case .success = store.verify(name) else {
                Issue.record("\(name.rawValue) is not installed: run `make encodings`")
                continue
            }
            let estimator = ExactBPE(encoding: try BPEEncoding.load(name, from: store))
            let whole = estimator.estimate(text)
            for chunkBytes in [257, 4096, 65_536] {
                // The samples hold a 3,700-byte pre-token: the bound must let it through.
                var chunks = try #require(TextChunks(path: path, chunkBytes: chunkBytes, maximumPendingBytes: max(8 * chunkBytes, 16_384),
                                                     cutter: { estimator.safeCut(inUTF8: $0) }))
                defer { chunks.close() }
                var total = 0, pieces = 0, longest = 0
                while let chunk = try chunks.next() {
                    total += estimator.estimate(chunk)
                    pieces += 1
                    longest = max(longest, chunk.utf8.count)
                }
                #expect(total == whole, "\(name.rawValue), chunks of \(chunkBytes)")
                #expect(pieces > text.utf8.count / (4 * chunkBytes), "\(name.rawValue): \(pieces) chunks of \(chunkBytes)")
                #expect(longest <= max(8 * chunkBytes, 16_384))
            }
        }
    }

    /// The rule-of-thumb estimators cut where their rounded-up counts add up exactly.
    @Test func ruleOfThumbEstimatorsAddUpOverChunks() throws {
        let text = String(repeating: "naïve café 中文 words,and-more ", count: 3000)
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("one-line.txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let estimators: [any TokenEstimator] = [CharsPerFour(), CharsPerThree(), WordsTimesFourThirds()]
        for estimator in estimators {
            var chunks = try #require(TextChunks(path: path, estimator: estimator, chunkBytes: 1000))
            defer { chunks.close() }
            var total = 0, pieces = 0
            while let chunk = try chunks.next() {
                total += estimator.estimate(chunk)
                pieces += 1
            }
            #expect(pieces > 50)
            #expect(total == estimator.estimate(text), "\(estimator.name)")
        }
    }

    /// Invalid UTF-8 becomes U+FFFD as a whole-file decode makes it, even when a read ends inside
    /// a sequence (chunks of 1 to 7 bytes over every way to cut it).
    @Test func invalidUTF8IsReplacedAsAWholeFileDecodeDoes() throws {
        let bytes: [UInt8] = Array("ab\n".utf8) + [0xE2, 0x82, 0xAC, 0x0A, 0x61, 0xE2, 0x82, 0x41, 0xF0, 0x9F, 0x91, 0x8D, 0xC3, 0x0A, 0x62, 0xFF, 0xF0, 0x9F, 0x0A, 0x63,
                                                     0xED, 0xA0, 0x80, 0x0A, 0x64, 0xE0, 0x80, 0x0A, 0x65, 0xF0, 0x9F, 0x98]
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("invalid.txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let expected = String(decoding: bytes, as: UTF8.self)
        for chunkBytes in 1 ... 7 {
            var chunks = try #require(TextChunks(path: path, chunkBytes: chunkBytes, maximumPendingBytes: 1 << 20, cutter: { _ in nil }))
            defer { chunks.close() }
            var joined = ""
            while let chunk = try chunks.next() { joined += chunk }
            #expect(joined == expected, "chunks of \(chunkBytes)")
            #expect(chunks.byteCount == bytes.count)
        }
    }

    /// One pre-token longer than the bound (a run of one letter) is refused with its offset,
    /// in bounded memory, instead of being read whole.
    @Test func oneHugePreTokenIsRefusedNotReadWhole() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("run.txt").path
        try Data(("first line\nthen " + String(repeating: "a", count: 40_000)).utf8).write(to: URL(fileURLWithPath: path))
        var chunks = try #require(TextChunks(path: path, chunkBytes: 1024, maximumPendingBytes: 8192, cutter: { _ in nil }))
        defer { chunks.close() }
        #expect(try chunks.next() == "first line\n")
        #expect(throws: TextChunks.NoCutPoint.self) { try chunks.next() }
        #expect(chunks.byteCount <= 8192 + 1024)
    }
}
