import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` and waited for with `wait4`, bypassing
/// Foundation's `Process`.
///
/// Why: Foundation's `Process` learns that a child ended when a socket it shares with the child
/// closes, and it does not mark that socket close-on-exec — so the notification waits for every
/// process that inherited it. A program that leaves a helper running after it exits (Chromium's
/// crash handler, a user's estimator command that starts a daemon) keeps `waitUntilExit` waiting
/// for ever, and a long-lived child holds the sockets of children started after it. Here the child
/// gets only standard input (a file, or `/dev/null`), output and error (files); every other
/// descriptor is closed in it (`posix_spawn_file_actions_addclosefrom_np`), its signal mask is
/// cleared and SIGTERM, SIGINT, SIGPIPE and SIGCHLD are reset to their defaults (a parent that
/// blocks or ignores them does not pass that on), and `wait4` on its own pid returns when it exits,
/// whatever its descendants do.
public final class SpawnedProcess: Sendable {
    /// The child's process id.
    public let processIdentifier: pid_t
    /// The program and its arguments, for messages.
    public let commandLine: String
    /// The raw `waitpid` status once the child has been reaped.
    private let reaped = Mutex<Int32?>(nil)
    private let cpu = Mutex<Double?>(nil)

    /// The CPU seconds the child and the descendants it waited for used, once `waitForExit` has
    /// reaped it (nil before, and when `isRunning` reaped it).
    public var cpuSeconds: Double? { cpu.withLock { $0 } }

    /// Starts `executable` with `arguments`; `environment` is added to this process's. Standard
    /// input reads `standardInput` (`/dev/null` when nil); output and error replace the two files.
    public init(_ executable: URL, _ arguments: [String], currentDirectory: URL? = nil, environment: [String: String] = [:],
                standardInput: URL? = nil, standardOutput: URL, standardError: URL) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput?.path ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // glibc ≥ 2.34 has both; Swift's Glibc module does not export these GNU extensions.
        guard let closeFrom = Self.glibc("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self),
              let changeDirectory = Self.glibc("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self)
        else { throw SpawnError(message: "glibc 2.34 or newer is needed to start another program") }
        _ = closeFrom(&actions, 3)
        if let currentDirectory { _ = changeDirectory(&actions, currentDirectory.path) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw SpawnError(message: "cannot start \(executable.path): \(String(cString: strerror(status)))")
        }
        processIdentifier = pid
        commandLine = ([executable.path] + arguments).joined(separator: " ")
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// A glibc function by name, as a C function of type `type`.
    private static func glibc<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// Whether the child is still running (reaping it if it has ended).
    public var isRunning: Bool {
        reaped.withLock { reaped in
            if reaped != nil { return false }
            var status: Int32 = 0
            guard waitpid(processIdentifier, &status, WNOHANG) == processIdentifier else { return true }
            reaped = status
            return false
        }
    }

    /// Waits for the child to end and returns its exit status (128 + the signal's number when a
    /// signal ended it, as a shell reports it).
    @discardableResult
    public func waitForExit() -> Int32 {
        let status = reaped.withLock { reaped -> Int32 in
            if let reaped { return reaped }
            var status: Int32 = 0
            var usage = rusage()
            while wait4(processIdentifier, &status, 0, &usage) == -1 {
                if errno != EINTR { status = 0xff00; break }
            }
            reaped = status
            cpu.withLock { $0 = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6 }
            return status
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Ends the child with SIGKILL (it cannot be blocked or ignored) and reaps it.
    public func killAndWait() {
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitForExit()
    }
}

/// Why a program could not be started.
public struct SpawnError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the program.
    public var message: String
    public var description: String { message }
}
