import ChatWire
import Files
import Foundation

/// A team's own token estimator as a program: it reads one chat-completions request per line
/// (compact JSON, the model included) on standard input and writes one token count per line on
/// standard output, in order. `bench estimators --estimator-command` measures it beside the
/// built-in estimators on the same requests.
public struct CommandEstimator: Sendable {
    /// The shell command (run with `/bin/sh -c`).
    public let command: String

    /// Why the command's counts could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong and the fix.
        public var description: String
    }

    /// Creates an estimator running `command`.
    public init(command: String) {
        self.command = command
    }

    /// The name its row has in the table.
    public var name: String { "command: " + command }

    /// The command's count for each request, and the seconds the whole run took.
    public func estimates(_ requests: [ChatCompletionRequest]) throws(Failure) -> (counts: [Int], seconds: Double) {
        let input = requests.map { JSONWriter.string($0.json) + "\n" }.joined()
        let result: ChildProcess.Result
        do {
            result = try ChildProcess.run("/bin/sh", ["-c", command], input: Array(input.utf8))
        } catch {
            throw Failure(description: "--estimator-command '\(command)': \(error.localizedDescription)")
        }
        guard result.status == 0 else {
            throw Failure(description: "--estimator-command '\(command)' exited with status \(result.status): \(result.lastErrorLine)")
        }
        var text = String(decoding: result.standardOutput, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        let lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var counts: [Int] = []
        for line in lines.prefix(requests.count) {
            guard let count = Int(line) else {
                throw Failure(description: "--estimator-command '\(command)': output line \(counts.count + 1) is '\(line)', not a token count; write one integer per request line")
            }
            counts.append(count)
        }
        guard counts.count == requests.count else {
            throw Failure(description: "--estimator-command '\(command)' wrote \(counts.count) counts for \(requests.count) requests; write one line per request line")
        }
        return (counts, result.seconds)
    }
}
