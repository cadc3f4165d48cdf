/// The document `docharness symbols --format json` prints: every file with its symbols and
/// diagnostics. ``SymbolListingWriter`` writes it (streaming, absent values as `null`); this
/// type reads it back with `JSONDecoder`.
public struct SymbolListing: Sendable, Codable, Hashable {
    /// One entry per file, in the order the files were read.
    public var files: [File]

    /// Creates a listing.
    public init(files: [File]) {
        self.files = files
    }

    /// One file of the listing.
    public struct File: Sendable, Codable, Hashable {
        /// The path as given or found by the walk.
        public var path: String
        /// Symbols in source order, the module first; empty when the file has a diagnostic.
        public var symbols: [Symbol]
        /// Problems reading or parsing the file.
        public var diagnostics: [Diagnostic]

        /// Creates a file entry.
        public init(path: String, symbols: [Symbol], diagnostics: [Diagnostic]) {
            self.path = path
            self.symbols = symbols
            self.diagnostics = diagnostics
        }

        /// The entry for a parsed source file.
        public init(_ file: SourceFile) {
            self.init(path: file.path, symbols: file.symbols, diagnostics: file.diagnostics)
        }
    }
}
