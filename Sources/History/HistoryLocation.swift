/// Where a history is kept: a SQLite file or a PostgreSQL database.
public enum HistoryLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file (created when missing).
    case sqlite(path: String)
    /// A PostgreSQL database, by `postgres://user:password@host:port/database` URL.
    case postgres(url: String)

    /// The store `--history` and `history = true` mean.
    public static let defaultPath = ".docharness/history.sqlite"

    /// The location a `--history` value or a `history` key names: a `postgres://` or
    /// `postgresql://` URL, else a file.
    public init(_ text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Whether a command-line word names a store rather than a path to check: a database URL or
    /// a `.sqlite`/`.sqlite3`/`.db` file.
    public static func looksLikeStore(_ word: String) -> Bool {
        let lowered = word.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
            || [".sqlite", ".sqlite3", ".db"].contains { lowered.hasSuffix($0) }
    }

    /// The location for messages, with any password in a URL masked.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return Self.masked(url)
        }
    }

    /// `url` with the password between `:` and `@` of its authority replaced by `***`.
    static func masked(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return url }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<scheme.upperBound]) + credentials[..<colon] + ":***" + rest[at...]
    }

    /// Opens (creating and migrating when needed) the store.
    public func open() async throws(HistoryError) -> any HistoryStore {
        switch self {
        case .sqlite(let path):
            return try SQLiteHistoryStore(path: path)
        case .postgres(let url):
            return try await PostgresHistoryStore(url: url)
        }
    }
}
