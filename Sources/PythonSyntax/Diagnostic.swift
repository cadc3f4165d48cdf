/// A problem found while reading or parsing a Python file.
///
/// Diagnostics never abort processing: the file that produced one is still returned
/// (with no symbols when CPython would reject it), and other files are unaffected.
public struct Diagnostic: Error, Sendable, Hashable, Codable {
    /// The stable code of a parsing diagnostic (`DH0xx`).
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The file is not valid Python (CPython's `SyntaxError`, `IndentationError`, `TabError`).
        case syntaxError = "DH001"
        /// The bytes could not be decoded with the declared (or default UTF-8) encoding.
        case decodingError = "DH002"
        /// The file holds NUL bytes, so it is binary, not Python source.
        case binaryFile = "DH003"
        /// The file could not be read at all (missing, a directory, no permission).
        case unreadableFile = "DH004"
    }

    /// The diagnostic's code.
    public var code: Code
    /// One sentence saying what is wrong and, where there is one, how to fix it.
    public var message: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column in Unicode scalars, or 0 when the problem concerns the whole file.
    public var column: Int

    /// Creates a diagnostic.
    public init(code: Code, message: String, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    /// The `path:line:col: CODE message` form printed to standard error.
    public func formatted(path: String) -> String {
        "\(path):\(line):\(column): \(code.rawValue) \(message)"
    }
}
