/// One of the four things a docstring is scored on.
public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Everything the code says should be documented is (`DH0xx`, `DH1xx`).
    case completeness
    /// The prose is clear: summary, mood, no placeholders, readable (`DH2xx`).
    case clarity
    /// The docstring follows the project's style and PEP 257 layout (`DH3xx`).
    case style
    /// The docstring's detail fits the function's complexity and signature (`DH4xx`).
    case complexity

    public static func < (lhs: Dimension, rhs: Dimension) -> Bool {
        lhs.index < rhs.index
    }

    /// The position in `allCases` (for per-dimension arrays).
    public var index: Int {
        switch self {
        case .completeness: 0
        case .clarity: 1
        case .style: 2
        case .complexity: 3
        }
    }

    /// The heading used in tables.
    public var title: String {
        switch self {
        case .completeness: "Completeness"
        case .clarity: "Clarity"
        case .style: "Style"
        case .complexity: "Complexity match"
        }
    }
}
