/// The prompts a server builds for a file's requests and their token counts, with the time spent
/// rendering and tokenizing apart (`docharness prompt --timing`, and `make bench`'s ratios).
public struct PromptBatch: Sendable {
    /// One request's prompt, or why the template refused it.
    public struct Prompt: Sendable {
        public let line: Int
        public let text: String?
        public let tokens: Int?
        public let error: String?
    }

    public private(set) var prompts: [Prompt] = []
    /// Time spent rendering templates, and tokenizing what they rendered.
    public private(set) var rendering: Duration = .zero
    public private(set) var tokenizing: Duration = .zero

    public init() {}

    /// Renders and counts every request of `file`.
    public mutating func add(_ file: RequestFile, counter: ChatTemplateCounter) {
        let clock = ContinuousClock()
        for entry in file.entries {
            var text: String?
            var failure: String?
            rendering += clock.measure {
                do {
                    text = try counter.render(entry.request)
                } catch {
                    failure = "\(error)"
                }
            }
            guard let text else {
                prompts.append(Prompt(line: entry.line, text: nil, tokens: nil, error: failure))
                continue
            }
            var tokens = 0
            tokenizing += clock.measure { tokens = counter.count(renderedPrompt: text) }
            prompts.append(Prompt(line: entry.line, text: text, tokens: tokens, error: nil))
        }
    }
}
