/// The exact count: the encoding's BPE, identical to tiktoken.
public struct ExactBPE: TokenEstimator {
    public static let name = "bpe"
    public static let summary = "the exact token count of the encoding, identical to tiktoken's encode_ordinary"

    let encoding: BPEEncoding

    public init(encoding: BPEEncoding) {
        self.encoding = encoding
    }

    public func estimate(_ text: String) -> Int {
        encoding.count(text)
    }

    /// Where the encoding's split pattern ends a piece whatever follows.
    public func safeCut(inUTF8 bytes: [UInt8]) -> Int? {
        encoding.safeCut(inUTF8: bytes)
    }
}
