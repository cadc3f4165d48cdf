import ChatWire
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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docharness-estimator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        let started = ContinuousClock.now
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // Files rather than pipes: a command that reads everything before writing cannot stall.
            let inputFile = folder.appendingPathComponent("requests.jsonl"), outputFile = folder.appendingPathComponent("counts")
            try Data(input.utf8).write(to: inputFile)
            _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
            process.standardOutput = try FileHandle(forWritingTo: outputFile)
            try process.run()
            process.waitUntilExit()
            let elapsed = ContinuousClock.now - started
            guard process.terminationStatus == 0 else {
                throw Failure(description: "--estimator-command '\(command)' exited with status \(process.terminationStatus)")
            }
            var text = String(decoding: try Data(contentsOf: outputFile), as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            let lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let counts = lines.prefix(requests.count).enumerated().map { index, line in (index, Int(line)) }
            if let bad = counts.first(where: { $0.1 == nil }) {
                throw Failure(description: "--estimator-command '\(command)': output line \(bad.0 + 1) is '\(lines[bad.0])', not a token count; write one integer per request line")
            }
            guard counts.count == requests.count else {
                throw Failure(description: "--estimator-command '\(command)' wrote \(counts.count) counts for \(requests.count) requests; write one line per request line")
            }
            return (counts.map { $0.1! }, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "--estimator-command '\(command)': \(error.localizedDescription)")
        }
    }
}
