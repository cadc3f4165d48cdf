#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Files

/// One Python file, read and parsed: its symbols, comments and diagnostics.
///
/// Reading never throws. A file CPython would reject yields a diagnostic and no symbols;
/// every other file yields its module symbol and one symbol per class and function.
public struct SourceFile: Sendable {
    /// The path as given.
    public let path: String
    /// The decoded text, when decoding succeeded.
    public let text: SourceText?
    /// The encoding the file was read with.
    public let encoding: String?
    /// Every symbol in source order, the module first; empty when the file has an error.
    public let symbols: [Symbol]
    /// Every comment (suppressions are read from them).
    public let comments: [Comment]
    /// Problems found; at most one, since CPython stops at the first error.
    public let diagnostics: [Diagnostic]

    /// Whether the file was read and parsed without error.
    public var isValid: Bool { diagnostics.isEmpty }

    /// Reads and parses the file at `path`.
    public static func read(path: String) -> SourceFile {
        switch FileBytes.read(path: path) {
        case .success(let bytes):
            return parse(bytes: bytes, path: path)
        case .failure(let error):
            let message = error.reason.hasPrefix("is a directory") ? error.reason : "cannot read file: \(error.reason)"
            let diagnostic = Diagnostic(code: .unreadableFile, message: message, line: 0, column: 0)
            return SourceFile(path: path, text: nil, encoding: nil, symbols: [], comments: [], diagnostics: [diagnostic])
        }
    }

    /// Parses raw file bytes (PEP 263 decoding first).
    public static func parse(bytes: [UInt8], path: String) -> SourceFile {
        switch SourceDecoder.decode(bytes) {
        case .success(let decoded):
            return parse(decoded: decoded, path: path)
        case .failure(let diagnostic):
            return SourceFile(path: path, text: nil, encoding: nil, symbols: [], comments: [], diagnostics: [diagnostic])
        }
    }

    /// Parses Python source given as a string.
    public static func parse(source: String, path: String = "<string>") -> SourceFile {
        parse(decoded: DecodedSource(text: source), path: path)
    }

    /// Parses decoded source.
    public static func parse(decoded: DecodedSource, path: String) -> SourceFile {
        let stream = Tokenizer.tokenize(decoded)
        let text = SourceText(bytes: decoded.bytes, lineStarts: stream.lineStarts)
        var diagnostics: [Diagnostic] = []
        var symbols: [Symbol] = []
        if let error = stream.error {
            diagnostics.append(error)
        } else {
            var parser = StatementParser(tokens: stream.tokens, source: text)
            let module = parser.parseModule()
            if let error = parser.error ?? AdjacencyCheck.firstError(tokens: stream.tokens, source: text) {
                diagnostics.append(error)
            } else {
                var extractor = SymbolExtractor(tokens: stream.tokens, source: text)
                symbols = extractor.extract(module: module)
            }
        }
        return SourceFile(path: path, text: text, encoding: decoded.encoding, symbols: symbols,
                          comments: stream.comments, diagnostics: diagnostics)
    }
}
