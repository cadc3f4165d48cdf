import ChatWire
import Jinja

/// Counts a chat request's prompt as an open-weight model's server does: its chat template
/// rendered over the request's messages (and tools), then the model's tokenizer over that text with
/// special tokens matched by id. How the template is rendered depends on the server
/// (``Flavor``); docs/token-counting.md has the measured table.
public struct ChatTemplateCounter: Sendable {
    /// Which server's rendering and counting to reproduce.
    public enum Flavor: String, Sendable, CaseIterable {
        /// llama-cpp-python's OpenAI-compatible server: Python jinja2 with `trim_blocks` and
        /// `lstrip_blocks`, Jinja2's own `tojson`, `tools`/`functions` passed as None when absent,
        /// the prompt tokenized without adding BOS (the template writes it).
        case llamaCppPython = "llama-cpp-python"
        /// Hugging Face transformers' `apply_chat_template`: the same environment with its `tojson`
        /// (`ensure_ascii=False`, keys in order); absent tools undefined; counted without added
        /// special tokens.
        case huggingFace = "hf"
        /// llama.cpp's own `llama-server` (build b11434, its own Jinja engine): tools only when
        /// sent, `enable_thinking` true, a leading BOS the template writes is dropped when the
        /// vocabulary adds one, and the prompt is tokenized with special tokens added (BOS).
        case llamaServer = "llama-server"

        /// Whether the server adds the vocabulary's special tokens (BOS) when it tokenizes the prompt.
        var addsSpecialTokens: Bool { self == .llamaServer }
    }

    /// The tokenizer.
    public let tokenizer: ModelTokenizer
    /// The flavor.
    public let flavor: Flavor
    /// The date `strftime_now` gives the template (gpt-oss and Llama 3.x write it into the prompt).
    public let date: JinjaDate
    let template: SendableTemplate

    /// A parsed template shared between threads: its nodes are immutable after parsing and
    /// literals are plain values, so rendering only reads them.
    struct SendableTemplate: @unchecked Sendable {
        let template: JinjaTemplate
        /// The variables every render of this counter shares (BOS/EOS, `strftime_now`, `variables`,
        /// the flavor's defaults), built once; the closures in it capture only immutable values.
        let shared: JinjaSharedVariables
    }

    /// A counter over the model's own template, or `templateSource` instead; `date` for
    /// `strftime_now` (today when nil), `variables` added to every render.
    public init(tokenizer: ModelTokenizer, templateSource: String? = nil, flavor: Flavor = .llamaCppPython,
                date: JinjaDate? = nil, variables: [String: String] = [:]) throws(ChatTemplateError) {
        guard let source = templateSource ?? tokenizer.chatTemplate else { throw .noTemplate(path: tokenizer.path) }
        self.tokenizer = tokenizer
        self.flavor = flavor
        self.date = date ?? .now()
        let environment = flavor == .llamaCppPython ? JinjaTemplate.Environment.llamaCppPython : .huggingFace
        do {
            var shared: [String: JinjaValue] = [
                "bos_token": .string(tokenizer.bosToken ?? ""),
                "eos_token": .string(tokenizer.eosToken ?? ""),
                "strftime_now": self.date.strftimeNow,
            ]
            if flavor == .llamaCppPython {
                for name in ["tools", "functions", "function_call", "tool_choice"] { shared[name] = JinjaValue.none }
            }
            if flavor == .llamaServer { shared["enable_thinking"] = .bool(true) }
            for (name, value) in variables { shared[name] = .string(value) }
            let parsed = try JinjaTemplate(source, environment: environment)
            template = SendableTemplate(template: parsed, shared: parsed.sharing(shared))
        } catch {
            throw .template(path: templateSource == nil ? tokenizer.path : "--chat-template", error)
        }
    }

    /// The variables a render of one request starts from (`messages`, `add_generation_prompt`,
    /// `tools`), as the template sees them: what Python's `json.loads` gives jinja2.
    public struct Variables: @unchecked Sendable {
        // Built from a request's values and never mutated after: strings, numbers and dictionaries
        // copied on write, so sharing them between threads only reads them.
        let list: [(name: String, value: JinjaValue)]
        /// The bytes of text in them (`JinjaValue.textBytes`), which sizes the prompt's buffer.
        let textBytes: Int

        init(_ list: [(name: String, value: JinjaValue)]) {
            self.list = list
            textBytes = JinjaTemplate.textBytes(of: list)
        }
    }

    /// The variables for a request's `messages` and `tools` (JSON as sent).
    public func variables(messages: JSONValue, tools: JSONValue?, addGenerationPrompt: Bool = true) -> Variables {
        var list: [(name: String, value: JinjaValue)] = [("messages", Self.jinja(messages)), ("add_generation_prompt", .bool(addGenerationPrompt))]
        if let tools { list.append(("tools", Self.jinja(tools))) }
        return Variables(list)
    }

    /// The variables for a chat-completions request.
    public func variables(for request: ChatCompletionRequest) -> Variables {
        var list: [(name: String, value: JinjaValue)] = [("messages", .array(request.messages.map(Self.jinja))), ("add_generation_prompt", .bool(true))]
        if let tools = request.tools { list.append(("tools", .array(tools.map { Self.jinja($0.json) }))) }
        return Variables(list)
    }

    /// The prompt text the server builds from a request's variables.
    public func render(_ variables: Variables) throws(ChatTemplateError) -> String {
        var text: String
        do {
            text = try template.template.render(variables: variables.list, shared: template.shared, textBytes: variables.textBytes)
        } catch {
            throw .template(path: tokenizer.path, error)
        }
        if flavor == .llamaServer, tokenizer.addsBOS, let bos = tokenizer.bosToken, !bos.isEmpty, text.utf8.starts(with: bos.utf8) {
            text = String(decoding: text.utf8.dropFirst(bos.utf8.count), as: UTF8.self)
        }
        return text
    }

    /// The prompt text the server builds for a request's `messages` and `tools` (JSON as sent).
    public func render(messages: JSONValue, tools: JSONValue?, addGenerationPrompt: Bool = true) throws(ChatTemplateError) -> String {
        try render(variables(messages: messages, tools: tools, addGenerationPrompt: addGenerationPrompt))
    }

    /// The prompt text the server builds for a chat-completions request.
    public func render(_ request: ChatCompletionRequest) throws(ChatTemplateError) -> String {
        try render(variables(for: request))
    }

    /// The prompt tokens of a chat-completions request.
    public func count(_ request: ChatCompletionRequest) throws(ChatTemplateError) -> Int {
        try count(ChatPrompt(request: request, model: request.model ?? ""))
    }

    /// The prompt tokens of a prompt: its request's messages and tools as sent, else its messages'
    /// roles and text.
    public func count(_ prompt: ChatPrompt) throws(ChatTemplateError) -> Int {
        let text: String
        if let request = prompt.request {
            text = try render(request)
        } else {
            text = try render(messages: .array(prompt.messages.map { message in
                .object([JSONMember("role", .string(message.role)), JSONMember("content", .string(message.text.joined(separator: "\n")))])
            }), tools: nil)
        }
        return count(renderedPrompt: text)
    }

    /// The tokens of a prompt this counter rendered, as the flavor's server tokenizes it.
    public func count(renderedPrompt text: String) -> Int {
        tokenizer.count(text, addSpecial: flavor.addsSpecialTokens, parseSpecial: true)
    }

    /// A message as the template sees it: `jinja(message.json)`, built without the JSON in between
    /// for the message almost every request has, a role and text content.
    static func jinja(_ message: ChatMessage) -> JinjaValue {
        guard let role = message.role, case .text(let text) = message.content, message.name == nil, message.toolCalls == nil,
              message.toolCallID == nil, message.functionCall == nil, message.additionalFields.isEmpty else {
            return jinja(message.json)
        }
        return .dictionary(JinjaDictionary([("role", .string(role)), ("content", .string(text))]))
    }

    /// A JSON value as the template sees it (Python's `json.loads` types).
    static func jinja(_ value: JSONValue) -> JinjaValue {
        switch value {
        case .null: return .none
        case .bool(let flag): return .bool(flag)
        case .number(let literal):
            if let integer = Int(literal) { return .int(integer) }
            return .double(Double(literal) ?? 0)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(jinja))
        case .object(let members):
            var dictionary = JinjaDictionary(minimumCapacity: members.count)
            for member in members { dictionary[member.key] = jinja(member.value) }
            return .dictionary(dictionary)
        }
    }
}

/// Why a chat template could not count a request.
public enum ChatTemplateError: Error, Sendable, CustomStringConvertible {
    /// The model file has no `tokenizer.chat_template` and none was given.
    case noTemplate(path: String)
    /// The template failed to parse or render.
    case template(path: String, JinjaError)

    public var description: String {
        switch self {
        case .noTemplate(let path): "\(path): the model has no chat template; pass one with --chat-template FILE"
        case .template(let path, let error): "\(path): chat template \(error)"
        }
    }
}
