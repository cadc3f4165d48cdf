import DocHarnessTestSupport
import Foundation
import Testing

/// `eval --record` against a loopback upstream of our own (Tests/Oracles/loopback_upstream.py),
/// as a user records their own cassettes: the API key reaches the upstream and no file, error
/// answers are never recorded, and `new_episodes` sends only what is missing.
@Suite("eval --record against a loopback upstream", .serialized, .requires(.oraclePython, .vocabularies))
struct RecordModeCommandTests {
    static let root = TestEnvironment.packageRoot
    static let project = root.appendingPathComponent("corpora/python/geometry").path
    static let secret = "sk-loopback-SECRET-4242"

    /// A running loopback upstream; `stop()` ends it.
    final class Upstream {
        let process = Process()
        let input = Pipe()
        let log: URL
        let port: Int

        init(folder: URL, failing: [String: Int]) throws {
            let python = try #require(TestEnvironment.oraclePython)
            let portFile = folder.appendingPathComponent("port-\(UUID().uuidString)")
            log = folder.appendingPathComponent("upstream-\(UUID().uuidString).jsonl")
            process.executableURL = python
            process.arguments = [RecordModeCommandTests.root.appendingPathComponent("Tests/Oracles/loopback_upstream.py").path, portFile.path, log.path]
                + failing.flatMap { ["--fail", "\($0.key)=\($0.value)"] }
            process.standardInput = input
            try process.run()
            // It writes its port once it listens; a loaded machine only makes this wait longer.
            while !FileManager.default.fileExists(atPath: portFile.path), process.isRunning { usleep(20_000) }
            port = Int(try String(contentsOf: portFile, encoding: .utf8)) ?? 0
        }

        var requests: [[String: Any]] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        func stop() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    static func eval(_ folder: URL, _ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.docharness(["eval", project, "--cassettes", folder.appendingPathComponent("cassettes").path,
                                      "--reports", folder.appendingPathComponent("reports").path] + arguments,
                                     currentDirectory: folder, environment: ["OPENAI_API_KEY": secret])
    }

    static func recordedCount(_ folder: URL) throws -> Int {
        let data = try Data(contentsOf: folder.appendingPathComponent("cassettes/generate.json"))
        let cassette = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (cassette["interactions"] as? [Any])?.count ?? 0
    }

    /// Every file under `folder` whose bytes contain `text`.
    static func files(under folder: URL, containing text: String) -> [String] {
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
        return paths.filter { path in
            (try? Data(contentsOf: folder.appendingPathComponent(path)))?.range(of: Data(text.utf8)) != nil
        }
    }

    @Test("the key reaches the upstream only; 401, 429 and 500 are not recorded; new_episodes sends only what is missing; none replays")
    func recordsYourOwnCassette() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let failing = ["Vector.rotated": 401, "centroid": 500, "lerp": 429]
        let first = try Upstream(folder: folder, failing: failing)
        let firstRun = try Self.eval(folder, ["--upstream", "http://127.0.0.1:\(first.port)", "--record", "new_episodes"])
        first.stop()
        #expect(firstRun.status == 1, "\(firstRun.standardError)")
        #expect(first.requests.allSatisfy { ($0["authorization"] as? String) == "Bearer \(Self.secret)" })
        for (name, status) in failing {
            #expect(firstRun.standardError.contains("\(name): failed: ") && firstRun.standardError.contains("HTTP \(status)"), "\(firstRun.standardError)")
        }
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("reports/report.json"))) as? [String: Any])
        let total = try #require(report["symbols"] as? [Any]).count
        #expect(total > 20)
        #expect(try Self.recordedCount(folder) == total - failing.count, "an error answer was recorded")
        // The upstream's own log holds the key it received; nothing DocHarness wrote does.
        #expect(Self.files(under: folder, containing: Self.secret).filter { !$0.hasPrefix("upstream-") }.isEmpty)

        // The upstream works again: only the three missing requests go out, and are added.
        let second = try Upstream(folder: folder, failing: [:])
        let secondRun = try Self.eval(folder, ["--upstream", "http://127.0.0.1:\(second.port)", "--record", "new_episodes"])
        second.stop()
        #expect(secondRun.status == 0, "\(secondRun.standardError)")
        #expect(second.requests.count == 3)
        #expect(try Self.recordedCount(folder) == total)

        // Strict replay of what was recorded: nothing goes upstream, everything is answered.
        let replay = try Self.eval(folder, [])
        #expect(replay.status == 0, "\(replay.standardOutput)\(replay.standardError)")
        #expect(Self.files(under: folder, containing: Self.secret).filter { !$0.hasPrefix("upstream-") }.isEmpty)
    }

    @Test("generate --cassette --record: the key goes upstream only, errors are not recorded, new_episodes adds only the missing, none replays offline")
    func generateRecordsToo() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("generate.json").path
        func generate(_ arguments: [String]) throws -> ProcessResult {
            try ProcessRunner.docharness(["generate", Self.project, "--cassette", cassette, "--journal", folder.appendingPathComponent("journal-\(UUID().uuidString).jsonl").path] + arguments,
                                         currentDirectory: folder, environment: ["OPENAI_API_KEY": Self.secret])
        }
        func recorded() throws -> Int {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cassette))) as? [String: Any]
            return (object?["interactions"] as? [Any])?.count ?? 0
        }
        let first = try Upstream(folder: folder, failing: ["centroid": 500])
        let firstRun = try generate(["--base-url", "http://127.0.0.1:\(first.port)/v1", "--record", "new_episodes"])
        first.stop()
        #expect(firstRun.status == 1, "\(firstRun.standardError)")
        #expect(firstRun.standardError.contains("HTTP 500"), "\(firstRun.standardError)")
        #expect(first.requests.allSatisfy { ($0["authorization"] as? String) == "Bearer \(Self.secret)" })
        let afterFirst = try recorded()
        #expect(afterFirst > 20)

        let second = try Upstream(folder: folder, failing: [:])
        let secondRun = try generate(["--base-url", "http://127.0.0.1:\(second.port)/v1"])
        second.stop()
        #expect(secondRun.status == 0, "\(secondRun.standardError)")
        // Only the symbol whose answer was a 500 was missing: one request out, one recording added.
        #expect(second.requests.count == 1)
        #expect(try recorded() == afterFirst + 1)

        let offline = try generate([])
        #expect(offline.status == 0, "\(offline.standardError)")
        #expect(Self.files(under: folder, containing: Self.secret).filter { !$0.hasPrefix("upstream-") }.isEmpty)
    }

    @Test("an empty folder, or no cassette and no upstream, is a usage error that says what to pass")
    func refusesVacuousRuns() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try ProcessRunner.docharness(["eval"], currentDirectory: folder)
        #expect(empty.status == 2)
        #expect(empty.standardError.contains("no Python files under ."))
        try Data("def f(x):\n    return x\n".utf8).write(to: folder.appendingPathComponent("m.py"))
        let noCassette = try ProcessRunner.docharness(["eval"], currentDirectory: folder)
        #expect(noCassette.status == 2)
        #expect(noCassette.standardError.contains("no cassette under .docharness/cassettes and no --upstream"))
        let generate = try ProcessRunner.docharness(["generate", folder.appendingPathComponent("nothing-here").path, "--base-url", "http://127.0.0.1:9"])
        #expect(generate.status == 2)
    }
}
