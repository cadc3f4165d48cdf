/// Sizes the response budget so that prompt + `max_tokens` never crosses the safe zone.
///
/// `max_tokens = safe zone − estimated prompt − buffer`. When less than the minimum response is
/// left, context is dropped in whole units (class context first, then the body) until the
/// minimum fits; when it still does not, what is left is sent if it is positive, with an
/// error-level note that the input must be trimmed, and the symbol is skipped when nothing is.
public struct SafeZoneBudget: Sendable, Hashable, Codable {
    /// The most tokens prompt + response may use (default 22,800).
    public var safeZone: Int
    /// Tokens kept back for estimation error (default 100).
    public var buffer: Int
    /// The smallest response worth asking for (default 500).
    public var minimumResponse: Int

    /// Creates a budget.
    public init(safeZone: Int = 22_800, buffer: Int = 100, minimumResponse: Int = 500) {
        self.safeZone = safeZone
        self.buffer = buffer
        self.minimumResponse = minimumResponse
    }

    /// What to do with one prompt.
    public enum Decision: Sendable, Hashable {
        /// Send with this `max_tokens`, having dropped these units; `mustTrim` when even the
        /// smallest prompt leaves less than the minimum response.
        case send(maxTokens: Int, estimatedPrompt: Int, dropped: [PromptUnit], mustTrim: Bool)
        /// Nothing is left for a response even with every droppable unit gone.
        case skip(estimatedPrompt: Int, dropped: [PromptUnit])
    }

    /// The response budget left for a prompt of `estimatedPrompt` tokens.
    public func responseBudget(forPrompt estimatedPrompt: Int) -> Int {
        safeZone - estimatedPrompt - buffer
    }

    /// Whether a request crosses the safe zone: the prompt tokens the server counted plus the
    /// `max_tokens` sent exceed it. The one definition of a crossing: eval's compliance, its
    /// JUnit safe-zone suite and the estimator benchmark all use it.
    public func crosses(promptTokens: Int, maxTokens: Int) -> Bool {
        promptTokens + maxTokens > safeZone
    }

    /// Decides for a prompt whose estimate, with a given set of units dropped, is
    /// `estimate(dropped)`. Units are dropped in the order given.
    public func decide(droppable units: [PromptUnit], estimate: (_ dropped: [PromptUnit]) -> Int) -> Decision {
        var dropped: [PromptUnit] = []
        var prompt = estimate(dropped)
        var remaining = units[...]
        while responseBudget(forPrompt: prompt) < minimumResponse, let next = remaining.popFirst() {
            dropped.append(next)
            prompt = estimate(dropped)
        }
        let budget = responseBudget(forPrompt: prompt)
        if budget >= minimumResponse { return .send(maxTokens: budget, estimatedPrompt: prompt, dropped: dropped, mustTrim: false) }
        if budget > 0 { return .send(maxTokens: budget, estimatedPrompt: prompt, dropped: dropped, mustTrim: true) }
        return .skip(estimatedPrompt: prompt, dropped: dropped)
    }
}

/// A part of a prompt that may be left out to make room for the response, in the order it is
/// dropped.
public enum PromptUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// The enclosing class's header, attributes and method signatures.
    case classContext = "class_context"
    /// The symbol's source.
    case source
}
