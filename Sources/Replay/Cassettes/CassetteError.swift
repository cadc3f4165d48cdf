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

    /// Creates an error.
    public init(file: String, line: Int?, reason: String, fix: String) {
        self.file = file
        self.line = line
        self.reason = reason
        self.fix = fix
    }

    public var description: String {
        (line.map { "\(file):\($0): " } ?? "\(file): ") + reason + " (" + fix + ")"
    }
}
