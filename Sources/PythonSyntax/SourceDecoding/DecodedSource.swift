/// Python source text after PEP 263 decoding: UTF-8 bytes with every line ending
/// (`\r\n`, lone `\r`) turned into `\n`, as CPython's tokenizer sees it.
public struct DecodedSource: Sendable {
    /// The UTF-8 bytes of the decoded text, without a byte-order mark.
    public let bytes: [UInt8]
    /// The encoding the file was read with: the declared one, or `utf-8`.
    public let encoding: String
    /// Whether the file began with a UTF-8 byte-order mark.
    public let hadByteOrderMark: Bool

    /// Creates decoded source from bytes that are already UTF-8 with `\n` line endings.
    public init(bytes: [UInt8], encoding: String = "utf-8", hadByteOrderMark: Bool = false) {
        self.bytes = bytes
        self.encoding = encoding
        self.hadByteOrderMark = hadByteOrderMark
    }

    /// Creates decoded source from a Swift string (its line endings are normalized).
    public init(text: String) {
        self.init(bytes: SourceDecoder.normalizingNewlines(Array(text.utf8)))
    }
}
