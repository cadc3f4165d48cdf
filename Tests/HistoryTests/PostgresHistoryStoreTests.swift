import DocHarnessTestSupport
import Foundation
@testable import History
import Testing

/// `HistoryStoreTests`' scenarios against a real PostgreSQL server the test starts (Debian's
/// `postgresql`; `make test` installs it), each in a database of its own; and what only a server
/// has: a wrong password, a server that is not there.
@Suite("history store (PostgreSQL)", .serialized, .requires(.postgres))
struct PostgresHistoryStoreTests {
    static func backend(_ server: PostgresTestServer) async throws -> HistoryStoreTests.Backend {
        let name = "h\(UUID().uuidString.prefix(8).lowercased())"
        let url = try server.database(name)
        return HistoryStoreTests.Backend(
            store: try await PostgresHistoryStore(url: url),
            execute: { sql in try server.execute(sql, in: name).split(separator: "\n").first.map(String.init) ?? "" },
            refuseFinding: { line in
                """
                CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.line = \(line) THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse AFTER INSERT ON finding FOR EACH ROW EXECUTE FUNCTION refuse();
                """
            },
            futureMigration: "INSERT INTO docharness_migrations (identifier, applied_at) VALUES ('v9-from-the-future', 0)",
            reopen: { try await PostgresHistoryStore(url: url) })
    }

    @Test("the SQLite store's scenarios pass on PostgreSQL; a wrong password and a missing server are clear errors without the password")
    func sameScenarios() async throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        try await HistoryStoreTests.roundTrip(Self.backend(server))
        try await HistoryStoreTests.listing(Self.backend(server))
        try await HistoryStoreTests.contentAddressed(Self.backend(server))
        try await HistoryStoreTests.concurrentRunners(Self.backend(server))
        try await HistoryStoreTests.atomicWrite(Self.backend(server))
        try await HistoryStoreTests.newerStore(Self.backend(server))
        let old = "h\(UUID().uuidString.prefix(8).lowercased())"
        let oldURL = try server.database(old)
        try await HistoryStoreTests.migratesOldStore(HistoryStoreTests.EmptyDatabase(
            execute: { sql in try server.execute(sql, in: old) },
            markApplied: { "CREATE TABLE IF NOT EXISTS docharness_migrations (identifier TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL); INSERT INTO docharness_migrations VALUES ('\($0)', 0)" },
            open: { try await PostgresHistoryStore(url: oldURL) })) { $0.postgres }

        let url = try server.database("wrongpassword")
        let wrong = url.replacingOccurrences(of: PostgresTestServer.password, with: "not-the-password")
        await #expect {
            _ = try await PostgresHistoryStore(url: wrong)
        } throws: { error in
            let text = "\(error)"
            return text.contains("password authentication failed") && !text.contains("not-the-password") && text.contains("***")
        }
        await #expect {
            _ = try await PostgresHistoryStore(url: "postgres://docharness:pw@127.0.0.1:1/none")
        } throws: { error in
            "\(error)".contains("cannot connect") && !"\(error)".contains(":pw@")
        }
    }
}
