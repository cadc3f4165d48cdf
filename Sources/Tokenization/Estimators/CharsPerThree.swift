/// A more cautious character rule, often used for code.
public struct CharsPerThree: TokenEstimator {
    public static let name = "chars/3"
    public static let summary = "characters (Unicode code points) divided by 3, rounded up: a cautious rule for code and non-English text"

    public init() {}

    public func estimate(_ text: String) -> Int {
        (text.unicodeScalars.count + 2) / 3
    }

    /// A place after a multiple of 3 scalars, so the chunks' rounded-up counts add up exactly.
    public func safeCut(inUTF8 bytes: [UInt8]) -> Int? {
        ScalarCountCut.lastCut(in: bytes, multipleOf: 3)
    }
}
