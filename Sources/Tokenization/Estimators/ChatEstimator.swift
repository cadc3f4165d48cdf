/// The exact chat-format count of a request's prompt (`ChatTokenCounter`); for plain text, the
/// exact BPE count.
public struct ChatEstimator: TokenEstimator {
    public static let name = "chat"
    public static let summary = "the exact prompt tokens of a chat request: the cookbook's per-message rule on the model's encoding, calibrated on recorded usage"

    let counter: ChatTokenCounter

    public init(encoding: BPEEncoding) {
        counter = ChatTokenCounter(encoding: encoding)
    }

    public func estimate(_ text: String) -> Int {
        counter.encoding.count(text)
    }

    /// Where the encoding's split pattern ends a piece whatever follows.
    public func safeCut(inUTF8 bytes: [UInt8]) -> Int? {
        counter.encoding.safeCut(inUTF8: bytes)
    }

    public func estimate(prompt: ChatPrompt) -> Int {
        counter.count(prompt)
    }
}
