import Files
import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The history in a PostgreSQL database (`--history-store postgres://user:password@host/db`),
/// through postgres-nio: one history for many CI runners. The same tables as the SQLite store,
/// migrations recorded in `docharness_migrations` and applied under an advisory lock (two runners
/// starting at once migrate once); a run goes in in one transaction, its rows in multi-row
/// inserts. The password is never written anywhere, messages included.
public struct PostgresHistoryStore: HistoryStore {
    private let configuration: PostgresConnection.Configuration
    /// The URL with its password masked, for messages.
    public let location: String
    private static let logger = Logger(label: "docharness.history.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Rows per multi-row INSERT: PostgreSQL takes at most 65,535 parameters per statement.
    private static let parametersPerStatement = 60_000

    /// A store at `url`: `postgres://` or `postgresql://`, user, optional password, host, port
    /// (5432), database; `?sslmode=require` asks for TLS (default: none). Connects and migrates.
    public init(url: String) async throws(HistoryError) {
        location = HistoryLocation.masked(url)
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw HistoryError("\(location): not a PostgreSQL URL; write postgres://user:password@host:5432/database")
        }
        let user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let database = String(components.path.drop { $0 == "/" })
        var tls = PostgresConnection.Configuration.TLS.disable
        switch components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable" {
        case "disable": break
        case "require", "verify-full":
            do {
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            } catch {
                throw HistoryError("\(location): cannot set up TLS: \(error)")
            }
        case let mode:
            throw HistoryError("\(location): sslmode=\(mode) is not supported; use disable or require")
        }
        configuration = PostgresConnection.Configuration(host: host, port: components.port ?? 5432, username: user, password: password,
                                                         database: database.isEmpty ? nil : database, tls: tls)
        do {
            try await withConnection { connection in try await Self.migrate(connection) }
        } catch {
            throw error as? HistoryError ?? HistoryError("\(location): \(Self.describe(error))")
        }
    }

    public func schemaVersion() async throws -> Int {
        try await withConnection { connection in
            try await Self.rows(connection, "SELECT count(*) FROM docharness_migrations").first?.first?.int ?? 0
        }
    }

    public func record(_ run: RunRecord) async throws -> Int64 {
        try await withConnection { connection in
            try await connection.withTransaction(logger: Self.logger) { connection in try await Self.insert(run, connection) }
        }
    }

    public func runs(_ filter: RunFilter) async throws -> [RunRecord] {
        let (query, bound) = HistoryRows.runsQuery(filter) { "$\($0)" }
        return try await withConnection { connection in
            try await Self.rows(connection, query, bound).map { row in try HistoryRows.run(id: Int64(row[0].int ?? 0), Array(row.dropFirst())) }
        }
    }

    public func run(id: Int64) async throws -> RunRecord? {
        try await withConnection { connection in
            let runColumns = HistorySchema.runColumns.joined(separator: ", ")
            guard let row = try await Self.rows(connection, "SELECT \(runColumns) FROM run WHERE id = $1", [.integer(id)]).first else { return nil }
            var run = try HistoryRows.run(id: id, row)
            let files = try await Self.rows(connection, """
                SELECT file_state.id, file_state.path FROM run_file JOIN file_state ON file_state.id = run_file.file_state_id
                WHERE run_file.run_id = $1 ORDER BY run_file.ordinal
                """, [.integer(id)])
            var symbols: [Int64: [SymbolRecord]] = [:]
            var paths: [Int64: String] = [:]
            for file in files { paths[Int64(file[0].int ?? 0)] = file[1].string ?? "" }
            for row in try await Self.rows(connection, """
                SELECT symbol.file_state_id, \(HistorySchema.symbolColumns.map { "symbol." + $0 }.joined(separator: ", "))
                FROM run_file JOIN symbol ON symbol.file_state_id = run_file.file_state_id
                WHERE run_file.run_id = $1 ORDER BY run_file.ordinal, symbol.ordinal
                """, [.integer(id)]) {
                let state = Int64(row[0].int ?? 0)
                symbols[state, default: []].append(HistoryRows.symbol(path: paths[state] ?? "", Array(row.dropFirst())))
            }
            var records: [Int64: FileRecord] = [:]
            for (state, path) in paths { records[state] = FileRecord(path: path, symbols: symbols[state] ?? []) }
            for row in try await Self.rows(connection, """
                SELECT finding.file_state_id, \(HistorySchema.findingColumns.map { "finding." + $0 }.joined(separator: ", "))
                FROM run_file JOIN finding ON finding.file_state_id = run_file.file_state_id
                WHERE run_file.run_id = $1 ORDER BY run_file.ordinal, finding.ordinal
                """, [.integer(id)]) {
                let state = Int64(row[0].int ?? 0)
                guard var record = records[state] else { continue }
                let (ordinal, finding) = HistoryRows.finding(path: record.path, Array(row.dropFirst()), symbols: record.symbols)
                if let ordinal { record.symbols[ordinal].findings.append(finding) } else { record.fileFindings.append(finding) }
                records[state] = record
            }
            run.files = files.compactMap { records[Int64($0[0].int ?? 0)] }
            run.estimators = try await Self.rows(connection, """
                SELECT \(HistorySchema.estimatorColumns.joined(separator: ", ")) FROM estimator WHERE run_id = $1 ORDER BY source, estimator
                """, [.integer(id)]).map(HistoryRows.estimator)
            return run
        }
    }

    // MARK: - Writing

    private static func insert(_ run: RunRecord, _ connection: PostgresConnection) async throws -> Int64 {
        let runColumns = HistorySchema.runColumns
        let inserted = try await rows(connection, "INSERT INTO run (\(runColumns.joined(separator: ", "))) VALUES (\(placeholders(runColumns.count, from: 1))) RETURNING id",
                                      HistoryRows.run(run))
        guard let id = inserted.first?.first?.int.map(Int64.init) else { throw HistoryError("the server returned no id for the new run") }
        let files = run.files
        let digests = ParallelMap.map(count: files.count) { files[$0].digest }
        var states = try await knownStates(Array(Set(digests)), connection)
        var newRows: (symbols: [[HistoryValue]], findings: [[HistoryValue]]) = ([], [])
        var claimed: Set<String> = []
        for (index, file) in files.enumerated() where states[digests[index]] == nil && claimed.insert(digests[index]).inserted {
            // ON CONFLICT: another runner may be storing the same state right now; its rows stand.
            let created = try await rows(connection, "INSERT INTO file_state (digest, path) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING RETURNING id",
                                         [.text(digests[index]), .text(file.path)])
            guard let state = created.first?.first?.int.map(Int64.init) else { continue }
            states[digests[index]] = state
            var findingOrdinal = 0
            for (symbolOrdinal, symbol) in file.symbols.enumerated() {
                newRows.symbols.append([.integer(state), .integer(Int64(symbolOrdinal))] + HistoryRows.symbol(symbol))
                for finding in symbol.findings {
                    newRows.findings.append([.integer(state), .integer(Int64(findingOrdinal))] + HistoryRows.finding(finding, symbolOrdinal: symbolOrdinal))
                    findingOrdinal += 1
                }
            }
            for finding in file.fileFindings {
                newRows.findings.append([.integer(state), .integer(Int64(findingOrdinal))] + HistoryRows.finding(finding, symbolOrdinal: nil))
                findingOrdinal += 1
            }
        }
        // States another runner created while this one ran: read their ids.
        let missing = digests.filter { states[$0] == nil }
        if !missing.isEmpty { states.merge(try await knownStates(Array(Set(missing)), connection)) { first, _ in first } }
        try await insertRows(connection, table: "symbol", columns: ["file_state_id", "ordinal"] + HistorySchema.symbolColumns, rows: newRows.symbols)
        try await insertRows(connection, table: "finding", columns: ["file_state_id", "ordinal"] + HistorySchema.findingColumns, rows: newRows.findings)
        var links: [[HistoryValue]] = []
        for (ordinal, digest) in digests.enumerated() {
            guard let state = states[digest] else { throw HistoryError("file state \(digest) vanished while the run was recorded") }
            links.append([.integer(id), .integer(Int64(ordinal)), .integer(state)])
        }
        try await insertRows(connection, table: "run_file", columns: ["run_id", "ordinal", "file_state_id"], rows: links)
        try await insertRows(connection, table: "estimator", columns: ["run_id"] + HistorySchema.estimatorColumns,
                             rows: run.estimators.map { [.integer(id)] + HistoryRows.estimator($0) })
        return id
    }

    /// The ids of the states among `digests` the store already has.
    private static func knownStates(_ digests: [String], _ connection: PostgresConnection) async throws -> [String: Int64] {
        guard !digests.isEmpty else { return [:] }
        var bindings = PostgresBindings()
        bindings.append(digests)
        let query = PostgresQuery(unsafeSQL: "SELECT digest, id FROM file_state WHERE digest = ANY($1)", binds: bindings)
        var states: [String: Int64] = [:]
        for try await (digest, id) in try await connection.query(query, logger: logger).decode((String, Int64).self) { states[digest] = id }
        return states
    }

    /// `rows` into `table`, as many per statement as the parameter limit allows.
    private static func insertRows(_ connection: PostgresConnection, table: String, columns: [String], rows: [[HistoryValue]]) async throws {
        let perStatement = max(1, parametersPerStatement / columns.count)
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + perStatement)]
            var tuples: [String] = []
            tuples.reserveCapacity(batch.count)
            for index in 0..<batch.count { tuples.append("(\(placeholders(columns.count, from: index * columns.count + 1)))") }
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings(batch.flatMap { $0 })), logger: logger)
            start += batch.count
        }
    }

    // MARK: - Schema

    /// Applies the migrations this store lacks, in one transaction under an advisory lock.
    private static func migrate(_ connection: PostgresConnection) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7314251608)", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS docharness_migrations (identifier TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)",
                                       logger: logger)
            let applied = Set(try await rows(connection, "SELECT identifier FROM docharness_migrations").compactMap { $0.first?.string })
            let known = Set(HistorySchema.migrations.map(\.identifier))
            if !applied.isSubset(of: known) {
                throw HistoryError("this history store was written by a newer docharness; upgrade docharness to use it")
            }
            for migration in HistorySchema.migrations where !applied.contains(migration.identifier) {
                for statement in migration.postgres.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(PostgresQuery(unsafeSQL: "INSERT INTO docharness_migrations (identifier, applied_at) VALUES ($1, $2)",
                                                         binds: bindings([.text(migration.identifier), .real(Date().timeIntervalSince1970)])), logger: logger)
            }
        }
    }

    // MARK: - Plumbing

    /// Runs `body` on a new connection, closed afterwards; errors said in the store's words.
    private func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        } catch {
            throw HistoryError("\(location): cannot connect: \(Self.describe(error))")
        }
        do {
            let value = try await body(connection)
            try? await connection.close()
            return value
        } catch {
            try? await connection.close()
            if let error = error as? HistoryError { throw HistoryError("\(location): \(error.description)") }
            throw HistoryError("\(location): \(Self.describe(error))")
        }
    }

    /// Every row of a query, each cell read as a `HistoryValue`.
    private static func rows(_ connection: PostgresConnection, _ sql: String, _ values: [HistoryValue] = []) async throws -> [[HistoryValue]] {
        var result: [[HistoryValue]] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings(values)), logger: logger) {
            result.append(try row.map(value))
        }
        return result
    }

    private static func value(_ cell: PostgresCell) throws -> HistoryValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8, .numeric: return .real(try cell.decode(Double.self))
        default: return .text(try cell.decode(String.self))
        }
    }

    private static func bindings(_ values: [HistoryValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .text(let text): bindings.append(text)
            }
        }
        return bindings
    }

    private static func placeholders(_ count: Int, from first: Int) -> String {
        (first..<first + count).map { "$\($0)" }.joined(separator: ", ")
    }

    /// The server's message (`PSQLError` prints only its code), or the error.
    private static func describe(_ error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            return describe(error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error)
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return "PostgreSQL: " + message }
            return "PostgreSQL: \(error.code)" + (error.underlying.map { " (\($0))" } ?? "")
        }
        if let error = error as? HistoryError { return error.description }
        return "\(error)"
    }
}
