#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Files

/// Where vocabulary files live: `$DOCHARNESS_CACHE_DIR`, else `$XDG_CACHE_HOME/docharness`, else
/// `~/.cache/docharness`. Every file is checked against its published SHA-256 when loaded.
public struct VocabularyStore: Sendable {
    /// The cache folder.
    public let directory: String

    /// The store the environment names.
    public init(environment: [String: String]) {
        if let explicit = environment["DOCHARNESS_CACHE_DIR"], !explicit.isEmpty {
            directory = explicit
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            directory = xdg + "/docharness"
        } else {
            directory = (environment["HOME"] ?? ".") + "/.cache/docharness"
        }
    }

    /// A store in a given folder.
    public init(directory: String) {
        self.directory = directory
    }

    /// The path of an encoding's file.
    public func path(for encoding: EncodingName) -> String {
        directory + "/" + encoding.fileName
    }

    /// Loads and verifies an encoding's vocabulary.
    public func load(_ encoding: EncodingName) throws(VocabularyError) -> Vocabulary {
        let path = path(for: encoding)
        let bytes = try Self.read(path, encoding: encoding)
        let actual = SHA256.hex(bytes)
        guard actual == encoding.sha256 else { throw .hashMismatch(encoding: encoding, path: path, actual: actual) }
        return try Vocabulary.parse(bytes, encoding: encoding)
    }

    /// Whether an encoding's file is present with the published hash.
    public func verify(_ encoding: EncodingName) -> Result<Void, VocabularyError> {
        let path = path(for: encoding)
        do {
            let bytes = try Self.read(path, encoding: encoding)
            let actual = SHA256.hex(bytes)
            return actual == encoding.sha256 ? .success(()) : .failure(.hashMismatch(encoding: encoding, path: path, actual: actual))
        } catch {
            return .failure(error)
        }
    }

    /// Stores verified bytes as an encoding's file (atomically); refuses bytes with the wrong hash.
    public func install(_ bytes: [UInt8], as encoding: EncodingName) throws(VocabularyError) {
        let actual = SHA256.hex(bytes)
        let path = path(for: encoding)
        guard actual == encoding.sha256 else { throw .hashMismatch(encoding: encoding, path: "downloaded " + encoding.fileName, actual: actual) }
        Self.makeDirectories(directory)
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
    }

    static func read(_ path: String, encoding: EncodingName) throws(VocabularyError) -> [UInt8] {
        switch FileBytes.read(path: path) {
        case .success(let bytes): return bytes
        case .failure(let error) where error.isMissing: throw .missing(encoding: encoding, path: path)
        case .failure(let error): throw .unreadable(path: path, reason: error.reason)
        }
    }

    static func makeDirectories(_ path: String) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            mkdir(current, 0o755)
        }
    }
}
