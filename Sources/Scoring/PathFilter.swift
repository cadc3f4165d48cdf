#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PythonSyntax

/// Matches file paths against the configuration's globs (gitignore syntax), relative to the
/// configuration file's folder.
public struct PathFilter: Sendable {
    let root: String
    let include: [IgnorePattern]
    let exclude: [IgnorePattern]
    let perFileIgnores: [(pattern: IgnorePattern, codes: [String])]
    let currentDirectory: String

    /// A filter for a configuration.
    public init(configuration: ScoringConfiguration) {
        currentDirectory = ConfigurationLoader.absolute(".")
        root = ConfigurationLoader.absolute(configuration.root)
        include = configuration.include.compactMap { IgnorePattern(line: $0, base: "") }
        exclude = configuration.effectiveExclude.compactMap { IgnorePattern(line: $0, base: "") }
        perFileIgnores = configuration.perFileIgnores.compactMap { entry in
            IgnorePattern(line: entry.glob, base: "").map { ($0, entry.codes) }
        }
    }

    /// The path relative to the configuration's folder (or as given when outside it).
    public func relative(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? ConfigurationLoader.normalized(path)
            : ConfigurationLoader.normalized(currentDirectory + "/" + path)
        let prefix = root == "/" ? "/" : root + "/"
        // On the bytes: a path is bytes, and `dropFirst` on a String walks Characters.
        guard absolute.utf8.starts(with: prefix.utf8) else { return path }
        return String(Substring(absolute.utf8.dropFirst(prefix.utf8.count)))
    }

    /// Whether a file is excluded (or not included) by the configuration. Every parent folder is
    /// tried too, so `exclude = ["build"]` excludes `build/x.py` even when it is named directly.
    public func isExcluded(_ path: String) -> Bool {
        if exclude.isEmpty && include.isEmpty { return false }
        let relativePath = relative(path)
        let components = relativePath.utf8.split(separator: UInt8(ascii: "/")).map(Substring.init)
        let count = max(1, components.count)
        // A pattern without a slash matches a path by its last part alone, so each part is
        // tried on its own; only anchored patterns need the path up to that part.
        var prefixes: [String]?
        func matches(_ patterns: [IgnorePattern]) -> Bool {
            for end in 1 ... count {
                let isDirectory = end < components.count
                let name = components.isEmpty ? "" : String(components[end - 1])
                for pattern in patterns {
                    if pattern.isAnchored {
                        if prefixes == nil { prefixes = (1 ... count).map { components.prefix($0).joined(separator: "/") } }
                        if pattern.matches(relativePath: prefixes![end - 1], isDirectory: isDirectory) { return true }
                    } else if pattern.matches(relativePath: name, isDirectory: isDirectory) {
                        return true
                    }
                }
            }
            return false
        }
        if matches(exclude) { return true }
        return !include.isEmpty && !matches(include)
    }

    /// Codes ignored for a file by `per-file-ignores`.
    public func ignoredCodes(for path: String) -> [String] {
        if perFileIgnores.isEmpty { return [] }
        let relativePath = relative(path)
        return perFileIgnores.filter { $0.pattern.matches(relativePath: relativePath, isDirectory: false) }.flatMap(\.codes)
    }
}
