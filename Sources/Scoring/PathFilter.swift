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
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
    }

    /// Whether a file is excluded (or not included) by the configuration. Every parent folder is
    /// tried too, so `exclude = ["build"]` excludes `build/x.py` even when it is named directly.
    public func isExcluded(_ path: String) -> Bool {
        let relativePath = relative(path)
        let components = relativePath.split(separator: "/")
        var prefixes: [(String, Bool)] = []
        for end in 1 ... max(1, components.count) {
            prefixes.append((components.prefix(end).joined(separator: "/"), end < components.count))
        }
        if prefixes.contains(where: { prefix in exclude.contains { $0.matches(relativePath: prefix.0, isDirectory: prefix.1) } }) {
            return true
        }
        if !include.isEmpty {
            return !prefixes.contains { prefix in include.contains { $0.matches(relativePath: prefix.0, isDirectory: prefix.1) } }
        }
        return false
    }

    /// Codes ignored for a file by `per-file-ignores`.
    public func ignoredCodes(for path: String) -> [String] {
        let relativePath = relative(path)
        return perFileIgnores.filter { $0.pattern.matches(relativePath: relativePath, isDirectory: false) }.flatMap(\.codes)
    }
}
