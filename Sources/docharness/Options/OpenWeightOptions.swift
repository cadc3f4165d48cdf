import ArgumentParser
import Foundation
import Jinja
import Tokenization

/// Counting for an open-weight model served by llama.cpp and friends: its GGUF tokenizer, its chat
/// template (or another), and which server's rendering to reproduce.
struct OpenWeightOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Count as an open-weight model's server does: its tokenizer and chat template, read from its GGUF file or tokenizer.json (+ tokenizer_config.json), or a named model (phi4, gpt-oss) on its OpenAI vocabulary (the chat and bpe estimators use it).", valueName: "file.gguf|name"))
    var tokenizer: String?

    @Option(name: .customLong("chat-template"), help: ArgumentHelp("A Jinja chat template to render instead of the model's own.", valueName: "file.jinja"))
    var chatTemplate: String?

    @Option(name: .customLong("template-flavor"), help: "Whose rendering to reproduce: llama-cpp-python (its OpenAI-compatible server), llama-server (llama.cpp's own) or hf (transformers' apply_chat_template).")
    var templateFlavor: ChatTemplateCounter.Flavor = .llamaCppPython

    @Option(help: ArgumentHelp("The template's reasoning_effort (gpt-oss: low, medium or high; its template says medium when unset).", valueName: "level"))
    var reasoning: String?

    @Option(help: ArgumentHelp("The date strftime_now gives the template (gpt-oss and Llama 3.x write it into the prompt); today when unset.", valueName: "YYYY-MM-DD"))
    var date: String?

    func validate() throws {
        if tokenizer == nil, chatTemplate != nil || reasoning != nil || date != nil {
            throw ValidationError("--chat-template, --reasoning and --date need --tokenizer (the model whose tokens to count)")
        }
        if let date, JinjaDate(iso: date) == nil { throw ValidationError("--date \(date): write the date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM)") }
    }

    /// The loaded counter, or nil without `--tokenizer`.
    func load() throws(OpenWeightLoadError) -> ModelTokens? {
        guard let tokenizer else { return nil }
        var variables: [String: String] = [:]
        if let reasoning { variables["reasoning_effort"] = reasoning }
        return try ModelTokens.load(tokenizer: tokenizer, chatTemplate: chatTemplate, flavor: templateFlavor, date: date.flatMap(JinjaDate.init(iso:)),
                                    variables: variables, store: VocabularyStore(environment: ProcessInfo.processInfo.environment))
    }
}

extension ChatTemplateCounter.Flavor: ExpressibleByArgument {}
