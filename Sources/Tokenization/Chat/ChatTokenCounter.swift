/// Counts the prompt tokens of a chat-completions request the way the server does.
///
/// The rule is the OpenAI cookbook's: every message costs 3 tokens plus its role, content and
/// name (a name costs 1 more), and the reply is primed with 3. On the real traffic of
/// `../shared/data/cassettes` the server counts one token less for reasoning models (o1, o3, o4,
/// gpt-5). Tool definitions (`ChatPrompt.functionsText`) and a JSON schema response format
/// (`ChatPrompt.responseFormatText`) are counted with constants fitted on that traffic.
/// docs/token-counting.md gives the measured agreement.
public struct ChatTokenCounter: Sendable {
    /// The encoding the counter uses.
    public let encoding: BPEEncoding

    /// Creates a counter for an encoding.
    public init(encoding: BPEEncoding) {
        self.encoding = encoding
        constants = .fitted
    }

    /// Tokens per message (the cookbook's constant).
    public static let tokensPerMessage = 3
    /// Tokens added for a message's `name`.
    public static let tokensPerName = 1
    /// Tokens priming the reply.
    public static let replyPriming = 3

    /// The fitted constants it counts chat-completions prompts with (`ChatCountingConstants.fitted`
    /// unless given); prompts for the Responses and Messages APIs get their API's fitted ones.
    public var constants: ChatCountingConstants

    /// Creates a counter for an encoding with other constants (a fit's candidate).
    public init(encoding: BPEEncoding, constants: ChatCountingConstants) {
        self.encoding = encoding
        self.constants = constants
    }

    /// Whether a model is a reasoning model, whose server count is one lower.
    public static func isReasoningModel(_ model: String) -> Bool {
        isReasoning(baseName: baseName(model))
    }

    static func isReasoning(baseName name: String) -> Bool {
        name.hasPrefix("gpt-5") || name.hasPrefix("o1") || name.hasPrefix("o3") || name.hasPrefix("o4")
    }

    /// The model's name without a router prefix or `ft:`, lowercased.
    static func baseName(_ model: String) -> String {
        var name = model.lowercased()
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        if name.hasPrefix("ft:") { name = String(name.dropFirst(3)) }
        return name
    }

    /// The prompt's token count.
    public func count(_ prompt: ChatPrompt) -> Int {
        terms(prompt).count(with: prompt.api == .chatCompletions ? constants : .fitted(for: prompt.api))
    }

    /// The prompt's count before the fitted constants: the rendered text and known framing, and
    /// how many times each constant applies.
    public func terms(_ prompt: ChatPrompt) -> ChatCountTerms {
        var terms = ChatCountTerms.none
        let base = Self.baseName(prompt.model)
        // The search-preview models count the messages' text alone: no per-message framing, no
        // priming (exact on both recorded search requests, which were 7 over before).
        if base.contains("search-preview") {
            terms.base = prompt.messages.reduce(0) { $0 + $1.text.reduce(0) { $0 + encoding.count($1) } }
            return terms
        }
        // gpt-3.5-turbo-0301 frames each message with 4 tokens and a name replaces the role
        // (the cookbook's rule for that snapshot: tokens_per_message 4, tokens_per_name -1).
        let legacy = base.hasPrefix("gpt-3.5-turbo-0301")
        // Azure's `gpt-35-turbo` names no snapshot: deployments of 0301 and of 0613 or later answer
        // to it alike, and their responses say `gpt-35-turbo` either way. Each message is counted
        // with the larger of the two framings, so the estimate is under for neither: 4 tokens, and
        // a name adds its own tokens (0301: 4 − 1, later: 3 + 1). The one recorded Azure request
        // (dd-trace-py, September 2023) counts as 0301: 1 under with the later framing.
        let unversionedAzure = base == "gpt-35-turbo"
        var total = Self.replyPriming
        // With tools, the server puts the definitions after the first system message, which then
        // ends with a line break (docs/token-counting.md).
        var systemNewlinePending = prompt.functionsText != nil
        var hasSystem = false
        let gpt5 = base.hasPrefix("gpt-5")
        let reasoning = Self.isReasoning(baseName: base)
        for message in prompt.messages {
            total += (legacy || unversionedAzure ? 4 : Self.tokensPerMessage) + encoding.count(message.author ?? message.role)
            if gpt5, message.role == "assistant" { terms[.gpt5Assistant] += 1 }
            if legacy, message.name != nil { total -= 2 }
            if unversionedAzure, message.name != nil { total -= 1 }
            if message.role == "system" || message.role == "developer" {
                hasSystem = true
                if systemNewlinePending, message.text.count == 1 {
                    total += encoding.count(message.text[0] + "\n")
                    systemNewlinePending = false
                    if let name = message.name { total += encoding.count(name) + Self.tokensPerName }
                    continue
                }
            }
            for part in message.text { total += encoding.count(part) }
            if let name = message.name { total += encoding.count(name) + Self.tokensPerName }
        }
        terms[.toolCall] = prompt.toolCallCount
        terms[.parallelToolCallTurn] = prompt.parallelToolCallTurns
        if gpt5 { terms[.gpt5ToolCall] = prompt.toolCallCount }
        if let functions = prompt.functionsText {
            total += encoding.count(functions)
            terms[.toolsDefined] = 1
            if hasSystem { terms[.toolsWithSystem] = 1 }
            if gpt5 { terms[.gpt5Tools] = 1 }
            if let forced = prompt.forcedFunction {
                total += encoding.count(" to=functions." + forced)
                terms[.toolChoiceNamed] = 1
            }
            if prompt.toolChoiceRequired { terms[.toolChoiceRequired] = 1 }
        }
        if let format = prompt.responseFormatText {
            total += encoding.count(format)
            terms[.responseFormat] = 1
            if prompt.functionsText != nil { terms[.responseFormatWithTools] = 1 }
            if reasoning { terms[.responseFormatReasoning] = 1 }
        }
        // o1-mini is counted as the cookbook says; the other reasoning models one lower.
        if reasoning, !base.hasPrefix("o1-mini") { total -= 1 }
        terms.base = total
        return terms
    }
}
