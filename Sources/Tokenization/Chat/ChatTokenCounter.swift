/// Counts the prompt tokens of a chat-completions request the way the server does.
///
/// The rule is the OpenAI cookbook's: every message costs 3 tokens plus its role, content and
/// name (a name costs 1 more), and the reply is primed with 3. On the real traffic of
/// `../shared/data/cassettes` the server counts one token less for reasoning models (o1, o3, o4,
/// gpt-5). docs/token-counting.md gives the measured agreement.
public struct ChatTokenCounter: Sendable {
    /// The encoding the counter uses.
    public let encoding: BPEEncoding

    /// Creates a counter for an encoding.
    public init(encoding: BPEEncoding) {
        self.encoding = encoding
    }

    /// Tokens per message, per name and for reply priming (the cookbook's constants).
    public static let tokensPerMessage = 3
    public static let tokensPerName = 1
    public static let replyPriming = 3

    /// Whether a model is a reasoning model, whose server count is one lower.
    public static func isReasoningModel(_ model: String) -> Bool {
        var name = model.lowercased()
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        if name.hasPrefix("ft:") { name = String(name.dropFirst(3)) }
        return name.hasPrefix("gpt-5") || name.hasPrefix("o1") || name.hasPrefix("o3") || name.hasPrefix("o4")
    }

    /// The prompt's token count.
    public func count(_ prompt: ChatPrompt) -> Int {
        var total = Self.replyPriming
        for message in prompt.messages {
            total += Self.tokensPerMessage + encoding.count(message.role)
            for part in message.text { total += encoding.count(part) }
            if let name = message.name { total += encoding.count(name) + Self.tokensPerName }
        }
        if let format = prompt.responseFormatText { total += encoding.count(format) }
        if Self.isReasoningModel(prompt.model) { total -= 1 }
        return total
    }
}
