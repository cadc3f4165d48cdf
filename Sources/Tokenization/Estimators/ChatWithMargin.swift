/// The `chat` count plus a per-class margin (`ChatCountingMargins`): an estimate allowed to be
/// high but not lower than the server's count on traffic like the recorded one, for budgeting the
/// safe zone with a guarantee measured on projects the counting was not fitted to.
public struct ChatWithMargin: TokenEstimator {
    public static let name = "chat+margin"
    public static var summary: String {
        "chat plus the largest under-estimate it made on held-out projects, per request class (\(ChatCountingMargins.fitted.summary)): never under on the recorded traffic within the safe zone"
    }

    let counter: ChatTokenCounter
    /// The margins added to chat-completions prompts (the Responses and Messages APIs' prompts
    /// get their API's fitted margins).
    public let margins: ChatCountingMargins

    /// Creates the estimator for an encoding, with the fitted margins unless given.
    public init(encoding: BPEEncoding, margins: ChatCountingMargins = .fitted) {
        counter = ChatTokenCounter(encoding: encoding)
        self.margins = margins
    }

    /// Plain text: its exact count (the margin is a request's, added once per prompt; a file
    /// counted in chunks adds up as `chat`'s does).
    public func estimate(_ text: String) -> Int {
        counter.encoding.count(text)
    }

    public func safeCut(inUTF8 bytes: [UInt8]) -> Int? {
        counter.encoding.safeCut(inUTF8: bytes)
    }

    public func estimate(prompt: ChatPrompt) -> Int {
        counter.count(prompt) + (prompt.api == .chatCompletions ? margins : .fitted(for: prompt.api)).margin(for: prompt.countingClass)
    }
}
