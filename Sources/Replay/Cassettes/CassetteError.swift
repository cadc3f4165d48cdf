/// A cassette that cannot be read: the file, the line when known, what is wrong and what to do.
public struct CassetteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong.
    public var reason: String
    /// What to do about it.
    public var fix: String
    /// Whether the file is a broken cassette, or no HTTP cassette at all.
    public var kind: Kind

    /// Broken, or not a cassette.
    public enum Kind: Sendable, Equatable {
        /// A cassette (or a file that cannot be told apart from one) that cannot be read.
        case broken
        /// A file of another kind in a cassette folder (a fixture, a gRPC or websocket recording):
        /// folders skip it with a warning unless loading is strict.
        case notACassette
    }

    /// Creates an error.
    public init(file: String, line: Int?, reason: String, fix: String, kind: Kind = .broken) {
        self.file = file
        self.line = line
        self.reason = reason
        self.fix = fix
        self.kind = kind
    }

    public var description: String {
        (line.map { "\(file):\($0): " } ?? "\(file): ") + reason + " (" + fix + ")"
    }
}
