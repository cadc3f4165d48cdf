import Replay
import Synchronization

/// The real cassette folders, loaded once per test process: a dozen tests read them, and each
/// load of both folders parsed 3,121 files again (about a minute of CPU per `make test`).
public enum SharedCassetteCache {
    private static let loaded = Mutex<[String: CassetteLoader.Loaded]>([:])

    /// `CassetteLoader.load(paths:strict:)`, remembered by its arguments.
    public static func load(paths: [String], strict: Bool) throws(CassetteError) -> CassetteLoader.Loaded {
        let key = (strict ? "strict\u{0}" : "lenient\u{0}") + paths.joined(separator: "\u{0}")
        if let cached = loaded.withLock({ $0[key] }) { return cached }
        let result = try CassetteLoader.load(paths: paths, strict: strict)
        loaded.withLock { $0[key] = result }
        return result
    }

    /// The cassettes of `paths`, strictly (a file that is no cassette is an error).
    public static func load(paths: [String]) throws(CassetteError) -> [Cassette] {
        try load(paths: paths, strict: true).cassettes
    }
}
