import DocHarnessTestSupport
import Foundation
import Testing
@testable import Tokenization

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let bytes = (0 ..< 1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hash = SHA256()
        hash.update(bytes[0 ..< 63])
        hash.update(bytes[63 ..< 64])
        hash.update(bytes[64 ..< 1000])
        #expect(hash.finalizeHex() == SHA256.hex(bytes))
    }
}

@Suite struct VocabularyTests {
    @Test func parsesTiktokenLines() throws {
        let text = "IQ== 0\nIg== 1\naGVsbG8= 2\n"
        let vocabulary = try Vocabulary.parse(Array(text.utf8), encoding: .cl100kBase)
        #expect(vocabulary.tokens == [[0x21], [0x22], Array("hello".utf8)])
        #expect(throws: VocabularyError.malformed(encoding: .cl100kBase, line: 2)) {
            try Vocabulary.parse(Array("IQ== 0\nnot-base64\n".utf8), encoding: .cl100kBase)
        }
    }

    @Test func cacheFolderFollowsTheEnvironment() {
        #expect(VocabularyStore(environment: ["DOCHARNESS_CACHE_DIR": "/a", "XDG_CACHE_HOME": "/b", "HOME": "/h"]).directory == "/a")
        #expect(VocabularyStore(environment: ["XDG_CACHE_HOME": "/b", "HOME": "/h"]).directory == "/b/docharness")
        #expect(VocabularyStore(environment: ["HOME": "/h"]).directory == "/h/.cache/docharness")
    }

    @Test func missingAndWrongFilesSayWhatToRun() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = VocabularyStore(directory: folder.path)
        #expect(throws: VocabularyError.self) { try store.load(.cl100kBase) }
        do {
            _ = try store.load(.cl100kBase)
        } catch {
            #expect(error.description.contains("run `docharness encodings install`"))
        }
        try Data("IQ== 0\n".utf8).write(to: URL(fileURLWithPath: store.path(for: .o200kBase)))
        guard case .failure(.hashMismatch) = store.verify(.o200kBase) else {
            Issue.record("a file with the wrong hash verified")
            return
        }
        #expect(throws: VocabularyError.self) { try store.install(Array("IQ== 0\n".utf8), as: .o200kBase) }
    }

    /// The real files, installed by `make test` (`docharness encodings install`).
    @Test(.requires(.vocabularies)) func installedVocabulariesLoadAndVerify() throws {
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        for encoding in EncodingName.allCases {
            guard case .success = store.verify(encoding) else {
                Issue.record("\(encoding.rawValue) is not installed: run `make encodings`")
                continue
            }
            let vocabulary = try store.load(encoding)
            let expected = encoding == .cl100kBase ? 100_256 : 199_998
            #expect(vocabulary.count == expected, "\(encoding.rawValue)")
            #expect(vocabulary.tokens[0] == [0x21])
            #expect(Set(encoding.specialTokens.values).allSatisfy { $0 >= vocabulary.tokens.count })
        }
    }
}

@Suite struct ModelEncodingsTests {
    @Test func modelsResolveLikeTiktoken() {
        let cases: [(String, EncodingName?)] = [
            ("gpt-4", .cl100kBase), ("gpt-4-0613", .cl100kBase), ("gpt-4-turbo-2024-04-09", .cl100kBase),
            ("gpt-3.5-turbo-0125", .cl100kBase), ("gpt-35-turbo", .cl100kBase),
            ("gpt-4o", .o200kBase), ("gpt-4o-mini-2024-07-18", .o200kBase), ("gpt-4.1-nano", .o200kBase),
            ("gpt-4.5-preview", .o200kBase), ("o1-mini", .o200kBase), ("o3", .o200kBase), ("o4-mini", .o200kBase),
            ("gpt-5", .o200kBase), ("ft:gpt-4o-mini-2024-07-18:org::abc", .o200kBase),
            ("ft:gpt-3.5-turbo:org::x", .cl100kBase), ("llama-3", nil),
        ]
        for (model, encoding) in cases {
            #expect(ModelEncodings.encoding(forModel: model) == encoding, "\(model)")
        }
    }
}
