import DocHarnessTestSupport
import Foundation
import Reports
import Testing

/// The history as a team uses it: `check --history` on a branch, `runs`, `compare` with its exit
/// code and reports; and two `eval` runs with two prompt templates, where the worse template makes
/// `compare` exit 1.
@Suite("history: runs and compare")
struct HistoryCommandTests {
    static let root = TestEnvironment.packageRoot

    /// A copy of the bundled ledger project in a git work tree on `main`.
    static func project() throws -> URL {
        let folder = try TestEnvironment.temporaryDirectory()
        try FileManager.default.copyItem(at: root.appendingPathComponent("corpora/python/ledger"), to: folder.appendingPathComponent("ledger"))
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init"]] {
            _ = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/git"), arguments, currentDirectory: folder)
        }
        return folder
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("check --history twice around a change: runs lists both with their branches; compare names the regression and exits 1, its reports are written")
    func checkRuns() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try ProcessRunner.docharness(["check", "ledger", "--history"], currentDirectory: folder)
        #expect(first.standardError.contains("history: run 1 recorded in .docharness/history.sqlite"), "\(first.standardError)")
        #expect(first.status == 1)

        // On a branch: one parameter entry goes, one undocumented method gets a docstring.
        _ = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["checkout", "-qb", "feature"], currentDirectory: folder)
        let accounts = folder.appendingPathComponent("ledger/accounts.py")
        var source = try String(contentsOf: accounts, encoding: .utf8)
        source = source.replacingOccurrences(of: "            parent (str): The code of the parent account, if any.\n", with: "")
        source = source.replacingOccurrences(of: "    def get(self, code):\n        return", with: "    def get(self, code):\n        \"\"\"Return the account with this code.\n\n        Args:\n            code (str): The account's code.\n\n        Returns:\n            Account: The account registered under ``code``.\n        \"\"\"\n        return")
        try source.write(to: accounts, atomically: true, encoding: .utf8)
        // The `--history=FILE` spelling names the same store.
        let second = try ProcessRunner.docharness(["check", "ledger", "--history=.docharness/history.sqlite"], currentDirectory: folder)
        #expect(second.standardError.contains("history: run 2 recorded"), "\(second.standardError)")

        let runs = try ProcessRunner.docharness(["runs", "--format", "json"], currentDirectory: folder)
        let listed = try #require(try Self.json(runs.standardOutput) as? [[String: Any]])
        #expect(listed.map { $0["id"] as? Int } == [2, 1])
        #expect(listed.map { $0["gitBranch"] as? String } == ["feature", "main"])
        #expect(listed.allSatisfy { ($0["gitCommit"] as? String)?.count == 40 })
        let text = try ProcessRunner.docharness(["runs", "--branch", "main"], currentDirectory: folder)
        #expect(text.standardOutput.split(separator: "\n").count == 2 && text.standardOutput.contains("main @ "))

        let compare = try ProcessRunner.docharness(["compare", "--json", "compare.json", "--markdown", "compare.md", "--junit", "compare.xml"],
                                                   currentDirectory: folder)
        #expect(compare.status == 1, "\(compare.standardOutput)\n\(compare.standardError)")
        #expect(compare.standardOutput.contains("✗ ledger/accounts.py::Chart.add  overall"))
        #expect(compare.standardOutput.contains("(completeness -"))
        #expect(compare.standardOutput.contains("ledger/accounts.py::Chart.get  overall 0.0 →"))
        #expect(compare.standardOutput.contains("DH101 parameter `parent` is not documented"))
        #expect(compare.standardOutput.contains("compare FAILED: 1 symbol(s) regressed by more than 2.0 points; worst ledger/accounts.py::Chart.add: completeness"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("compare.json"))) as? [String: Any])
        let changed = try #require(report["changed"] as? [[String: Any]])
        #expect(changed.first?["qualname"] as? String == "Chart.add" && changed.first?["regressed"] as? Bool == true)
        #expect(try String(contentsOf: folder.appendingPathComponent("compare.md"), encoding: .utf8).contains("| ❌ `ledger/accounts.py::Chart.add` |"))
        let schema = Self.root.appendingPathComponent("docs/schemas/junit.xsd").path
        #expect(try XMLSchemaValidator(schemaPath: schema).validate(path: folder.appendingPathComponent("compare.xml").path).isEmpty)

        // Thresholds: off passes; any new finding fails; 30 points lets a 21-point drop through.
        #expect(try ProcessRunner.docharness(["compare", "--fail-on-regression", "off"], currentDirectory: folder).status == 0)
        #expect(try ProcessRunner.docharness(["compare", "--fail-on-regression", "off", "--fail-on-new-findings"], currentDirectory: folder).status == 1)
        #expect(try ProcessRunner.docharness(["compare", "1", "2", "--fail-on-regression", "30"], currentDirectory: folder).status == 0)
        // The other way round, Chart.get loses its docstring.
        #expect(try ProcessRunner.docharness(["compare", "2", "1", "--fail-on-regression", "30"], currentDirectory: folder).status == 1)
    }

    @Test("one PostgreSQL history for two checkouts: check --history=postgres://…, runs and compare read it; the password is written nowhere",
          .requires(.postgres))
    func postgresHistory() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let url = try server.database()
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try ProcessRunner.docharness(["check", "ledger", "--history=\(url)"], currentDirectory: folder)
        #expect(first.standardError.contains("history: run 1 recorded in postgres://docharness:***@127.0.0.1:"), "\(first.standardError)")
        // A second checkout of the same project on a branch, another runner.
        let other = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: other) }
        try FileManager.default.copyItem(at: folder.appendingPathComponent("ledger"), to: other.appendingPathComponent("ledger"))
        let accounts = other.appendingPathComponent("ledger/accounts.py")
        let source = try String(contentsOf: accounts, encoding: .utf8)
        try source.replacingOccurrences(of: "            parent (str): The code of the parent account, if any.\n", with: "").write(to: accounts, atomically: true, encoding: .utf8)
        let second = try ProcessRunner.docharness(["check", "ledger", "--history", "--history-store", url], currentDirectory: other)
        #expect(second.standardError.contains("history: run 2 recorded"), "\(second.standardError)")
        let runs = try ProcessRunner.docharness(["runs", "--history-store", url], currentDirectory: folder)
        #expect(runs.status == 0 && runs.standardOutput.split(separator: "\n").count == 3, "\(runs.standardOutput)\(runs.standardError)")
        let compare = try ProcessRunner.docharness(["compare", "1", "2", "--history-store", url], currentDirectory: folder)
        #expect(compare.status == 1 && compare.standardOutput.contains("✗ ledger/accounts.py::Chart.add"), "\(compare.standardOutput)\(compare.standardError)")
        for place in [folder, other] {
            #expect(!FileManager.default.fileExists(atPath: place.appendingPathComponent(".docharness").path))
        }
        for output in [first.standardError, second.standardError, runs.standardOutput, compare.standardOutput, compare.standardError] {
            #expect(!output.contains(PostgresTestServer.password))
        }
    }

    @Test("a missing store, a run that does not exist and a file that is not a store are clear errors")
    func errors() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try ProcessRunner.docharness(["runs"], currentDirectory: folder)
        #expect(missing.status == 2 && missing.standardError.contains("no history at .docharness/history.sqlite"), "\(missing.standardError)")
        let notes = folder.appendingPathComponent("notes.sqlite")
        try Data("my notes\n".utf8).write(to: notes)
        let broken = try ProcessRunner.docharness(["check", Self.root.appendingPathComponent("corpora/python/ledger/money.py").path, "--history", "notes.sqlite"],
                                                  currentDirectory: folder)
        #expect(broken.status == 3 && broken.standardError.contains("history: notes.sqlite: ") && broken.standardError.contains("not a database"), "\(broken.standardError)")
        #expect(try Data(contentsOf: notes) == Data("my notes\n".utf8))
        let store = folder.appendingPathComponent("h.sqlite").path
        _ = try ProcessRunner.docharness(["check", Self.root.appendingPathComponent("corpora/python/ledger/money.py").path, "--history-store", store],
                                         currentDirectory: folder)
        let alone = try ProcessRunner.docharness(["compare", "--history-store", store], currentDirectory: folder)
        #expect(alone.status == 3 && alone.standardError.contains("has no earlier check run with the same paths and configuration"), "\(alone.standardError)")
        let absent = try ProcessRunner.docharness(["compare", "7", "1", "--history-store", store], currentDirectory: folder)
        #expect(absent.status == 3 && absent.standardError.contains("there is no run 7"), "\(absent.standardError)")
    }

    /// A running synthetic upstream (corpora/synthetic_upstream.py): it answers from what the
    /// prompt shows it, so a template that leaves out the source and the exceptions gets answers
    /// without Returns and Raises.
    final class SyntheticUpstream {
        let process = Process()
        let port: Int

        init(folder: URL) throws {
            let portFile = folder.appendingPathComponent("port")
            let python = try #require(TestEnvironment.oraclePython)
            process.executableURL = python
            process.arguments = [HistoryCommandTests.root.appendingPathComponent("corpora/synthetic_upstream.py").path, "--port", "0", "--port-file", portFile.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // It writes its port once it listens; a loaded machine only makes this wait longer.
            while !FileManager.default.fileExists(atPath: portFile.path), process.isRunning { usleep(20_000) }
            port = Int(try String(contentsOf: portFile, encoding: .utf8)) ?? 0
        }

        func stop() {
            // SIGKILL: the test runner's threads block SIGTERM, and its children inherit the mask.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test("two eval runs with two prompt templates: compare shows the per-symbol drops of the worse one and exits 1", .requires(.oraclePython, .vocabularies))
    func evalTemplates() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = try SyntheticUpstream(folder: folder)
        defer { upstream.stop() }
        let project = Self.root.appendingPathComponent("corpora/python/ledger").path
        let worse = folder.appendingPathComponent("terse.prompt")
        // The bundled template without the exceptions, the class and the source: the terse one.
        var template = try String(contentsOf: Self.root.appendingPathComponent("Sources/Generation/Prompts/docstring-v1.prompt"), encoding: .utf8)
        template = template.replacingOccurrences(of: "version: docstring-v1", with: "version: docstring-terse")
        for block in ["raises", "class_context", "source"] {
            let start = try #require(template.range(of: "{{#\(block)}}"))
            let end = try #require(template.range(of: "{{/\(block)}}\n"))
            template.removeSubrange(start.lowerBound..<end.upperBound)
        }
        try template.write(to: worse, atomically: true, encoding: .utf8)
        func eval(_ name: String, _ extra: [String]) throws -> ProcessResult {
            let cassette = folder.appendingPathComponent("\(name).json").path
            return try ProcessRunner.docharness(["eval", project, "--upstream", "http://127.0.0.1:\(upstream.port)", "--record", "all", "--record-to", cassette,
                                                 "--cassettes", cassette, "--reports", folder.appendingPathComponent(name).path, "--history-store", "h.sqlite"] + extra,
                                                currentDirectory: folder)
        }
        let good = try eval("v1", [])
        #expect(good.status == 0 && good.standardError.contains("history: run 1 recorded in h.sqlite"), "\(good.standardError)")
        let terse = try eval("terse", ["--prompt-template", worse.path])
        #expect(terse.status == 0 && terse.standardError.contains("history: run 2 recorded"), "\(terse.standardError)")

        let runs = try ProcessRunner.docharness(["runs", "--history-store", "h.sqlite"], currentDirectory: folder)
        #expect(runs.standardOutput.contains("docstring-terse") && runs.standardOutput.contains("docstring-v1"))
        let compare = try ProcessRunner.docharness(["compare", "--history-store", "h.sqlite", "--format", "json"], currentDirectory: folder)
        #expect(compare.status == 1, "\(compare.standardError)")
        let report = try #require(try Self.json(compare.standardOutput) as? [String: Any])
        #expect((report["head"] as? [String: Any])?["templateVersion"] as? String == "docstring-terse")
        let changed = try #require(report["changed"] as? [[String: Any]])
        // Without the source the answers lose their Returns: completeness drops on most symbols.
        let dropped = changed.filter { change in
            let base = change["baseScores"] as? [String: Double], head = change["headScores"] as? [String: Double]
            return (head?["completeness"] ?? 0) < (base?["completeness"] ?? 0)
        }
        #expect(dropped.count >= 10, "\(changed.count) changed")
        #expect(changed.contains { $0["qualname"] as? String == "Money.allocate" && $0["regressed"] as? Bool == true && $0["headDocstring"] != nil })
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(try #require(summary["overall"] as? Double) < -5)
        // The other way round, the run-wide change is the opposite.
        let reversed = try ProcessRunner.docharness(["compare", "2", "1", "--history-store", "h.sqlite", "--format", "json"], currentDirectory: folder)
        let back = try #require(try Self.json(reversed.standardOutput) as? [String: Any])
        #expect(try #require((back["summary"] as? [String: Any])?["overall"] as? Double) == -(try #require(summary["overall"] as? Double)))
    }
}
