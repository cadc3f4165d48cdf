import ChatWire
import Files
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
    private let sortedByRequest: Bool

    /// Opens a cassette file for appending (it is read when it exists). With `sortedByRequest`,
    /// interactions are kept in the order of their requests (method, path, canonical body) rather
    /// than the order they finished in, so concurrent recordings of the same run give the same
    /// file; identical requests keep their recorded order (their episodes).
    /// With `replacing`, what the file holds is ignored and the first append replaces it (record
    /// mode `all`); until then the old file stays as it was.
    public init(path: String, redaction: HeaderRedaction = .standard, sortedByRequest: Bool = false, replacing: Bool = false) throws(CassetteError) {
        self.path = path
        self.redaction = redaction
        self.sortedByRequest = sortedByRequest
        if !replacing, access(path, F_OK) == 0 {
            cassette = try CassetteLoader.load(file: path)
        } else {
            cassette = Cassette(path: path, interactions: [])
        }
    }

    /// The interactions written so far.
    public var interactions: [Interaction] { cassette.interactions }

    /// Adds an interaction and writes the file.
    public func append(_ interaction: Interaction) throws(CassetteError) {
        var index = cassette.interactions.endIndex
        if sortedByRequest {
            let matcher = RequestMatcher()
            let key = matcher.key(for: interaction.request).sortKey
            index = cassette.interactions.firstIndex { matcher.key(for: $0.request).sortKey > key } ?? cassette.interactions.endIndex
        }
        cassette.interactions.insert(interaction, at: index)
        cassette.lines.insert(nil, at: min(index, cassette.lines.count))
        try Self.writeAtomically(CassetteFormat.encode(cassette, redaction: redaction), to: path)
    }

    /// Writes bytes to a temporary file beside `path`, then renames it over `path`.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CassetteError) {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw CassetteError(file: path, line: nil, reason: "cannot be written (\(error.reason))", fix: "check that its folder exists, is writable and has free space")
        }
    }
}
