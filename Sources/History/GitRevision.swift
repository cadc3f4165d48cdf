import Files
import Foundation

/// The commit and branch a run was made on: `git` in the current folder, and on a detached
/// checkout (what CI checks out) the branch CI names in its environment.
public struct GitRevision: Sendable, Hashable {
    /// The commit's full hash, nil outside a git work tree.
    public var commit: String?
    /// The branch, nil when neither git nor CI names one.
    public var branch: String?

    /// Creates a revision.
    public init(commit: String?, branch: String?) {
        self.commit = commit
        self.branch = branch
    }

    /// The environment variables CI systems name the branch in, first found wins: GitHub Actions
    /// (a pull request's head, then the ref), GitLab, Buildkite, CircleCI, Jenkins.
    static let branchVariables = ["GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "BUILDKITE_BRANCH", "CIRCLE_BRANCH", "BRANCH_NAME"]

    /// The revision of the work tree around the current folder.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> GitRevision {
        let commit = git(["rev-parse", "HEAD"])
        var branch = git(["rev-parse", "--abbrev-ref", "HEAD"])
        if branch == "HEAD" { branch = nil }
        if branch == nil {
            branch = branchVariables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        return GitRevision(commit: commit, branch: branch)
    }

    /// `git`'s one-line answer, nil when git is missing or fails.
    private static func git(_ arguments: [String]) -> String? {
        guard let result = try? ChildProcess.run("/usr/bin/env", ["git"] + arguments), result.status == 0 else { return nil }
        let text = String(decoding: result.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
