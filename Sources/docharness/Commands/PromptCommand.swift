import ArgumentParser
import Files
import Foundation
import Tokenization

/// `docharness prompt REQUESTS… --tokenizer MODEL`: what an open-weight model's server builds.
struct PromptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt",
        abstract: "Render chat-completions requests as an open-weight model's server does, and count their prompt tokens.",
        discussion: """
            Each file holds one request (JSON) or one per line (JSONL). The model's chat template renders the \
            messages and tools, and its tokenizer counts the text with special tokens by id: the server's \
            usage.prompt_tokens. --show prints each prompt; --timing renders the requests once more in a \
            pass of its own and prints (to standard error) the time per request spent building the template's \
            variables, rendering over them, and tokenizing.
            """
    )

    @Argument(help: "Request files (JSON, or JSONL with one request per line).")
    var files: [String]

    @OptionGroup(title: "Open-weight models") var openWeight: OpenWeightOptions

    @Flag(help: "Print each rendered prompt before its count.")
    var show = false

    @Flag(help: "Print the time spent rendering and tokenizing to standard error.")
    var timing = false

    func validate() throws {
        if openWeight.tokenizer == nil { throw ValidationError("name the model with --tokenizer FILE.gguf (or phi4, gpt-oss)") }
    }

    func run() throws {
        var standardError = StandardError()
        let counter: ChatTemplateCounter
        do {
            guard let chat = try openWeight.load()?.chat else { throw ExitCode(ExitStatus.usageError) }
            counter = chat
        } catch {
            print("error: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
        var batch = PromptBatch()
        var failed = false
        for path in files {
            let bytes: [UInt8]
            switch FileBytes.read(path: path) {
            case .success(let read): bytes = read
            case .failure(let error):
                print("error: \(error)", to: &standardError)
                failed = true
                continue
            }
            let file = RequestFile(bytes: bytes)
            for problem in file.problems { print("\(path):\(problem.line): \(problem.reason)", to: &standardError) }
            let first = batch.prompts.count
            batch.add(file, counter: counter, timeRendering: timing)
            for prompt in batch.prompts[first...] {
                if show, let text = prompt.text { print("== \(path):\(prompt.line)\n\(text)") }
                if let tokens = prompt.tokens { print("\(tokens) \(path):\(prompt.line)") } else { print("\(path):\(prompt.line): the template refused the request: \(prompt.error ?? "")", to: &standardError) }
            }
            failed = failed || !file.problems.isEmpty || batch.prompts[first...].contains { $0.tokens == nil }
        }
        let counted = batch.prompts.compactMap(\.tokens)
        if counted.count > 1 { print("\(counted.reduce(0, +)) total (\(counted.count) requests)") }
        if timing, !counted.isEmpty {
            func each(_ duration: Duration, _ count: Int) -> String { String(format: "%.2f µs", duration / .microseconds(1) / Double(max(count, 1))) }
            print("rendered \(batch.timedRenders) prompts in \(batch.rendering) (\(each(batch.rendering, batch.timedRenders)) each, \(batch.timedBytes / max(batch.timedRenders, 1)) bytes); "
                  + "built their variables in \(batch.buildingVariables) (\(each(batch.buildingVariables, batch.timedRenders)) each); "
                  + "tokenized in \(batch.tokenizing) (\(each(batch.tokenizing, counted.count)) each)", to: &standardError)
        }
        if failed { throw ExitCode(ExitStatus.unreadableInput) }
    }
}
