/// The lines each file changed since a git revision, read from `git diff --unified=0`.
public struct ChangedLines: Sendable, Equatable {
    /// Changed line ranges (new-file numbering) per absolute path.
    public var ranges: [String: [ClosedRange<Int>]]
    /// The revision compared against, for reports.
    public var revision: String

    /// Parses the output of `git diff --unified=0 --no-color --no-ext-diff REV`, run in the
    /// repository whose top-level folder is `root` (an absolute path).
    public static func parse(gitDiff: String, revision: String, root: String) -> ChangedLines {
        var ranges: [String: [ClosedRange<Int>]] = [:]
        var current: String?
        for line in gitDiff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") {
                let target = line.dropFirst(4)
                current = target == "/dev/null" ? nil
                    : ConfigurationLoader.normalized(root + "/" + (target.hasPrefix("b/") ? target.dropFirst(2) : target))
                if let current, ranges[current] == nil { ranges[current] = [] }
            } else if line.hasPrefix("@@"), let current {
                // @@ -a,b +c,d @@
                guard let plus = line.split(separator: " ").first(where: { $0.hasPrefix("+") }) else { continue }
                let numbers = plus.dropFirst().split(separator: ",")
                guard let start = Int(numbers[0]) else { continue }
                let count = numbers.count > 1 ? Int(numbers[1]) ?? 1 : 1
                if count > 0 { ranges[current, default: []].append(start ... start + count - 1) }
            }
        }
        return ChangedLines(ranges: ranges, revision: revision)
    }

    /// Whether any line of `lines` changed in `path`.
    public func touches(_ path: String, lines: [ClosedRange<Int>]) -> Bool {
        guard let changed = ranges[ConfigurationLoader.absolute(path)] else { return false }
        return changed.contains { range in lines.contains { $0.overlaps(range) } }
    }
}
