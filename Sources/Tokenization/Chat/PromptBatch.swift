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
    /// Time spent tokenizing what the templates rendered.
    public private(set) var tokenizing: Duration = .zero
    /// When measured: time spent building the templates' variables from the requests, and then
    /// rendering the templates over them, in a pass of their own (see `add`).
    public private(set) var buildingVariables: Duration = .zero
    public private(set) var rendering: Duration = .zero
    /// The renders and bytes of the measured pass.
    public private(set) var timedRenders = 0
    public private(set) var timedBytes = 0

    /// How many times the timed pass renders each request (the fastest pass counts).
    public static let timedPasses = 5

    public init() {}

    /// Renders and counts every request of `file`. With `timeRendering`, the file's requests are
    /// then rendered again in passes of their own, timed as wholes: building every request's
    /// variables (what `json.loads` does for a Python peer), then rendering over each and keeping
    /// only the length (the fastest of `timedPasses` passes) — what a peer's loop over the same requests does. Timing each render of
    /// the counting pass apart would add two clock reads to a few microseconds, and would measure
    /// the allocator handing out fresh pages for prompts that are kept and the pages the tokenizer
    /// gave back between renders.
    public mutating func add(_ file: RequestFile, counter: ChatTemplateCounter, timeRendering: Bool = false) {
        let clock = ContinuousClock()
        for entry in file.entries {
            let text: String
            do {
                text = try counter.render(entry.request)
            } catch {
                prompts.append(Prompt(line: entry.line, text: nil, tokens: nil, error: "\(error)"))
                continue
            }
            var tokens = 0
            tokenizing += clock.measure { tokens = counter.count(renderedPrompt: text) }
            prompts.append(Prompt(line: entry.line, text: text, tokens: tokens, error: nil))
        }
        guard timeRendering else { return }
        var variables: [ChatTemplateCounter.Variables] = []
        variables.reserveCapacity(file.entries.count)
        buildingVariables += clock.measure {
            for index in file.entries.indices { variables.append(counter.variables(for: file.entries[index].request)) }
        }
        // The best of a few passes: one pass over a file is milliseconds, where one pause of the
        // machine's would count as much as the renders.
        var bytes = 0
        var best = Duration.seconds(Int64.max)
        for _ in 0..<Self.timedPasses {
            bytes = 0
            best = min(best, clock.measure {
                for request in variables { bytes += (try? counter.render(request))?.utf8.count ?? 0 }
            })
        }
        rendering += best
        timedRenders += variables.count
        timedBytes += bytes
    }
}
