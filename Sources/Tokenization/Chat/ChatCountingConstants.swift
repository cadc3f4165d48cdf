import ChatWire

/// The constants of chat counting that are fitted rather than known: what the server adds around
/// tool definitions, tool calls and response formats beyond the text DocHarness renders for them.
///
/// A count is `ChatCountTerms.base + Σ constant × term` (`ChatCountTerms.features`, in
/// `ChatCountingConstants.names` order). `fitted` holds the values `docharness bench estimators
/// --fit` finds on all the recorded traffic; docs/token-counting.md gives the fit and its
/// leave-one-project-out validation.
public struct ChatCountingConstants: Sendable, Hashable, Codable {
    /// Added when a request defines tools or functions.
    public var toolsDefined: Int
    /// Added when a request defining tools also has a system message.
    public var toolsWithSystem: Int
    /// Added for the gpt-5 family when tools are defined (its tools preamble).
    public var gpt5Tools: Int
    /// Added per tool call in the history.
    public var toolCall: Int
    /// Added per assistant turn that made several calls at once (`multi_tool_use.parallel`).
    public var parallelToolCallTurn: Int
    /// Added per tool call in the history for the gpt-5 family (its channel headers).
    public var gpt5ToolCall: Int
    /// Added per assistant message for the gpt-5 family.
    public var gpt5Assistant: Int
    /// Added when a request has a JSON schema response format.
    public var responseFormat: Int
    /// Added when a JSON schema response format comes with tools.
    public var responseFormatWithTools: Int
    /// Added when a JSON schema response format is sent to a reasoning model (o-series, gpt-5).
    public var responseFormatReasoning: Int
    /// Added when `tool_choice` (or `function_call`) names the function to call.
    public var toolChoiceNamed: Int
    /// Added when `tool_choice` is `required`.
    public var toolChoiceRequired: Int

    /// Creates a set of constants.
    public init(toolsDefined: Int, toolsWithSystem: Int, gpt5Tools: Int, toolCall: Int, parallelToolCallTurn: Int, gpt5ToolCall: Int,
                gpt5Assistant: Int, responseFormat: Int, responseFormatWithTools: Int, responseFormatReasoning: Int,
                toolChoiceNamed: Int, toolChoiceRequired: Int) {
        self.toolsDefined = toolsDefined
        self.toolsWithSystem = toolsWithSystem
        self.gpt5Tools = gpt5Tools
        self.toolCall = toolCall
        self.parallelToolCallTurn = parallelToolCallTurn
        self.gpt5ToolCall = gpt5ToolCall
        self.gpt5Assistant = gpt5Assistant
        self.responseFormat = responseFormat
        self.responseFormatWithTools = responseFormatWithTools
        self.responseFormatReasoning = responseFormatReasoning
        self.toolChoiceNamed = toolChoiceNamed
        self.toolChoiceRequired = toolChoiceRequired
    }

    /// What each constant multiplies, by its position in `values` and `ChatCountTerms.features`.
    public enum Term: Int, CaseIterable, Sendable {
        case toolsDefined, toolsWithSystem, gpt5Tools, toolCall, parallelToolCallTurn, gpt5ToolCall,
             gpt5Assistant, responseFormat, responseFormatWithTools, responseFormatReasoning, toolChoiceNamed, toolChoiceRequired
    }

    /// The constants' names, in `values` order.
    public static let names = Term.allCases.map { "\($0)" }

    /// The values, in `names` order.
    public var values: [Int] {
        get {
            [toolsDefined, toolsWithSystem, gpt5Tools, toolCall, parallelToolCallTurn, gpt5ToolCall, gpt5Assistant, responseFormat,
             responseFormatWithTools, responseFormatReasoning, toolChoiceNamed, toolChoiceRequired]
        }
        set {
            precondition(newValue.count == Self.names.count, "one value per constant")
            self = Self(toolsDefined: newValue[0], toolsWithSystem: newValue[1], gpt5Tools: newValue[2], toolCall: newValue[3],
                        parallelToolCallTurn: newValue[4], gpt5ToolCall: newValue[5], gpt5Assistant: newValue[6], responseFormat: newValue[7],
                        responseFormatWithTools: newValue[8], responseFormatReasoning: newValue[9], toolChoiceNamed: newValue[10],
                        toolChoiceRequired: newValue[11])
        }
    }

    /// All zero: the rendering alone (the starting point of a fit).
    public static let zero = Self(toolsDefined: 0, toolsWithSystem: 0, gpt5Tools: 0, toolCall: 0, parallelToolCallTurn: 0, gpt5ToolCall: 0,
                                  gpt5Assistant: 0, responseFormat: 0, responseFormatWithTools: 0, responseFormatReasoning: 0,
                                  toolChoiceNamed: 0, toolChoiceRequired: 0)

    /// The values fitted for an API's requests in their chat form: chat completions (`fitted`),
    /// the Responses API (`responsesFitted`), the Messages API (`messagesFitted`, an estimate:
    /// Claude's tokenizer is stood in for).
    public static func fitted(for api: WireAPI) -> Self {
        switch api {
        case .chatCompletions: fitted
        case .responses: responsesFitted
        case .messages: messagesFitted
        }
    }

    /// The values fitted on both data folders (docs/token-counting.md).
    public static let fitted = Self(toolsDefined: 9, toolsWithSystem: -5, gpt5Tools: 86, toolCall: 2, parallelToolCallTurn: -12, gpt5ToolCall: 4,
                                    gpt5Assistant: 2, responseFormat: 7, responseFormatWithTools: -7, responseFormatReasoning: -3,
                                    toolChoiceNamed: 3, toolChoiceRequired: -1)

    /// The values fitted on the Responses API requests of both data folders, in their chat form
    /// (docs/token-counting.md).
    public static let responsesFitted = Self(toolsDefined: 3, toolsWithSystem: -1, gpt5Tools: 6, toolCall: 2, parallelToolCallTurn: -23, gpt5ToolCall: 2,
                                             gpt5Assistant: 2, responseFormat: 1, responseFormatWithTools: 0, responseFormatReasoning: -1,
                                             toolChoiceNamed: 3, toolChoiceRequired: 8)

    /// The values fitted on the Messages API requests of both data folders, in their chat form
    /// counted with the stand-in encoding (docs/token-counting.md).
    public static let messagesFitted = Self(toolsDefined: 472, toolsWithSystem: -71, gpt5Tools: 0, toolCall: 64, parallelToolCallTurn: -89, gpt5ToolCall: 0,
                                            gpt5Assistant: 0, responseFormat: 134, responseFormatWithTools: 103, responseFormatReasoning: 0,
                                            toolChoiceNamed: -78, toolChoiceRequired: 34)
}

/// A prompt's count split into what is rendered and counted exactly (`base`) and how many times
/// each fitted constant applies (`features`, in `ChatCountingConstants.names` order).
public struct ChatCountTerms: Sendable, Hashable {
    /// The tokens of the rendered text and the known framing.
    public var base: Int
    /// How many times each constant applies.
    public var features: [Int]

    /// Terms that apply no constant yet.
    public static var none: ChatCountTerms { ChatCountTerms(base: 0, features: [Int](repeating: 0, count: ChatCountingConstants.Term.allCases.count)) }

    /// How many times the constant of `term` applies.
    public subscript(term: ChatCountingConstants.Term) -> Int {
        get { features[term.rawValue] }
        set { features[term.rawValue] = newValue }
    }

    /// Creates terms.
    public init(base: Int, features: [Int]) {
        self.base = base
        self.features = features
    }

    /// The count with `constants`.
    public func count(with constants: ChatCountingConstants) -> Int {
        zip(features, constants.values).reduce(base) { $0 + $1.0 * $1.1 }
    }
}
