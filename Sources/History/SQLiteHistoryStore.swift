import Files
import Foundation
import GRDB
import GRDBSQLite

/// The history in one SQLite file (`.docharness/history.sqlite` by default), through GRDB: WAL
/// journal, so `view` reads while a run records; a busy store is waited for, not failed.
public final class SQLiteHistoryStore: HistoryStore {
    private let database: DatabaseQueue
    /// The file.
    public let path: String

    /// Opens the store at `path`, creating it (and its folder) when missing, and migrates it.
    public init(path: String) throws(HistoryError) {
        self.path = path
        let folder = PathFolder.of(path)
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw HistoryError("\(path): cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.journalMode = .wal
        configuration.label = "docharness-history"
        // WAL with NORMAL sync: a crash never corrupts the store or leaves part of a run; a
        // power cut may lose the last run recorded.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            if try database.read({ db in try Self.migrator.hasBeenSuperseded(db) }) {
                throw HistoryError("\(path): this history store was written by a newer docharness; upgrade docharness to use it")
            }
            try Self.migrator.migrate(database)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError("\(path): \(Self.describe(error))")
        }
    }

    /// The migrations of `HistorySchema`, refusing a store a newer docharness wrote.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in HistorySchema.migrations {
            migrator.registerMigration(migration.identifier) { db in try db.execute(sql: migration.sqlite) }
        }
        return migrator
    }

    public func schemaVersion() async throws -> Int {
        try await database.read { db in try Self.migrator.appliedMigrations(db).count }
    }

    public func record(_ run: RunRecord) async throws -> Int64 {
        do {
            return try await database.write { db in try Self.insert(run, into: db) }
        } catch let error as HistoryError {
            throw HistoryError("\(path): \(error.description)")
        } catch {
            throw HistoryError("\(path): \(Self.describe(error))")
        }
    }

    /// Inserts the run and its rows through prepared statements, in the caller's transaction.
    /// Values are bound with SQLite's own calls: building GRDB's `StatementArguments` per row
    /// cost three times what SQLite did (measured on the standard library's 54,000 rows).
    private static func insert(_ run: RunRecord, into db: Database) throws -> Int64 {
        try db.execute(sql: insertSQL("run", HistorySchema.runColumns), arguments: arguments(HistoryRows.run(run)))
        let id = db.lastInsertedRowID
        let runID = HistoryValue.integer(id)
        let files = run.files
        let digests = ParallelMap.map(count: files.count) { files[$0].digest }
        let findState = try db.makeStatement(sql: "SELECT id FROM file_state WHERE digest = ?")
        let insertState = try db.makeStatement(sql: insertSQL("file_state", ["digest", "path"]))
        let link = try db.makeStatement(sql: insertSQL("run_file", ["run_id", "ordinal", "file_state_id"]))
        let symbol = try db.makeStatement(sql: insertSQL("symbol", ["file_state_id", "ordinal"] + HistorySchema.symbolColumns))
        let finding = try db.makeStatement(sql: insertSQL("finding", ["file_state_id", "ordinal"] + HistorySchema.findingColumns))
        for (ordinal, file) in files.enumerated() {
            let digest = HistoryValue.text(digests[ordinal])
            var stateID = try Int64.fetchOne(findState, arguments: arguments([digest]))
            if stateID == nil {
                try execute(insertState, [], [digest, .text(file.path)], db: db)
                let state = HistoryValue.integer(db.lastInsertedRowID)
                stateID = db.lastInsertedRowID
                var findingOrdinal = 0
                for (symbolOrdinal, record) in file.symbols.enumerated() {
                    try execute(symbol, [state, .integer(Int64(symbolOrdinal))], HistoryRows.symbol(record), db: db)
                    for item in record.findings {
                        try execute(finding, [state, .integer(Int64(findingOrdinal))], HistoryRows.finding(item, symbolOrdinal: symbolOrdinal), db: db)
                        findingOrdinal += 1
                    }
                }
                for item in file.fileFindings {
                    try execute(finding, [state, .integer(Int64(findingOrdinal))], HistoryRows.finding(item, symbolOrdinal: nil), db: db)
                    findingOrdinal += 1
                }
            }
            try execute(link, [runID, .integer(Int64(ordinal)), .integer(stateID!)], [], db: db)
        }
        let estimator = try db.makeStatement(sql: insertSQL("estimator", ["run_id"] + HistorySchema.estimatorColumns))
        for item in run.estimators {
            try execute(estimator, [runID], HistoryRows.estimator(item), db: db)
        }
        return id
    }

    /// Binds `keys` then `values` to `statement`'s parameters in order, and runs it once.
    private static func execute(_ statement: Statement, _ keys: [HistoryValue], _ values: [HistoryValue], db: Database) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var index: Int32 = 1
        for value in keys { bind(value, at: index, handle); index += 1 }
        for value in values { bind(value, at: index, handle); index += 1 }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    private static func bind(_ value: HistoryValue, at index: Int32, _ handle: OpaquePointer) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let integer): sqlite3_bind_int64(handle, index, integer)
        case .real(let real): sqlite3_bind_double(handle, index, real)
        case .text(let text):
            var text = text
            text.withUTF8 { bytes in
                guard let start = bytes.baseAddress, !bytes.isEmpty else {
                    sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
                    return
                }
                sqlite3_bind_text(handle, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), Int32(bytes.count), sqliteTransient)
            }
        }
    }

    /// SQLite's SQLITE_TRANSIENT: copy the bytes before the call returns.
    private static let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    public func runs(_ filter: RunFilter) async throws -> [RunRecord] {
        let (query, bound) = HistoryRows.runsQuery(filter) { _ in "?" }
        return try await read { db in
            try Row.fetchAll(db, sql: query, arguments: Self.arguments(bound)).map { row in
                let values = Self.values(row)
                return try HistoryRows.run(id: values[0].int.map(Int64.init) ?? 0, Array(values.dropFirst()))
            }
        }
    }

    public func run(id: Int64) async throws -> RunRecord? {
        try await read { db in
            let sql = "SELECT id, \(HistorySchema.runColumns.joined(separator: ", ")) FROM run WHERE id = ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [id]) else { return nil }
            var run = try HistoryRows.run(id: id, Array(Self.values(row).dropFirst()))
            let fileRows = try Row.fetchAll(db, sql: """
                SELECT file_state.id, file_state.path FROM run_file JOIN file_state ON file_state.id = run_file.file_state_id
                WHERE run_file.run_id = ? ORDER BY run_file.ordinal
                """, arguments: [id])
            let symbols = try db.makeStatement(sql: "SELECT \(HistorySchema.symbolColumns.joined(separator: ", ")) FROM symbol WHERE file_state_id = ? ORDER BY ordinal")
            let findings = try db.makeStatement(sql: "SELECT \(HistorySchema.findingColumns.joined(separator: ", ")) FROM finding WHERE file_state_id = ? ORDER BY ordinal")
            for file in fileRows {
                let state: Int64 = file[0], path: String = file[1]
                var record = FileRecord(path: path, symbols: try Row.fetchAll(symbols, arguments: [state]).map { HistoryRows.symbol(path: path, Self.values($0)) })
                for row in try Row.fetchAll(findings, arguments: [state]) {
                    let (ordinal, finding) = HistoryRows.finding(path: path, Self.values(row), symbols: record.symbols)
                    if let ordinal { record.symbols[ordinal].findings.append(finding) } else { record.fileFindings.append(finding) }
                }
                run.files.append(record)
            }
            run.estimators = try Row.fetchAll(
                db, sql: "SELECT \(HistorySchema.estimatorColumns.joined(separator: ", ")) FROM estimator WHERE run_id = ? ORDER BY source, estimator",
                arguments: [id]
            ).map { HistoryRows.estimator(Self.values($0)) }
            return run
        }
    }

    /// A read, with GRDB's errors said in the store's words.
    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch let error as HistoryError {
            throw HistoryError("\(path): \(error.description)")
        } catch {
            throw HistoryError("\(path): \(Self.describe(error))")
        }
    }

    private static func insertSQL(_ table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
    }

    private static func arguments(_ values: [HistoryValue]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let integer): integer.databaseValue
            case .real(let real): real.databaseValue
            case .text(let text): text.databaseValue
            }
        })
    }

    private static func values(_ row: Row) -> [HistoryValue] {
        row.databaseValues.map { value in
            switch value.storage {
            case .null: .null
            case .int64(let integer): .integer(integer)
            case .double(let real): .real(real)
            case .string(let text): .text(text)
            case .blob(let data): .text(String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// SQLite's message without GRDB's SQL echo.
    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
        }
        return "\(error)"
    }
}
