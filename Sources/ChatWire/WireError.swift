/// A body that is valid JSON but not the wire shape expected, with the JSON path of the fault.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the body, as a JSON path (`messages[2].role`).
    public var path: String
    /// What was expected.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}
