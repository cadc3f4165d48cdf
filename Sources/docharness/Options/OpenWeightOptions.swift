import ArgumentParser
import Tokenization

/// Counting for an open-weight model served by llama.cpp and friends: its GGUF tokenizer, its chat
/// template (or another), and which server's rendering to reproduce.
struct OpenWeightOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Count as an open-weight model's server does: its tokenizer and chat template, read from its GGUF file (the chat and bpe estimators use it).", valueName: "file.gguf"))
    var tokenizer: String?

    @Option(name: .customLong("chat-template"), help: ArgumentHelp("A Jinja chat template to render instead of the model's own.", valueName: "file.jinja"))
    var chatTemplate: String?

    @Option(name: .customLong("template-flavor"), help: "Whose rendering to reproduce: llama-cpp-python (its OpenAI-compatible server) or hf (transformers' apply_chat_template).")
    var templateFlavor: ChatTemplateCounter.Flavor = .llamaCppPython

    func validate() throws {
        if tokenizer == nil, chatTemplate != nil { throw ValidationError("--chat-template needs --tokenizer (the model whose tokens to count)") }
    }

    /// The loaded counter, or nil without `--tokenizer`.
    func load() throws(OpenWeightLoadError) -> ModelTokens? {
        guard let tokenizer else { return nil }
        return try ModelTokens.load(tokenizer: tokenizer, chatTemplate: chatTemplate, flavor: templateFlavor)
    }
}

extension ChatTemplateCounter.Flavor: ExpressibleByArgument {}
