/// One line of a `.gitignore` file (or an `--exclude` pattern), matched the way git does:
/// `*`, `?`, `[...]`, `**/`, `/**`, a leading `/` or an inner `/` anchors the pattern to its
/// directory, a trailing `/` matches directories only, `!` re-includes.
public struct IgnorePattern: Sendable, Hashable {
    /// The glob, without `!`, anchoring slash or trailing slash.
    let glob: [UInt8]
    /// `!pattern`.
    public let isNegated: Bool
    /// `pattern/`.
    public let matchesDirectoriesOnly: Bool
    /// Whether the pattern is matched against the whole path relative to its base (it had a slash).
    public let isAnchored: Bool
    /// The directory (relative to the walk root, no trailing slash, "" for the root) the pattern is relative to.
    public let base: String
    /// Whether the glob has no wildcard or escape, so matching is a byte comparison.
    let isLiteral: Bool

    /// The longest glob matched (bytes); a longer line is skipped.
    public static let longestGlob = 4096

    /// Parses one line; nil for blank lines, comments and lines longer than ``longestGlob``.
    public init?(line rawLine: String, base: String) {
        var line = Substring(rawLine)
        if line.hasSuffix("\r") { line = line.dropLast() }
        // Trailing spaces are ignored unless escaped.
        while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line = line.dropLast() }
        guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
        var negated = false
        if line.hasPrefix("!") {
            negated = true
            line = line.dropFirst()
        } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
            line = line.dropFirst()
        }
        var directoryOnly = false
        if line.hasSuffix("/") {
            directoryOnly = true
            line = line.dropLast()
        }
        guard !line.isEmpty else { return nil }
        let anchored = line.dropLast().contains("/")
        if line.hasPrefix("/") { line = line.dropFirst() }
        // The matcher recurses once per pattern element: 300,000 `*` overflowed the stack (issue
        // 23). A run of three or more `*` means what `**` means, and no real pattern is 4 KiB long.
        var glob: [UInt8] = []
        var stars = 0
        for byte in line.utf8 {
            stars = byte == UInt8(ascii: "*") ? stars + 1 : 0
            if stars <= 2 { glob.append(byte) }
        }
        guard glob.count <= Self.longestGlob else { return nil }
        self.glob = glob
        self.isNegated = negated
        self.matchesDirectoriesOnly = directoryOnly
        self.isAnchored = anchored
        self.base = base
        self.isLiteral = !glob.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "\\") }
    }

    /// Whether the pattern matches `relativePath` (relative to the walk root, `/`-separated).
    public func matches(relativePath: String, isDirectory: Bool) -> Bool {
        if matchesDirectoriesOnly && !isDirectory { return false }
        var path = Substring(relativePath)
        if !base.isEmpty {
            guard path.hasPrefix(base + "/") else { return false }
            path = path.dropFirst(base.count + 1)
        }
        if isAnchored {
            return isLiteral ? path.utf8.elementsEqual(glob) : Self.globMatch(glob[...], Array(path.utf8)[...])
        }
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.utf8[path.utf8.index(after: $0)...] } ?? path.utf8[...]
        return isLiteral ? name.elementsEqual(glob) : Self.globMatch(glob[...], Array(name)[...])
    }

    /// Matches a glob against text; `*` and `?` do not cross `/`, `**` does.
    static func globMatch(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var memo = [Int: Bool]()
        return match(pattern, pattern.startIndex, text, text.startIndex, &memo)
    }

    private static func match(_ pattern: ArraySlice<UInt8>, _ p: Int, _ text: ArraySlice<UInt8>, _ t: Int,
                              _ memo: inout [Int: Bool]) -> Bool {
        let key = p << 32 | t
        if let known = memo[key] { return known }
        let result: Bool
        if p == pattern.endIndex {
            result = t == text.endIndex
        } else {
            let current = pattern[p]
            if current == UInt8(ascii: "*") {
                let isDouble = p + 1 < pattern.endIndex && pattern[p + 1] == UInt8(ascii: "*")
                if isDouble {
                    var next = p + 2
                    if next < pattern.endIndex, pattern[next] == UInt8(ascii: "/") { next += 1 }
                    var found = false
                    var cursor = t
                    while true {
                        if match(pattern, next, text, cursor, &memo) { found = true; break }
                        if cursor == text.endIndex { break }
                        cursor += 1
                    }
                    result = found
                } else {
                    var found = false
                    var cursor = t
                    while true {
                        if match(pattern, p + 1, text, cursor, &memo) { found = true; break }
                        if cursor == text.endIndex || text[cursor] == UInt8(ascii: "/") { break }
                        cursor += 1
                    }
                    result = found
                }
            } else if t == text.endIndex {
                result = false
            } else if current == UInt8(ascii: "?") {
                result = text[t] != UInt8(ascii: "/") && match(pattern, p + 1, text, t + 1, &memo)
            } else if current == UInt8(ascii: "["), let close = pattern[(p + 1)...].firstIndex(of: UInt8(ascii: "]")) {
                var cursor = p + 1
                var negate = false
                if cursor < close, pattern[cursor] == UInt8(ascii: "!") || pattern[cursor] == UInt8(ascii: "^") {
                    negate = true
                    cursor += 1
                }
                var inClass = false
                while cursor < close {
                    if cursor + 2 < close, pattern[cursor + 1] == UInt8(ascii: "-") {
                        if text[t] >= pattern[cursor] && text[t] <= pattern[cursor + 2] { inClass = true }
                        cursor += 3
                    } else {
                        if text[t] == pattern[cursor] { inClass = true }
                        cursor += 1
                    }
                }
                result = inClass != negate && match(pattern, close + 1, text, t + 1, &memo)
            } else if current == UInt8(ascii: "\\"), p + 1 < pattern.endIndex {
                result = text[t] == pattern[p + 1] && match(pattern, p + 2, text, t + 1, &memo)
            } else {
                result = text[t] == current && match(pattern, p + 1, text, t + 1, &memo)
            }
        }
        memo[key] = result
        return result
    }
}
