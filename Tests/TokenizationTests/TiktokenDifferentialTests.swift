import DocHarnessTestSupport
import Foundation
import Testing
@testable import Tokenization

/// Token ids identical to Python tiktoken's `encode_ordinary` on the same verified vocabulary.
@Suite("tiktoken differential", .serialized, .requires(.oraclePython, .vocabularies))
struct TiktokenDifferentialTests {
    static let samples: [String] = [
        "Hello, world! It's a test: don't, we'll, they've, I'm, you'd, THEY'RE, 'S'T.",
        "  leading spaces\n\n\ntrailing   \n\t\ttabs\r\nCRLF\r\n  \n",
        "numbers 1 12 123 1234 12345 3.14159 ½ ² ١٢٣ 一二三",
        "naïve café résumé — “quotes” ‘single’ … ←→ ∑∫ €100",
        "中文文本测试，日本語のテキスト、한국어 텍스트。",
        "العربية النص हिन्दी पाठ русский текст Ελληνικά",
        "emoji 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 flags 🇫🇷🇯🇵 and combining: é = e\u{301}, ñ = n\u{303}",
        "def f(x):\n    return x ** 2  # square\n\n\nclass A:\n    pass\n",
        "<|endoftext|> is text here",
        String(repeating: "a", count: 3000) + String(repeating: " ", count: 700) + String(repeating: "9", count: 50),
        "!!!???...;;;:::    ---===+++\n\n\n***\r\r\r",
        "ſ's 's 'S 'll 'LL 'Ve 're' 'x",
        "CamelCase HTTPServer iPhone McDonald's DON'T Don'T ÉCOLE École ǅungla ʰa ˈstress",
        "paths/like/this/// and\n/\n// comments\r\n/ x",
        "x\u{301}\u{302}y \u{301}abc ab\u{300}CD \u{0903}\u{0915}",
        "\u{2028}line separator\u{2029}para\u{00A0}nbsp\u{3000}ideographic",
    ]

    /// Generated text of several scripts: CJK, Arabic, Devanagari, emoji with ZWJ sequences and
    /// skin tones, combining marks, and runs of whitespace, digits and punctuation, in lines of
    /// random words (a fixed seed, so failures reproduce).
    static func generated(bytes: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pools: [[Unicode.Scalar]] = [
            Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars),
            (0x4E00 ..< 0x4E00 + 400).compactMap(Unicode.Scalar.init), (0x3040 ..< 0x30FF).compactMap(Unicode.Scalar.init),
            (0x0621 ..< 0x064A).compactMap(Unicode.Scalar.init), (0x0905 ..< 0x0939).compactMap(Unicode.Scalar.init),
            (0x0300 ..< 0x0340).compactMap(Unicode.Scalar.init), (0x0410 ..< 0x0450).compactMap(Unicode.Scalar.init),
            Array("0123456789".unicodeScalars), Array(" \t\n\r\u{0B}\u{0C}\u{A0}\u{2028}\u{3000}".unicodeScalars),
            Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars),
        ]
        let emoji = ["👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "😀", "❤️", "🧑🏿‍💻"]
        var texts: [String] = []
        var total = 0
        while total < bytes {
            var line = String.UnicodeScalarView()
            for _ in 0 ..< 40 {
                if next(12) == 0 {
                    line.append(contentsOf: emoji[next(emoji.count)].unicodeScalars)
                } else {
                    let pool = pools[next(pools.count)]
                    for _ in 0 ..< 1 + next(8) { line.append(pool[next(pool.count)]) }
                }
                if next(3) == 0 { line.append(" ") }
            }
            let text = String(line)
            total += text.utf8.count
            texts.append(text)
        }
        return texts
    }

    /// Random bytes, valid UTF-8 or not: each side decodes them itself (Swift's
    /// `String(decoding:as:)`, Python's `errors="replace"`), so the replacement rules are compared too.
    static func randomBytes(count: Int, seed: UInt64) -> [[UInt8]] {
        var state = seed
        var chunks: [[UInt8]] = []
        for _ in 0 ..< count {
            var bytes: [UInt8] = []
            for _ in 0 ..< 2000 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let value = UInt8(truncatingIfNeeded: state >> 56)
                // Mostly ASCII with stray continuation and lead bytes, some valid multi-byte runs.
                if value < 0xC0 { bytes.append(value < 0x80 ? value : (value & 0x3F) | 0x80) } else { bytes.append(value) }
                if value % 17 == 0 { bytes.append(contentsOf: Array("é中👍".utf8)) }
            }
            chunks.append(bytes)
        }
        return chunks
    }

    func oracle(_ encoding: EncodingName, _ texts: [String], raw: [[UInt8]] = []) throws -> [[Int]]? {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        guard case .success = store.verify(encoding) else {
            Issue.record("\(encoding.rawValue) is not installed: run `make encodings`")
            return nil
        }
        let work = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent("texts.jsonl")
        let lines = try texts.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            + raw.map { "{\"b64\": \"\(Data($0).base64EncodedString())\"}" }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: input)
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/tiktoken_oracle.py").path
        let result = try ProcessRunner.run(python, [script, encoding.rawValue, store.directory, input.path])
        #expect(result.status == 0, "\(result.standardError)")
        return try result.standardOutput.split(separator: "\n").map { try JSONDecoder().decode([Int].self, from: Data($0.utf8)) }
    }

    @Test(arguments: EncodingName.allCases)
    func samplesAndStandardLibraryFiles(_ encodingName: EncodingName) throws {
        var texts = Self.samples + Self.generated(bytes: 1 << 20)
        // Real code: every Nth file of the standard library ($DOCHARNESS_TOKEN_SLICE, default 3:
        // about 5 MB; `make oracle` sets 1 for all of it, with site-packages).
        let slice = Int(ProcessInfo.processInfo.environment["DOCHARNESS_TOKEN_SLICE"] ?? "") ?? 3
        if let python = TestEnvironment.oraclePython {
            let stdlib = try ProcessRunner.run(python, ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
                .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            let files = (FileManager.default.enumerator(atPath: stdlib)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".py") && (slice == 1 || !$0.contains("site-packages")) }.sorted()
            for (index, file) in files.enumerated() where index % slice == 0 {
                if let text = try? String(contentsOfFile: stdlib + "/" + file, encoding: .utf8) { texts.append(text) }
            }
        }
        let raw = Self.randomBytes(count: 200, seed: 42)
        guard let expected = try oracle(encodingName, texts, raw: raw) else { return }
        texts += raw.map { String(decoding: $0, as: UTF8.self) }
        let encoding = try BPEEncoding.load(encodingName, from: VocabularyStore(environment: ProcessInfo.processInfo.environment))
        var mismatches = 0
        var bytes = 0
        for (text, ids) in zip(texts, expected) {
            bytes += text.utf8.count
            let ours = encoding.encodeOrdinary(text)
            if ours != ids {
                mismatches += 1
                let first = zip(ours, ids).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, ids.count)
                Issue.record("mismatch at token \(first) of \(String(text.prefix(60)).debugDescription): ours \(Array(ours[first...].prefix(8))), tiktoken \(Array(ids[first...].prefix(8)))")
            }
            #expect(encoding.decodeBytes(ours) == Array(text.utf8))
        }
        print("\(encodingName.rawValue): \(texts.count) texts, \(bytes) bytes, \(mismatches) mismatches against tiktoken")
        #expect(mismatches == 0)
    }
}
