import Synchronization

/// Replay scoped to one cassette: a request that names its cassette (a scope) matches only that
/// cassette's recordings, with episode counters of its own, so identical requests recorded by two
/// tests answer each test with its own recording. Requests that name none share the global engine
/// over every cassette, as before scopes existed.
///
/// A scope is a cassette's path relative to the folder it was loaded from, with or without its
/// extension (`test_models/test_summary` for `cassettes/test_models/test_summary.json`); a file
/// given by itself is also named by its path as given.
public final class ReplayScopes: Sendable {
    /// Why a scope name was refused.
    public struct InvalidName: Error, CustomStringConvertible {
        /// The name as given.
        public var name: String
        /// What is wrong and what would be accepted.
        public var description: String
    }

    /// The engine of requests that name no cassette: every cassette, one pool.
    public let global: ReplayEngine
    /// The folders (and files) the cassettes were loaded from, in order; a scope with no cassette
    /// yet is recorded into the first folder.
    public let roots: [String]
    private let byName: [String: Cassette]
    private let matcher: RequestMatcher
    private let mode: ReplayEngine.Mode
    private let engines = Mutex<[String: ReplayEngine]>([:])
    private let empty: ReplayEngine

    /// Creates the scopes over `cassettes`, loaded from `roots`.
    public init(cassettes: [Cassette], roots: [String], matcher: RequestMatcher = RequestMatcher(), mode: ReplayEngine.Mode = .strict) {
        global = ReplayEngine(cassettes: cassettes, matcher: matcher, mode: mode)
        empty = ReplayEngine(cassettes: [], matcher: matcher, mode: mode, counters: global.counters)
        self.roots = roots
        self.matcher = matcher
        self.mode = mode
        var byName: [String: Cassette] = [:]
        for cassette in cassettes {
            for name in Self.names(of: cassette.path, roots: roots) where byName[name] == nil {
                byName[name] = cassette
            }
        }
        self.byName = byName
    }

    /// The names a cassette file answers to: relative to each root folder that holds it, and as
    /// given; each with and without its extension.
    static func names(of path: String, roots: [String]) -> [String] {
        var names = [path]
        for root in roots {
            let folder = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(folder) { names.append(String(path.dropFirst(folder.count))) }
        }
        return names.flatMap { name in [name, withoutExtension(name)] }
    }

    static func withoutExtension(_ name: String) -> String {
        for suffix in [".json", ".yaml", ".yml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// Checks a scope name a client sent: a relative path of printable characters (test names
    /// hold `[`, `+`, `:`, quotes and more; not `\`, `?`, `#` or control characters), no empty,
    /// `.` or `..` segment, at most 512 bytes. One pass over the bytes: it runs on every scoped
    /// request.
    public static func validate(_ name: String) throws(InvalidName) {
        var count = 0
        var segmentLength = 0
        var segmentDots = 0
        var badSegment = false
        for byte in name.utf8 {
            count += 1
            guard allowedBytes[Int(byte)] else {
                throw InvalidName(name: name, description: "cassette name `\(name.prefix(80))` must be 1–512 printable characters, without `\\`, `?` or `#`")
            }
            if byte == UInt8(ascii: "/") {
                if segmentLength == 0 || segmentLength == segmentDots && segmentDots <= 2 { badSegment = true }
                segmentLength = 0
                segmentDots = 0
            } else {
                segmentLength += 1
                if byte == UInt8(ascii: ".") { segmentDots += 1 }
            }
        }
        if segmentLength == 0 || segmentLength == segmentDots && segmentDots <= 2 { badSegment = true }
        guard count > 0, count <= 512 else {
            throw InvalidName(name: name, description: "cassette name `\(name.prefix(80))` must be 1–512 printable characters, without `\\`, `?` or `#`")
        }
        if badSegment {
            throw InvalidName(name: name, description: "cassette name `\(name.prefix(80))` must be a relative path without empty, `.` or `..` segments")
        }
    }

    /// The bytes a scope name may hold: printable ASCII but `\`, `?` and `#`, and UTF-8 beyond ASCII.
    private static let allowedBytes: [Bool] = (0 ..< 256).map { byte in
        (0x20 ..< 0x7F).contains(byte) && !"\\?#".utf8.contains(UInt8(byte)) || byte >= 0x80
    }

    /// The cassette a scope names, if one was loaded.
    public func cassette(named name: String) -> Cassette? {
        byName[name] ?? byName[Self.withoutExtension(name)]
    }

    /// One scope, looked up once: its cassette if loaded, the engine that matches it, and the
    /// file its recordings go to.
    public struct Resolved: Sendable {
        /// The cassette the name names, if one was loaded.
        public var cassette: Cassette?
        /// The scope's engine.
        public var engine: ReplayEngine
        /// Its cassette's file, else `NAME.json` (or `NAME` when it has an extension) in the first
        /// folder the cassettes were loaded from.
        public var recordingFile: String
    }

    /// Looks a scope up: one search of the names, the engine built on first use.
    public func resolve(_ name: String) -> Resolved {
        guard let cassette = cassette(named: name) else {
            let folder = roots.first ?? "."
            let file = Self.withoutExtension(name) == name ? name + ".json" : name
            return Resolved(cassette: nil, engine: empty, recordingFile: (folder.hasSuffix("/") ? folder : folder + "/") + file)
        }
        return Resolved(cassette: cassette, engine: engine(of: cassette), recordingFile: cassette.path)
    }

    /// The engine of one scope (built on first use, one per loaded cassette); every scope with no
    /// cassette shares one engine with no recordings, so names a client makes up cost no memory.
    public func engine(for name: String) -> ReplayEngine {
        cassette(named: name).map(engine(of:)) ?? empty
    }

    private func engine(of cassette: Cassette) -> ReplayEngine {
        let key = cassette.path
        if let engine = engines.withLock({ $0[key] }) { return engine }
        let built = ReplayEngine(cassettes: [cassette], matcher: matcher, mode: mode, counters: global.counters)
        return engines.withLock { engines in
            if let existing = engines[key] { return existing }
            engines[key] = built
            return built
        }
    }

    /// Starts one scope's episodes over (or every scope's and the global engine's, for nil).
    public func reset(scope: String?) {
        if let scope {
            engine(for: scope).reset(counters: false)
        } else {
            global.reset()
            for engine in engines.withLock({ Array($0.values) }) { engine.reset(counters: false) }
        }
    }

    /// The recordings no engine has served, by cassette file; only `scope`'s cassette when given.
    public func unused(scope: String?) -> [InteractionSource] {
        var served = global.servedSources
        for engine in engines.withLock({ Array($0.values) }) { served.formUnion(engine.servedSources) }
        let candidates: [InteractionSource]
        if let scope {
            guard let cassette = cassette(named: scope) else { return [] }
            candidates = cassette.interactions.indices.map { cassette.source(of: $0) }
        } else {
            candidates = global.sources
        }
        return candidates.filter { !served.contains($0) }
    }
}
