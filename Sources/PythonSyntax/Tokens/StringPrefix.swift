/// The prefix letters of a string literal (`r`, `b`, `u`, `f` and their valid pairs).
public struct StringPrefix: Sendable, Hashable {
    /// `r`: backslashes are literal.
    public var isRaw: Bool
    /// `b`: a bytes literal.
    public var isBytes: Bool
    /// `f`: a formatted string literal.
    public var isFormat: Bool

    /// Parses prefix bytes; nil when they are not a valid prefix (e.g. `ub`, `bf`, `x`).
    public init?(_ letters: ArraySlice<UInt8>) {
        isRaw = false
        isBytes = false
        isFormat = false
        guard letters.count <= 2 else { return nil }
        var sawUnicode = false
        for letter in letters {
            switch letter | 0x20 {
            case UInt8(ascii: "r"):
                if isRaw { return nil }
                isRaw = true
            case UInt8(ascii: "b"):
                if isBytes || isFormat { return nil }
                isBytes = true
            case UInt8(ascii: "f"):
                if isFormat || isBytes { return nil }
                isFormat = true
            case UInt8(ascii: "u"):
                if sawUnicode { return nil }
                sawUnicode = true
            default:
                return nil
            }
        }
        if sawUnicode && letters.count > 1 { return nil }
    }
}
