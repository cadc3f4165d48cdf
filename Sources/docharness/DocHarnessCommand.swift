import ArgumentParser
import Foundation

/// The `docharness` command line: argument parsing and wiring only.
@main
struct DocHarnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docharness",
        abstract: "Score Python docstrings, replay LLM traffic offline, and report for CI.",
        discussion: """
            Exit codes: 0 passed, 1 the gate failed, 2 usage or configuration error, \
            3 some input could not be read.
            """,
        version: docharnessVersionLine,
        subcommands: [EvalCommand.self, CheckCommand.self, GenerateCommand.self, ServeCommand.self, BenchCommand.self, TokensCommand.self, PromptCommand.self, EncodingsCommand.self, SymbolsCommand.self, RuleCommand.self, RunsCommand.self, CompareCommand.self, ViewCommand.self]
    )

    /// Runs the command; usage errors exit with 2 (ArgumentParser's default is 64).
    static func main() async {
        // A reader that goes away (`docharness check | head`) makes writes to standard output fail
        // with EPIPE instead of killing the process before its report files are written.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot(HistoryOptions.normalized(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                try? FileHandle.standardError.write(contentsOf: Data((message + "\n").utf8))
                Foundation.exit(ExitStatus.usageError)
            }
            exit(withError: error)
        }
    }
}

/// Process exit codes shared by every command.
enum ExitStatus {
    static let passed: Int32 = 0
    static let gateFailed: Int32 = 1
    static let usageError: Int32 = 2
    static let unreadableInput: Int32 = 3
}
