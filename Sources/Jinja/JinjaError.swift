/// Why a template could not be parsed or rendered: the template's line, and what went wrong —
/// for an unsupported construct, its name.
public struct JinjaError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Sendable, Equatable {
        /// The template is not valid Jinja.
        case syntax
        /// Valid Jinja this engine does not implement (the message names the construct).
        case unsupported
        /// Rendering failed: an undefined member used, a wrong type, or `raise_exception`.
        case render
        /// The template called `raise_exception(message)`.
        case raised
    }

    public var kind: Kind
    /// The 1-based line in the template.
    public var line: Int
    public var message: String

    public init(_ kind: Kind, line: Int, _ message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    public var description: String {
        switch kind {
        case .syntax: "line \(line): syntax error: \(message)"
        case .unsupported: "line \(line): unsupported: \(message)"
        case .render: "line \(line): \(message)"
        case .raised: "line \(line): the template raised: \(message)"
        }
    }
}
