import CLibXML2

/// Validates XML files against an XSD with libxml2's schema validator (the JUnit reports are
/// checked against `docs/schemas/junit.xsd` this way).
public final class XMLSchemaValidator {
    private let schema: xmlSchemaPtr

    /// An XSD that could not be loaded.
    public struct SchemaError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): not a valid XML schema" }
    }

    /// Loads and compiles an XSD.
    public init(schemaPath: String) throws {
        guard let parser = xmlSchemaNewParserCtxt(schemaPath) else { throw SchemaError(path: schemaPath) }
        defer { xmlSchemaFreeParserCtxt(parser) }
        guard let schema = xmlSchemaParse(parser) else { throw SchemaError(path: schemaPath) }
        self.schema = schema
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// The problems found in `path`, as `line: message`; empty when the file is valid.
    public func validate(path: String) -> [String] {
        guard let context = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validation context"] }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ErrorCollector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlSchemaSetValidStructuredErrors(context, { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            collector.errors.append("\(error.pointee.line): \(message.trimmingTrailingNewlines())")
        }, box.toOpaque())
        let status = xmlSchemaValidateFile(context, path, 0)
        if status != 0 && collector.errors.isEmpty { collector.errors.append("validation failed with status \(status)") }
        return collector.errors
    }

    private final class ErrorCollector {
        var errors: [String] = []
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last == "\n" { copy.removeLast() }
        return copy
    }
}
