import DocHarnessTestSupport
import Foundation
import Testing
import Tokenization

@Suite("docharness tokens")
struct TokensCommandTests {
    /// A 3 MB file on one line is counted exactly (cut between pre-tokens, not read whole); a 9 MiB
    /// run of one letter — one pre-token, which no cut can split — is reported with DH004 and its
    /// offset instead of being read whole at ~54 bytes per byte, and the other file is still counted.
    @Test(.requires(.vocabularies)) func oneLineFilesAreCountedAndOneHugePreTokenIsReported() throws {
        let words = (0 ..< 400_000).map { index in ["alpha", "beta,", "gamma;", "δέλτα", "中文", "x=1", "  "][index % 7] }
        let line = words.joined(separator: " ")
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        let expected = try BPEEncoding.load(.o200kBase, from: store).count(line)
        let result = try FixtureTree.with([
            "line.txt": Array(line.utf8),
            "run.txt": [UInt8](repeating: UInt8(ascii: "a"), count: 9 << 20),
        ]) { try ProcessRunner.docharness(["tokens", "run.txt", "line.txt"], currentDirectory: $0) }
        #expect(result.status == 3)
        #expect(result.standardOutput.contains("\(expected) line.txt"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("run.txt"))
        #expect(result.standardError.contains("run.txt:0:0: DH004 no place to cut the text within 8 MiB from byte 0"), "\(result.standardError)")
    }

    /// `tokens -` did not read standard input (issue 21); it counts it as a file named `-`.
    @Test(.requires(.vocabularies)) func aDashReadsStandardInput() throws {
        let text = "def f(x):\n    return x * 2\n"
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        let expected = try BPEEncoding.load(.o200kBase, from: store).count(text)
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf 'def f(x):\\n    return x * 2\\n' | '\(TestEnvironment.docharness.path)' tokens -"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "\(expected) -")
    }
}
