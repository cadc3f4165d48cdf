import Foundation

/// A program run to its end: standard input from bytes, standard output and error collected in
/// temporary files rather than pipes, so no amount of output can fill a pipe and stall it. The
/// one way the tool runs another program (git, pip, a user's estimator); started by
/// `SpawnedProcess`. The status of a program a signal ended is 128 + the signal's number.
public enum ChildProcess {
    /// How a run ended.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// Everything written to standard output.
        public var standardOutput: [UInt8]
        /// Everything written to standard error.
        public var standardError: [UInt8]
        /// Seconds from start to exit.
        public var seconds: Double

        /// The last non-empty line of standard error, for a one-line message.
        public var lastErrorLine: String {
            String(decoding: standardError, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        }
    }

    /// Runs `executable` (a path: `/usr/bin/env` finds a program on `PATH`) with `arguments`.
    public static func run(_ executable: String, _ arguments: [String], input: [UInt8] = []) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docharness-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ["stdin", "stdout", "stderr"].map { folder.appendingPathComponent($0) }
        try Data(input).write(to: files[0])
        for file in files.dropFirst() { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let started = ContinuousClock.now
        // posix_spawn and wait4, not Foundation's Process: a program that leaves a helper running
        // (a user's estimator starting a daemon) would keep Process waiting (see SpawnedProcess).
        let child = try SpawnedProcess(URL(fileURLWithPath: executable), arguments, standardInput: files[0],
                                       standardOutput: files[1], standardError: files[2])
        let status = child.waitForExit()
        let elapsed = ContinuousClock.now - started
        return Result(status: status, standardOutput: Array(try Data(contentsOf: files[1])),
                      standardError: Array(try Data(contentsOf: files[2])),
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
