/// The document `docharness symbols --format json` prints: every file with its symbols and
/// diagnostics.
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

extension Symbol {
    enum CodingKeys: String, CodingKey {
        case kind, qualname, line, endLine, docstring, docstringLine, parameters, returns, decorators, bases
        case isAsync, raises, reraises, returnsValue, yields, complexity
    }

    /// Encodes every field, writing `null` for absent optional ones so that the shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(qualname, forKey: .qualname)
        try container.encode(line, forKey: .line)
        try container.encode(endLine, forKey: .endLine)
        try container.encode(docstring, forKey: .docstring)
        try container.encode(docstringLine, forKey: .docstringLine)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(returns, forKey: .returns)
        try container.encode(decorators, forKey: .decorators)
        try container.encode(bases, forKey: .bases)
        try container.encode(isAsync, forKey: .isAsync)
        try container.encode(raises, forKey: .raises)
        try container.encode(reraises, forKey: .reraises)
        try container.encode(returnsValue, forKey: .returnsValue)
        try container.encode(yields, forKey: .yields)
        try container.encode(complexity, forKey: .complexity)
    }
}

extension Parameter {
    enum CodingKeys: String, CodingKey {
        case name, kind, annotation, `default`
    }

    /// Encodes every field, writing `null` for an absent annotation or default.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(annotation, forKey: .annotation)
        try container.encode(self.default, forKey: .default)
    }
}

extension Reraise {
    enum CodingKeys: String, CodingKey {
        case handler, line
    }

    /// Encodes every field, writing `null` for a bare `except:` handler.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(handler, forKey: .handler)
        try container.encode(line, forKey: .line)
    }
}
