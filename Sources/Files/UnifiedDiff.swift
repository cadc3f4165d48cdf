/// A line diff (Myers' O(ND) algorithm) rendered as a unified diff with three lines of context.
public struct UnifiedDiff: Sendable {
    /// One edit script step.
    enum Step: Equatable {
        case same(Int, Int)
        case removed(Int)
        case inserted(Int)
    }

    /// The old lines.
    public let old: [String]
    /// The new lines.
    public let new: [String]
    let steps: [Step]

    /// Diffs two line lists.
    public init(old: [String], new: [String]) {
        self.old = old
        self.new = new
        self.steps = Self.script(old, new)
    }

    /// The number of removed plus inserted lines.
    public var editCount: Int {
        steps.reduce(0) { count, step in
            if case .same = step { return count }
            return count + 1
        }
    }

    /// The diff text with `---`/`+++` headers, or "" when the inputs are equal.
    public func rendered(oldName: String, newName: String, context: Int = 3, maximumLines: Int = 200) -> String {
        guard editCount > 0 else { return "" }
        var output = ["--- \(oldName)", "+++ \(newName)"]
        var index = 0
        var emitted = 0
        while index < steps.count {
            guard let change = steps[index...].firstIndex(where: { if case .same = $0 { return false } else { return true } }) else { break }
            let start = max(index, change - context)
            var end = change
            var lastChange = change
            while end < steps.count {
                if case .same = steps[end] {
                    if end - lastChange > 2 * context { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            end = min(steps.count, lastChange + context + 1)
            let hunk = steps[start..<end]
            let oldStart = hunk.compactMap { step -> Int? in
                switch step { case .same(let a, _), .removed(let a): return a; case .inserted: return nil }
            }.first ?? 0
            let newStart = hunk.compactMap { step -> Int? in
                switch step { case .same(_, let b), .inserted(let b): return b; case .removed: return nil }
            }.first ?? 0
            let oldCount = hunk.filter { if case .inserted = $0 { return false } else { return true } }.count
            let newCount = hunk.filter { if case .removed = $0 { return false } else { return true } }.count
            output.append("@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@")
            for step in hunk {
                if emitted >= maximumLines {
                    output.append("… (diff cut at \(maximumLines) lines)")
                    return output.joined(separator: "\n")
                }
                switch step {
                case .same(let a, _): output.append(" " + old[a])
                case .removed(let a): output.append("-" + old[a])
                case .inserted(let b): output.append("+" + new[b])
                }
                emitted += 1
            }
            index = end
        }
        return output.joined(separator: "\n")
    }

    /// The edit script: common prefix and suffix first, Myers on the middle (bounded: past 300
    /// edits the middle is reported as replaced, which keeps memory linear in practice).
    static func script(_ a: [String], _ b: [String]) -> [Step] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])
        var steps = (0..<prefix).map { Step.same($0, $0) }
        let middle = myers(middleA, middleB, limit: 300) ?? (middleA.indices.map { Step.removed($0) } + middleB.indices.map { Step.inserted($0) })
        for step in middle {
            switch step {
            case .same(let x, let y): steps.append(.same(x + prefix, y + prefix))
            case .removed(let x): steps.append(.removed(x + prefix))
            case .inserted(let y): steps.append(.inserted(y + prefix))
            }
        }
        for offset in 0..<suffix { steps.append(.same(a.count - suffix + offset, b.count - suffix + offset)) }
        return steps
    }

    /// Myers' greedy shortest edit script; nil when it needs more than `limit` edits.
    static func myers(_ a: [String], _ b: [String], limit: Int) -> [Step]? {
        let n = a.count
        let m = b.count
        let maximum = n + m
        if maximum == 0 { return [] }
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...maximum {
            if d > limit { return nil }
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[maximum + k - 1] < frontier[maximum + k + 1]) {
                    x = frontier[maximum + k + 1]
                } else {
                    x = frontier[maximum + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[maximum + k] = x
                if x >= n, y >= m {
                    found = true
                    break
                }
            }
            if found { break }
        }
        // Walk back through the saved frontiers.
        var steps: [Step] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if d == 0 {
                while x > 0, y > 0 {
                    x -= 1
                    y -= 1
                    steps.append(.same(x, y))
                }
                break
            }
            if k == -d || (k != d && v[maximum + k - 1] < v[maximum + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = v[maximum + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                steps.append(.same(x, y))
            }
            if x == previousX {
                y -= 1
                steps.append(.inserted(y))
            } else {
                x -= 1
                steps.append(.removed(x))
            }
        }
        return steps.reversed()
    }
}
