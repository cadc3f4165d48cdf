import Files
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
        // A revision is never an option: `--changed-since=--output=/tmp/x` made git write a file.
        guard !revision.isEmpty, !revision.hasPrefix("-") else {
            throw GitError(description: "--changed-since \(revision): a git revision (a branch, tag or commit) cannot be empty or start with '-'")
        }
        let root = try git(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let diff = try git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", commit, "--"])
        return parse(gitDiff: diff, revision: revision, root: root)
    }

    /// Runs `git arguments…` and returns its standard output.
    static func git(_ arguments: [String]) throws(GitError) -> String {
        let result: ChildProcess.Result
        do {
            result = try ChildProcess.run("/usr/bin/env", ["git"] + arguments)
        } catch {
            throw GitError(description: "--changed-since needs git: \(error.localizedDescription)")
        }
        guard result.status == 0 else {
            let message = String(decoding: result.standardError, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw GitError(description: "git \(arguments.joined(separator: " ")) failed: \(message); check that --changed-since names a revision of this repository")
        }
        return String(decoding: result.standardOutput, as: UTF8.self)
    }
}
