import DocHarnessTestSupport
import Foundation
import Reports
import Testing

/// `docharness eval` as a user runs it, including a run killed with SIGKILL and resumed.
@Suite("docharness eval", .serialized)
struct EvalCommandTests {
    static let root = TestEnvironment.packageRoot

    static func symbols(_ reportPath: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: reportPath))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let symbols = try #require(report["symbols"] as? [[String: Any]])
        return Dictionary(symbols.map { ("\($0["path"]!)::\($0["qualname"]!)", ($0["docstring"] as? String) ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    static func report(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test("with no arguments it runs the bundled corpora offline and writes three valid reports; SIGKILL halfway and resume gives the same result")
    func evalAndResume() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        let clean = folder.appendingPathComponent("clean").path
        let result = try ProcessRunner.docharness(["eval", "--reports", clean], currentDirectory: Self.root)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("eval: passed"))
        #expect(result.standardOutput.contains("requests compliant (100.0%)"))
        let schema = Self.root.appendingPathComponent("docs/schemas/junit.xsd").path
        #expect(try XMLSchemaValidator(schemaPath: schema).validate(path: clean + "/junit.xml").isEmpty)
        let cleanSymbols = try Self.symbols(clean + "/report.json")

        // Slow every request down (40 ms, one at a time), kill the run once a third is journaled.
        let plan = folder.appendingPathComponent("slow.json").path
        try Data(#"{"faults": [{"latency_ms": 40, "probability": 1}]}"#.utf8).write(to: URL(fileURLWithPath: plan))
        let journal = folder.appendingPathComponent("journal.jsonl").path
        let resumedReports = folder.appendingPathComponent("resumed").path
        let arguments = ["eval", "--journal", journal, "--faults", plan, "--concurrency", "1", "--reports", resumedReports]
        let process = Process()
        process.executableURL = TestEnvironment.docharness
        process.arguments = arguments
        process.currentDirectoryURL = Self.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func journaled() -> Int {
            ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
        // No deadline: a loaded machine only makes this wait longer; the run ends by itself.
        while journaled() < cleanSymbols.count / 3, process.isRunning { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let before = journaled()
        #expect(before > 0 && before < cleanSymbols.count)

        let resumed = try ProcessRunner.docharness(arguments, currentDirectory: Self.root)
        #expect(resumed.status == 0, "\(resumed.standardOutput)\n\(resumed.standardError)")
        let report = try Self.report(resumedReports + "/report.json")
        let traffic = try #require(report["traffic"] as? [String: Any])
        let resumedCount = try #require(report["resumed"] as? Int)
        // Nothing journaled was requested again (a line cut by the kill is dropped and redone).
        #expect(resumedCount >= before - 1 && resumedCount <= before)
        #expect((traffic["requests"] as? Int) == cleanSymbols.count - resumedCount)
        #expect(try Self.symbols(resumedReports + "/report.json") == cleanSymbols)
        #expect(journaled() == cleanSymbols.count)
    }

    @Test("a prompt template that does not parse is a clear error naming the file and line")
    func badTemplate() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        let template = folder.appendingPathComponent("bad.prompt").path
        try Data("version: x\n--- system\nHello {{nmae}}\n--- user\nu\n".utf8).write(to: URL(fileURLWithPath: template))
        let result = try ProcessRunner.docharness(["eval", "--prompt-template", template, "--reports", folder.path], currentDirectory: Self.root)
        #expect(result.status == 3)
        #expect(result.standardError.contains("bad.prompt:3: unknown placeholder 'nmae'"))
    }

    @Test("bench estimators prints the table for the bundled cassettes")
    func benchEstimators() throws {
        let result = try ProcessRunner.docharness(["bench", "estimators", "--by-project", "corpora"], currentDirectory: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("| `chat` |"))
        // corpora/cassettes (the synthetic upstream) and corpora/cassettes-smollm2 (no usage the
        // OpenAI rules count: its model has no OpenAI encoding) are the folders here: one project
        // with measured requests is nothing to hold out.
        #expect(result.standardOutput.contains("leave-one-project-out needs measured requests from two projects or more; found 1 (cassettes)"))
        #expect(result.standardOutput.contains("| `chars/4` |"))
    }

    /// A file in the folder that is not a cassette is skipped with a line naming it (it stopped
    /// the whole folder, exit 3); `--strict-load` makes it an error again. What is left out of
    /// the measurement is counted per reason.
    @Test("bench estimators skips files that are not cassettes and says why requests were left out")
    func benchSkipsNonCassettes() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundled = Self.root.appendingPathComponent("corpora/cassettes")
        for name in try FileManager.default.contentsOfDirectory(atPath: bundled.path) where name.hasSuffix(".json") {
            try FileManager.default.copyItem(at: bundled.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try Data(#"{"java": "fixture"}"#.utf8).write(to: folder.appendingPathComponent("Fixture.json"))
        let image = #"{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}"#
        try Data(("interactions:\n- request:\n    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n    body: '{\"model\":\"gpt-4o\",\"messages\":[" + image + "]}'\n"
            + "  response:\n    status: {code: 200}\n    body: {string: '{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":1,\"total_tokens\":91}}'}\n").utf8)
            .write(to: folder.appendingPathComponent("image.yaml"))
        let result = try ProcessRunner.docharness(["bench", "estimators", folder.path], currentDirectory: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("Fixture.json:1: skipped: not an HTTP cassette"))
        #expect(result.standardError.contains("skipped 1 file that holds no HTTP cassette"))
        #expect(result.standardOutput.contains("left out: 1 image parts"), "\(result.standardOutput)")
        let strict = try ProcessRunner.docharness(["bench", "estimators", "--strict-load", folder.path], currentDirectory: Self.root)
        #expect(strict.status == 3)
        #expect(strict.standardError.contains("Fixture.json:1: not an HTTP cassette"))
    }
}
