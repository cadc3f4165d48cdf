import DocHarnessTestSupport
import Foundation
import Testing
@testable import Tokenization

@Suite(.requires(.vocabularies)) struct BPEEncodingTests {
    static func encoding(_ name: EncodingName) throws -> BPEEncoding? {
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        guard case .success = store.verify(name) else {
            Issue.record("\(name.rawValue) is not installed: run `make encodings`")
            return nil
        }
        return try BPEEncoding.load(name, from: store)
    }

    @Test func knownIds() throws {
        // Ids from tiktoken's own tests and documentation.
        if let cl100k = try Self.encoding(.cl100kBase) {
            #expect(cl100k.encodeOrdinary("hello world") == [15339, 1917])
            #expect(cl100k.encodeOrdinary("tiktoken is great!") == [83, 1609, 5963, 374, 2294, 0])
        }
        if let o200k = try Self.encoding(.o200kBase) {
            #expect(o200k.encodeOrdinary("hello world") == [24912, 2375])
        }
    }

    @Test func specialTokensAreDisallowedUnlessAllowed() throws {
        guard let cl100k = try Self.encoding(.cl100kBase) else { return }
        #expect(throws: BPEEncoding.DisallowedSpecialToken.self) { try cl100k.encode("a <|endoftext|> b") }
        let ids = try cl100k.encode("a <|endoftext|> b", allowedSpecial: ["<|endoftext|>"])
        #expect(ids.contains(100_257))
        #expect(cl100k.decodeBytes(ids) == Array("a <|endoftext|> b".utf8))
        #expect(!cl100k.encodeOrdinary("<|endoftext|>").contains(100_257))
    }

    /// The heap merge (long pieces) must merge exactly like tiktoken's scan (short pieces).
    @Test func heapAndScanMergeAlike() throws {
        guard let cl100k = try Self.encoding(.cl100kBase) else { return }
        var generator = SystemRandomNumberGenerator()
        let alphabets: [[UInt8]] = [Array("ab".utf8), Array("aaaaab".utf8), Array("abcdefghijklmnopqrstuvwxyz".utf8),
                                    Array("0123456789".utf8), Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)]
        for alphabet in alphabets {
            for length in [2, 3, 17, 100, 255, 600, 2000] {
                let piece = (0 ..< length).map { _ in alphabet[Int.random(in: 0 ..< alphabet.count, using: &generator)] }
                piece.withUnsafeBufferPointer { buffer in
                    let scan = BytePairMerge.scan(buffer, 0 ..< length, table: cl100k.table)
                    let heap = BytePairMerge.heap(buffer, 0 ..< length, table: cl100k.table)
                    #expect(scan == heap, "length \(length)")
                }
            }
        }
    }

    /// Long runs of one letter, of spaces, of digits and of base64 go through the heap merge and
    /// round-trip (a quarter megabyte each here; `make bench` shows the time stays linear).
    @Test func longRunsFinish() throws {
        guard let o200k = try Self.encoding(.o200kBase) else { return }
        let megabyte = 1 << 18
        for text in [String(repeating: "a", count: megabyte), String(repeating: " ", count: megabyte),
                     String(repeating: "7", count: megabyte), String(repeating: "QmFzZTY0K/==", count: megabyte / 12)] {
            let ids = o200k.encodeOrdinary(text)
            #expect(!ids.isEmpty)
            #expect(o200k.decodeBytes(ids) == Array(text.utf8))
        }
    }
}
