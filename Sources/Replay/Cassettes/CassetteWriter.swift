import ChatWire
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends recorded interactions to one cassette file, one at a time: every write rewrites the
/// whole file to a temporary name and renames it, so a reader (or a crash) never sees half a file
/// and concurrent recordings never interleave.
public actor CassetteWriter {
    /// The file.
    public let path: String
    private let redaction: HeaderRedaction
    private var cassette: Cassette

    /// Opens a cassette file for appending (it is read when it exists).
    public init(path: String, redaction: HeaderRedaction = .standard) throws(CassetteError) {
        self.path = path
        self.redaction = redaction
        if access(path, F_OK) == 0 {
            cassette = try CassetteLoader.load(file: path)
        } else {
            cassette = Cassette(path: path, interactions: [])
        }
    }

    /// The interactions written so far.
    public var interactions: [Interaction] { cassette.interactions }

    /// Adds an interaction and writes the file.
    public func append(_ interaction: Interaction) throws(CassetteError) {
        cassette.interactions.append(interaction)
        cassette.lines.append(nil)
        try Self.writeAtomically(CassetteFormat.encode(cassette, redaction: redaction), to: path)
    }

    /// Writes bytes to a temporary file beside `path`, then renames it over `path`.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CassetteError) {
        let temporary = path + ".tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw CassetteError(file: path, line: nil, reason: "cannot be written (\(String(cString: strerror(errno))))", fix: "check that its folder exists and is writable")
        }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, bytes.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CassetteError(file: path, line: nil, reason: "could not be written completely", fix: "check the free disk space")
        }
    }
}
