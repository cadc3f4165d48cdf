import ArgumentParser
import Foundation
import LLMClient
import Generation
import Tokenization

/// How `eval` and `generate` ask for docstrings: the model, the prompt, the safe zone and the
/// estimator that sizes `max_tokens`, which symbols, and how many requests at once.
struct GenerationOptions: ParsableArguments {
    @Option(help: "The model named in requests.")
    var model = "gpt-4o-mini"

    @Option(name: .customLong("prompt-template"), help: "A prompt template file (default: the bundled docstring-v1).")
    var promptTemplate: String?

    @Option(name: .customLong("safe-zone"), help: "Prompt + max_tokens never exceeds this.")
    var safeZone = 22_800

    @Option(help: "Tokens kept back for estimation error.")
    var buffer = 100

    @Option(help: "The estimator that sizes max_tokens (\(EstimatorCatalog.names.joined(separator: ", "))).")
    var estimator = "chat"

    @Option(name: .customLong("regenerate-below"), help: "Generate for symbols scoring below this (and for undocumented ones).")
    var regenerateBelow = 70.0

    @Option(help: "Requests in flight at once.")
    var concurrency = 4

    @Option(name: .customLong("response-format"), help: "How to ask for the answer's JSON shape: json_schema (OpenAI, Azure, vLLM, Ollama), json_object (llama.cpp's server) or prompt (the schema in the prompt). A server that refuses one form gets the next.")
    var responseFormat: StructuredOutput = .jsonSchema

    @Option(name: .customLong("max-response-tokens"), help: "The most max_tokens asked for, below what the safe zone leaves (default: all of it).")
    var maxResponseTokens: Int?

    @Option(name: .customLong("api-key-env"), help: "The environment variable holding the API key (default: OPENAI_API_KEY, or AZURE_OPENAI_API_KEY for an Azure deployment). The key is sent to the server and written nowhere.")
    var apiKeyVariable: String?

    @Option(name: .customLong("max-wait"), help: "The longest Retry-After to honour, in seconds; a server asking for longer fails the request with what it asked (default 60).")
    var maxWait: Double = 60

    func validate() throws {
        if !(maxWait >= 0 && maxWait <= 86_400) { throw ValidationError("--max-wait must be 0…86400 seconds, got \(maxWait)") }
        if safeZone <= buffer { throw ValidationError("--safe-zone must exceed --buffer") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let maxResponseTokens, maxResponseTokens < 1 { throw ValidationError("--max-response-tokens must be at least 1") }
        if !EstimatorCatalog.names.contains(estimator) { throw ValidationError("--estimator must be one of \(EstimatorCatalog.names.joined(separator: ", "))") }
    }

    /// The API key from the environment, if the variable is set and not empty.
    func apiKey(azure: Bool = false) -> String? {
        let name = apiKeyVariable ?? (azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY")
        return ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The retry policy, with `--max-wait`.
    var retryPolicy: RetryPolicy { RetryPolicy(maximumWait: maxWait) }

    /// The budget `--safe-zone` and `--buffer` set.
    var budget: SafeZoneBudget { SafeZoneBudget(safeZone: safeZone, buffer: buffer) }

    /// `--prompt-template`, else the bundled template.
    func template() throws(PromptTemplate.ParseError) -> PromptTemplate {
        if let promptTemplate { return try PromptTemplate.load(path: promptTemplate) }
        return try PromptTemplate.bundled()
    }
}

extension StructuredOutput: ExpressibleByArgument {}
