/// OpenAI's rule of thumb: one token is about four characters of English.
public struct CharsPerFour: TokenEstimator {
    public static let name = "chars/4"
    public static let summary = "characters (Unicode code points) divided by 4, rounded up: OpenAI's rule of thumb for English"

    public init() {}

    public func estimate(_ text: String) -> Int {
        (text.unicodeScalars.count + 3) / 4
    }

    /// A place after a multiple of 4 scalars, so the chunks' rounded-up counts add up exactly.
    public func safeCut(inUTF8 bytes: [UInt8]) -> Int? {
        ScalarCountCut.lastCut(in: bytes, multipleOf: 4)
    }
}
