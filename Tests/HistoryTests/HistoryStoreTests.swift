import DocHarnessTestSupport
import Foundation
import GRDB
@testable import History
import Scoring
import Testing

/// The store as `check` and `eval` use it: a run goes in whole and comes out equal, or not at all.
/// Every scenario runs against SQLite, and the same scenarios against a real PostgreSQL server
/// (`PostgresHistoryStoreTests`).
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
                estimatedPromptTokens: command == "eval" ? 298 + index : nil, maxTokens: command == "eval" ? 1024 : nil,
                originalDocstring: command == "eval" && index % 2 == 0 ? "Old \(index)." : nil)
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

    /// One empty store to run a scenario against, with raw SQL access to it.
    struct Backend {
        /// The store.
        var store: any HistoryStore
        /// Runs SQL on the store's database; returns the first column of the first row as text.
        var execute: (String) async throws -> String
        /// SQL that makes the database refuse a finding on `line`.
        var refuseFinding: (Int) -> String
        /// SQL that records a migration this docharness does not know.
        var futureMigration: String
        /// Opens the store again (what the next docharness run does).
        var reopen: () async throws -> any HistoryStore
    }

    /// An empty database to build an old store in by hand, then open with this docharness.
    struct EmptyDatabase {
        /// Runs SQL statements (several, separated by `;` and a line break).
        var execute: (String) async throws -> Void
        /// SQL that records `identifier` as applied.
        var markApplied: (String) -> String
        /// Opens it as a store.
        var open: () async throws -> any HistoryStore
    }

    static func emptySQLite() throws -> EmptyDatabase {
        let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("old.sqlite").path
        return EmptyDatabase(
            execute: { sql in
                let database = try DatabaseQueue(path: path)
                try await database.write { db in try db.execute(sql: sql) }
                try database.close()
            },
            markApplied: { "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('\($0)')" },
            open: { try SQLiteHistoryStore(path: path) })
    }

    static func sqlite() throws -> Backend {
        let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("nested/history.sqlite").path
        let store = try SQLiteHistoryStore(path: path)
        return Backend(
            store: store,
            execute: { sql in
                let database = try DatabaseQueue(path: path)
                defer { try? database.close() }
                return try await database.write { db in try String.fetchOne(db, sql: sql) ?? "" }
            },
            refuseFinding: { "CREATE TRIGGER refuse AFTER INSERT ON finding WHEN NEW.line = \($0) BEGIN SELECT RAISE(ABORT, 'refused'); END" },
            futureMigration: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')",
            reopen: { try SQLiteHistoryStore(path: path) })
    }

    // MARK: - Scenarios (each run against both stores)

    static func roundTrip(_ backend: Backend) async throws {
        for original in [Self.run(), Self.run(command: "eval", template: "docstring-v1")] {
            let id = try await backend.store.record(original)
            var expected = original
            expected.id = id
            #expect(try await backend.store.run(id: id) == expected)
        }
        #expect(try await backend.store.run(id: 99) == nil)
        #expect(try await backend.store.schemaVersion() == HistorySchema.migrations.count)
    }

    static func listing(_ backend: Backend) async throws {
        let store = backend.store
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

    static func contentAddressed(_ backend: Backend) async throws {
        let first = try await backend.store.record(Self.run(symbols: 6))
        var changed = Self.run(symbols: 6)
        changed.files[2].symbols[1].findings.removeLast()
        let second = try await backend.store.record(changed)
        // Three module files and broken.py, then only module2.py again.
        #expect(try await backend.execute("SELECT count(*) FROM file_state") == "5")
        #expect(try await backend.store.run(id: first)?.symbols == Self.run(symbols: 6).symbols)
        #expect(try await backend.store.run(id: second)?.symbols == changed.symbols)
    }

    /// Two runners record the same files at once: both runs are whole, each file state once.
    static func concurrentRunners(_ backend: Backend) async throws {
        let store = backend.store
        async let one = store.record(Self.run(symbols: 40))
        async let two = store.record(Self.run(symbols: 40, branch: "other"))
        let ids = try await [one, two]
        for id in ids { #expect(try await store.run(id: id)?.symbols == Self.run(symbols: 40).symbols) }
        #expect(try await backend.execute("SELECT count(*) FROM file_state") == "21")
    }

    /// The database refuses the last symbol's finding: the run, its links, its symbols and its
    /// other findings must all be gone, as after a run killed mid-write.
    static func atomicWrite(_ backend: Backend) async throws {
        let kept = try await backend.store.record(Self.run(symbols: 3))
        _ = try await backend.execute(backend.refuseFinding(492))
        await #expect(throws: HistoryError.self) { try await backend.store.record(Self.run(symbols: 50)) }
        #expect(try await backend.store.runs(RunFilter()).map(\.id) == [kept])
        #expect(try await backend.execute("SELECT count(*) FROM symbol") == "3")
        #expect(try await backend.execute("SELECT count(*) FROM finding") == "7")
        #expect(try await backend.execute("SELECT count(*) FROM run_file") == "3")
    }

    static func newerStore(_ backend: Backend) async throws {
        _ = try await backend.store.record(Self.run())
        _ = try await backend.execute(backend.futureMigration)
        await #expect {
            _ = try await backend.reopen()
        } throws: { error in
            "\(error)".contains("newer docharness")
        }
    }

    /// A store with only the first migration and a run in it, as the first release wrote it:
    /// opening it applies the rest, and the old run reads back.
    static func migratesOldStore(_ database: EmptyDatabase, sql: (HistorySchema.Migration) -> String) async throws {
        let first = HistorySchema.migrations[0]
        try await database.execute(sql(first))
        try await database.execute(database.markApplied(first.identifier))
        try await database.execute("""
            INSERT INTO run (started_at, command, paths, configuration_hash, passed, symbols, documented, coverage, completeness, clarity, style, complexity, overall, findings)
            VALUES (1796000000, 'check', '["pkg"]', 'cfg', 1, 1, 1, 100, 90, 80, 70, 60, 77.5, 0);
            INSERT INTO file_state (digest, path) VALUES ('d1', 'pkg/a.py');
            INSERT INTO run_file (run_id, ordinal, file_state_id) VALUES (1, 0, 1);
            INSERT INTO symbol (file_state_id, ordinal, qualname, kind, line, documented, overall) VALUES (1, 0, 'f', 'function', 3, 1, 77.5)
            """)
        let store = try await database.open()
        #expect(try await store.schemaVersion() == HistorySchema.migrations.count)
        let run = try #require(try await store.run(id: 1))
        #expect(run.summary.overall == 77.5 && run.symbols.map(\.qualname) == ["f"] && run.symbols.first?.originalDocstring == nil)
        var newer = Self.run(command: "eval", symbols: 2)
        newer.files[0].symbols[0].originalDocstring = "The old one."
        let id = try await store.record(newer)
        #expect(try await store.run(id: id)?.symbols.first?.originalDocstring == "The old one.")
    }

    // MARK: - SQLite

    @Test("a store the first release wrote is migrated when opened, and its runs read back")
    func migratesSQLite() async throws { try await Self.migratesOldStore(Self.emptySQLite()) { $0.sqlite } }

    @Test("a check run and an eval run come back equal to what was recorded, findings and all")
    func roundTripSQLite() async throws { try await Self.roundTrip(Self.sqlite()) }

    @Test("runs lists newest first without symbols, filtered by command, branch and configuration")
    func listingSQLite() async throws { try await Self.listing(Self.sqlite()) }

    @Test("a file whose results did not change is stored once and linked from every run that has it")
    func contentAddressedSQLite() async throws { try await Self.contentAddressed(Self.sqlite()) }

    @Test("two runners recording at once both get whole runs")
    func concurrentSQLite() async throws { try await Self.concurrentRunners(Self.sqlite()) }

    @Test("a write that fails halfway leaves no partial run")
    func atomicWriteSQLite() async throws { try await Self.atomicWrite(Self.sqlite()) }

    @Test("a store a newer docharness migrated is refused with a message saying so")
    func newerStoreSQLite() async throws { try await Self.newerStore(Self.sqlite()) }

    @Test("a file that is not SQLite is an error naming it, and is left as it was")
    func notSQLite() throws {
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
