#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Files

/// Expands the paths a user gives into the Python files to read: files are taken as given,
/// directories are walked recursively for `*.py` in sorted order, honouring every `.gitignore`
/// on the way (and extra exclude patterns), and skipping `.git` and other VCS folders.
public struct PythonFileWalker: Sendable {
    /// Extra patterns in `.gitignore` syntax, relative to each walked root.
    public var excludes: [String]

    /// Creates a walker.
    public init(excludes: [String] = []) {
        self.excludes = excludes
    }

    /// A path that could not be expanded.
    public struct Problem: Sendable, Hashable {
        /// The path as given.
        public var path: String
        /// The diagnostic to report for it.
        public var diagnostic: Diagnostic
    }

    /// The files to read, in order, the given paths that do not exist, and the given paths that
    /// were directories (walked).
    public func expand(_ paths: [String]) -> (files: [String], problems: [Problem], directories: [String]) {
        var files: [String] = []
        var problems: [Problem] = []
        var directories: [String] = []
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                let reason = String(cString: strerror(errno))
                problems.append(Problem(path: path, diagnostic: Diagnostic(
                    code: .unreadableFile, message: "cannot read path: \(reason)", line: 0, column: 0)))
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                directories.append(path)
                let root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
                var patterns = excludes.compactMap { IgnorePattern(line: $0, base: "") }
                walk(root: root, relative: "", patterns: &patterns, into: &files, problems: &problems)
            } else {
                files.append(path)
            }
        }
        return (files, problems, directories)
    }

    static let skippedDirectories: Set<String> = [".git", ".hg", ".svn", ".bzr", "_darcs"]

    /// A directory that cannot be listed (no permission, a path longer than PATH_MAX) or a
    /// `.gitignore` that cannot be read is a problem (DH004), not a silently empty folder.
    private func walk(root: String, relative: String, patterns: inout [IgnorePattern], into files: inout [String], problems: inout [Problem]) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let added = loadGitignore(directory: directory, base: relative, problems: &problems)
        patterns.append(contentsOf: added)
        defer { patterns.removeLast(added.count) }

        guard let entries = Self.sortedEntries(of: directory) else {
            problems.append(Problem(path: directory, diagnostic: Diagnostic(
                code: .unreadableFile, message: "cannot read directory: \(String(cString: strerror(errno)))", line: 0, column: 0)))
            return
        }
        for entry in entries {
            let entryRelative = relative.isEmpty ? entry.name : relative + "/" + entry.name
            if let failure = entry.failure {
                problems.append(Problem(path: directory + "/" + entry.name, diagnostic: Diagnostic(
                    code: .unreadableFile, message: "cannot read path: \(String(cString: strerror(failure)))", line: 0, column: 0)))
                continue
            }
            if entry.isDirectory {
                if Self.skippedDirectories.contains(entry.name) { continue }
                if isIgnored(entryRelative, isDirectory: true, patterns: patterns) { continue }
                walk(root: root, relative: entryRelative, patterns: &patterns, into: &files, problems: &problems)
            } else if entry.name.hasSuffix(".py") {
                if isIgnored(entryRelative, isDirectory: false, patterns: patterns) { continue }
                files.append(root == "." ? entryRelative : root + "/" + entryRelative)
            }
        }
    }

    /// The last matching pattern decides, as in git.
    func isIgnored(_ relativePath: String, isDirectory: Bool, patterns: [IgnorePattern]) -> Bool {
        for pattern in patterns.reversed() where pattern.matches(relativePath: relativePath, isDirectory: isDirectory) {
            return !pattern.isNegated
        }
        return false
    }

    private func loadGitignore(directory: String, base: String, problems: inout [Problem]) -> [IgnorePattern] {
        let bytes: [UInt8]
        switch FileBytes.read(path: directory + "/.gitignore") {
        case .success(let read): bytes = read
        case .failure(let error):
            if !error.isMissing {
                problems.append(Problem(path: directory + "/.gitignore", diagnostic: Diagnostic(
                    code: .unreadableFile, message: "cannot read .gitignore: \(error.reason)", line: 0, column: 0)))
            }
            return []
        }
        return String(decoding: bytes, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .compactMap { IgnorePattern(line: String($0), base: base) }
    }

    struct Entry {
        var name: String
        var isDirectory: Bool
        /// Why the entry could not be examined (errno), if it could not.
        var failure: Int32? = nil
    }

    /// The entries of a directory in name order; nil when it cannot be listed (errno says why).
    static func sortedEntries(of directory: String) -> [Entry]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var entries: [Entry] = []
        while let pointer = readdir(handle) {
            let name = withUnsafePointer(to: pointer.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            // A regular file as readdir reports it needs no stat; folders are examined (one whose
            // path is too long is one problem, said here), and so are links and entries of file
            // systems that do not report types.
            if Int32(pointer.pointee.d_type) == Int32(DT_REG) {
                entries.append(Entry(name: name, isDirectory: false))
                continue
            }
            var status = stat()
            let full = directory + "/" + name
            guard lstat(full, &status) == 0 else {
                // A file that vanished since the listing is not a problem; one that cannot be examined is.
                if errno != ENOENT { entries.append(Entry(name: name, isDirectory: false, failure: errno)) }
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFLNK {
                // Follow links to files; never follow links to directories (no cycles).
                guard stat(full, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else { continue }
            }
            entries.append(Entry(name: name, isDirectory: (status.st_mode & S_IFMT) == S_IFDIR))
        }
        return entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}
