import DocHarnessTestSupport
import Foundation
import GRDB
import History
import Scoring
import Testing

/// The store as `check` and `eval` use it: a run goes in whole and comes out equal, or not at all.
@Suite("history store (SQLite)")
struct HistoryStoreTests {
    /// A run of `count` symbols, every third one undocumented and every symbol with `findings`
    /// findings.
    static func run(command: String = "check", symbols count: Int = 5, findings: Int = 2, branch: String? = "main", hash: String = "cfg",
                    overall: Double = 80, template: String? = nil) -> RunRecord {
        let symbols = (0..<count).map { index in
            let documented = index % 3 != 0
            let path = "pkg/module\(index / 2).py", qualname = "function_\(index)"
            return SymbolRecord(
                path: path, qualname: qualname, kind: "function", line: index * 10 + 1, documented: documented,
                scores: documented ? DimensionScores(completeness: overall, clarity: 90, style: 100, complexity: 75) : nil,
                overall: documented ? overall : nil,
                findings: (0..<findings).map { item in
                    FindingRecord(code: "DH10\(item)", dimension: .completeness, path: path, symbol: qualname, subject: "p\(item)",
                                  message: "`p\(item)` is not documented — with ünïcode and a \"quote\"", line: index * 10 + 2, penalty: 0.25,
                                  fingerprint: Fingerprint.of(path, qualname, "DH10\(item)", "p\(item)"))
                },
                before: command == "eval" ? 12.5 : nil, outcome: command == "eval" ? "generated" : nil,
                docstring: command == "eval" ? "Do \(index).\n\nArgs:\n    x: The x." : nil, promptTokens: command == "eval" ? 300 + index : nil,
                estimatedPromptTokens: command == "eval" ? 298 + index : nil, maxTokens: command == "eval" ? 1024 : nil)
        }
        return RunRecord(
            startedAt: Date(timeIntervalSince1970: 1_796_000_000), command: command, paths: ["pkg", "other dir/x.py"], gitCommit: "0123456789abcdef0123456789abcdef01234567",
            gitBranch: branch, configurationHash: hash, templateVersion: template, model: command == "eval" ? "gpt-4o-mini" : nil,
            tokenizer: command == "eval" ? "chat" : nil, passed: true,
            summary: RunSummary(symbols: count, documented: symbols.filter(\.documented).count, coverage: 66.7,
                                scores: DimensionScores(completeness: 50, clarity: 60, style: 70, complexity: 80), overall: 61.5,
                                findings: count * findings + 1, safeZone: command == "eval" ? 22_800 : nil, minimumHeadroom: command == "eval" ? 21_476 : nil),
            files: FileRecord.grouping(symbols) + [FileRecord(path: "pkg/broken.py", symbols: [], fileFindings: [
                FindingRecord(code: "DH001", dimension: .style, path: "pkg/broken.py", symbol: "<module>", subject: "", message: "does not parse",
                              line: 3, penalty: 1, fingerprint: "ffff"),
            ])],
            estimators: command == "eval" ? [EstimatorRecord(source: "run", estimator: "chat", count: 5, exact: 5, meanAbsolutePercentError: 0,
                                                             signedBiasPercent: 0, p95AbsolutePercentError: 0, safeZoneCrossings: 0)] : [],
            traffic: command == "eval" ? TrafficRecord(requests: 5, retries: 1, rateLimited: 0, p50: 0.01, p95: 0.02, wallSeconds: 1.5) : nil)
    }

    static func store() throws -> (SQLiteHistoryStore, String) {
        let folder = try TestEnvironment.temporaryDirectory()
        let path = folder.appendingPathComponent("nested/history.sqlite").path
        return (try SQLiteHistoryStore(path: path), path)
    }

    @Test("a check run and an eval run come back equal to what was recorded, findings and all")
    func roundTrip() async throws {
        let (store, _) = try Self.store()
        for original in [Self.run(), Self.run(command: "eval", template: "docstring-v1")] {
            let id = try await store.record(original)
            var expected = original
            expected.id = id
            #expect(try await store.run(id: id) == expected)
        }
        #expect(try await store.run(id: 99) == nil)
        #expect(try await store.schemaVersion() == 1)
    }

    @Test("a file whose results did not change is stored once and linked from every run that has it")
    func contentAddressed() async throws {
        let (store, path) = try Self.store()
        let first = try await store.record(Self.run(symbols: 6))
        var changed = Self.run(symbols: 6)
        changed.files[2].symbols[1].findings.removeLast()
        let second = try await store.record(changed)
        let reader = try DatabaseQueue(path: path)
        let states = try await reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM file_state")! }
        // Three module files and broken.py, then only module2.py again.
        #expect(states == 5)
        #expect(try await store.run(id: first)?.symbols == Self.run(symbols: 6).symbols)
        #expect(try await store.run(id: second)?.symbols == changed.symbols)
    }

    @Test("runs lists newest first without symbols, filtered by command, branch and configuration")
    func listing() async throws {
        let (store, _) = try Self.store()
        let first = try await store.record(Self.run(branch: "main"))
        let second = try await store.record(Self.run(branch: "feature"))
        let third = try await store.record(Self.run(command: "eval", branch: "main", hash: "other"))
        #expect(try await store.runs(RunFilter()).map(\.id) == [third, second, first])
        #expect(try await store.runs(RunFilter()).allSatisfy { $0.files.isEmpty && $0.estimators.isEmpty })
        #expect(try await store.runs(RunFilter(command: "check")).map(\.id) == [second, first])
        #expect(try await store.runs(RunFilter(branch: "main")).map(\.id) == [third, first])
        #expect(try await store.runs(RunFilter(configurationHash: "cfg", before: second)).map(\.id) == [first])
        #expect(try await store.runs(RunFilter(limit: 1)).map(\.id) == [third])
    }

    /// A trigger makes the store refuse the last symbol's finding: the run, its links, its
    /// symbols and its other findings must all be gone, as after a run killed mid-write.
    @Test("a write that fails halfway leaves no partial run")
    func atomicWrite() async throws {
        let (store, path) = try Self.store()
        let kept = try await store.record(Self.run(symbols: 3))
        let database = try DatabaseQueue(path: path)
        try await database.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse AFTER INSERT ON finding WHEN NEW.line = 492 BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        try await database.close()
        await #expect(throws: HistoryError.self) { try await store.record(Self.run(symbols: 50)) }
        #expect(try await store.runs(RunFilter()).map(\.id) == [kept])
        let reader = try DatabaseQueue(path: path)
        let counts = try await reader.read { db in
            try (Int.fetchOne(db, sql: "SELECT count(*) FROM symbol")!, Int.fetchOne(db, sql: "SELECT count(*) FROM finding")!)
        }
        #expect(counts.0 == 3 && counts.1 == 7)
        #expect(try await reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM run_file") } == 3)
    }

    @Test("a store a newer docharness migrated is refused with a message saying so; a file that is not SQLite is an error naming it")
    func refusals() async throws {
        let (store, path) = try Self.store()
        _ = try await store.record(Self.run())
        let database = try DatabaseQueue(path: path)
        try await database.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        try await database.close()
        #expect {
            _ = try SQLiteHistoryStore(path: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("newer")
        }
        let folder = try TestEnvironment.temporaryDirectory()
        let notSQLite = folder.appendingPathComponent("notes.sqlite").path
        try Data("these are my notes, not a database\n".utf8).write(to: URL(fileURLWithPath: notSQLite))
        #expect {
            _ = try SQLiteHistoryStore(path: notSQLite)
        } throws: { error in
            "\(error)".contains(notSQLite) && "\(error)".contains("not a database")
        }
        #expect(try String(contentsOfFile: notSQLite, encoding: .utf8) == "these are my notes, not a database\n")
    }

    @Test("the password in a postgres URL never reaches a message")
    func maskedURL() {
        #expect(HistoryLocation("postgres://ci:s3cret@db.internal:5432/docharness").description == "postgres://ci:***@db.internal:5432/docharness")
        #expect(HistoryLocation("reports/h.sqlite") == .sqlite(path: "reports/h.sqlite"))
    }
}
