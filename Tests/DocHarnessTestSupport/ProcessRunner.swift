import Files
import Foundation

/// The outcome of running a child process.
public struct ProcessResult: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var standardOutput: String
    /// Everything written to standard error.
    public var standardError: String
}

/// Runs a child process to completion, collecting its output without deadlocking on full pipes.
public enum ProcessRunner {
    /// Runs `executable` with `arguments`; `environment` is added to this process's.
    public static func run(_ executable: URL, _ arguments: [String], currentDirectory: URL? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        // posix_spawn and waitpid, not Foundation's Process: see SpawnedProcess for why.
        let child = try SpawnedProcess(executable, arguments, currentDirectory: currentDirectory, environment: environment,
                                       standardOutput: outURL, standardError: errURL)
        let status = child.waitForExit()
        logCPU(of: child)
        return ProcessResult(
            status: status,
            standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// With `DOCHARNESS_CHILD_CPU_LOG=FILE`, each child's CPU seconds and command line are
    /// appended to FILE: where the test suite's time goes, child by child.
    static func logCPU(of child: SpawnedProcess) {
        guard let path = ProcessInfo.processInfo.environment["DOCHARNESS_CHILD_CPU_LOG"], let seconds = child.cpuSeconds else { return }
        let line = String(format: "%.2f\t", seconds) + child.commandLine.prefix(300) + "\n"
        // O_APPEND: tests run in parallel, and each line must land whole.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// Runs a process from async code without holding a thread of the cooperative pool: the wait
    /// happens on a thread of its own, so an in-process server the child talks to keeps serving.
    public static func runDetached(_ executable: URL, _ arguments: [String], currentDirectory: URL? = nil) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try run(executable, arguments, currentDirectory: currentDirectory) })
            }
            thread.start()
        }
    }

    /// Configures `process` to run `executable` with every descriptor above 2 closed (python3
    /// closes them and execs it, so the process keeps python's PID). For children that outlive
    /// the moment they are started — servers, upstreams: Foundation's `Process` does not mark the
    /// sockets it watches children through close-on-exec, so a long-lived child started while
    /// another test starts its own would hold that test's socket and keep its `waitUntilExit`
    /// waiting until the long-lived one ends — with the cooperative threads blocked in such
    /// waits, the tests can wait on each other for ever.
    public static func configureLongLived(_ process: Process, executable: URL, arguments: [String]) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import os, sys; os.closerange(3, 1 << 16); os.execv(sys.argv[1], sys.argv[1:])", executable.path] + arguments
    }

    /// Runs the `docharness` binary under test.
    public static func docharness(_ arguments: [String], currentDirectory: URL? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        try run(TestEnvironment.docharness, arguments, currentDirectory: currentDirectory, environment: environment)
    }
}
