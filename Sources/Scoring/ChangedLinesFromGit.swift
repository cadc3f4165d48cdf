import Foundation

extension ChangedLines {
    /// Why the changed lines could not be read from git.
    public struct GitError: Error, Sendable, CustomStringConvertible {
        /// What failed and the fix.
        public var description: String
    }

    /// The lines changed since `revision` in the git repository around the current folder:
    /// `git diff --unified=0` against the work tree, with paths made absolute from the repository
    /// root.
    public static func since(revision: String) throws(GitError) -> ChangedLines {
        let root = try git(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let diff = try git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", revision, "--"])
        return parse(gitDiff: diff, revision: revision, root: root)
    }

    /// Runs `git arguments…` and returns its standard output.
    static func git(_ arguments: [String]) throws(GitError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw GitError(description: "--changed-since needs git: \(error.localizedDescription)")
        }
        // Standard error is read on another thread so that neither pipe can fill and stall git.
        let errorBytes = ErrorPipeReader(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errorBytes.wait(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitError(description: "git \(arguments.joined(separator: " ")) failed: \(errorText.trimmingCharacters(in: .whitespacesAndNewlines)); check that --changed-since names a revision of this repository")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Reads a pipe to its end on its own thread.
private final class ErrorPipeReader: @unchecked Sendable {
    private var bytes = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            bytes = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return bytes
    }
}
