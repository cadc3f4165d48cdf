import Files
import Foundation
import PythonSyntax

/// The names a checked run defines, for resolving docstrings' cross-references (DH112): every
/// function, class and method, class attributes, attributes methods assign on `self`, names
/// bound at module level, modules and packages. Built once per run from every file's symbols.
public final class ProjectNames: Sendable {
    /// Every defined name, by its last component (`load` for `pkg.io.load`).
    public let names: Set<String>
    /// Names a qualified reference into the project starts with: top-level packages, top-level
    /// modules and classes. A reference starting with anything else points outside the project
    /// (`numpy.ndarray`) and is not judged.
    public let roots: Set<String>
    /// Modules (and packages, by their `__init__.py`) that star-import: a name qualified by one
    /// of them may come from where they import it (`socket.SO_REUSEPORT` from `_socket`).
    public let starImporters: Set<String>

    /// The names of `files`.
    public init(files: [SourceFile]) {
        var names: Set<String> = []
        var roots: Set<String> = []
        let paths = files.map { $0.path.split(separator: "/").map(String.init) }
        let packages = Set(paths.filter { $0.last == "__init__.py" }.map { $0.dropLast().joined(separator: "/") })
        for components in paths where !components.isEmpty {
            let stem = components.last!.hasSuffix(".py") ? String(components.last!.dropLast(3)) : components.last!
            names.insert(stem)
            // The top-most folder with an __init__.py among the run's files is the package.
            var top: String?
            var depth = components.count - 1
            while depth > 0, packages.contains(components[..<depth].joined(separator: "/")) {
                top = components[depth - 1]
                names.insert(components[depth - 1])
                depth -= 1
            }
            roots.insert(top ?? stem)
        }
        var starImporters: Set<String> = []
        for file in files {
            let symbols = file.symbols
            if let module = symbols.firstIndex(where: { $0.kind == .module }), symbols[module].attributes.contains(where: { $0.name == "*" }) {
                let components = file.path.split(separator: "/")
                if let last = components.last {
                    let stem = last == "__init__.py" && components.count > 1 ? components[components.count - 2] : last.hasSuffix(".py") ? last.dropLast(3) : last
                    starImporters.insert(String(stem))
                }
            }
            // Fields are read in place: copying a `Symbol` retains a dozen arrays and strings.
            for index in symbols.indices {
                if symbols[index].kind != .module { names.insert(symbols[index].name) }
                if symbols[index].kind == .class { roots.insert(symbols[index].name) }
                for attribute in symbols[index].attributes where attribute.name != "*" { names.insert(attribute.name) }
            }
        }
        self.names = names
        self.roots = roots
        self.starImporters = starImporters
    }
}

extension ProjectNames {
    /// The other Python files of the packages `paths` belong to — a package is the top-most
    /// folder, going up from a file, with an `__init__.py`; a module outside any package brings
    /// the modules beside it — so that checking one file still resolves names defined in the
    /// files next to it. A package inside one of `walked`'s directories is not walked again.
    public static func neighbours(of paths: [String], excludes: [String], walked: WalkedTree? = nil) -> [String] {
        let manager = FileManager.default
        var packages: Set<String> = []
        var folders: Set<String> = []
        // Files of one folder share its answer: the stat calls up the tree are made once per folder.
        var packageOfFolder: [String: String?] = [:]
        for path in paths {
            var folder = PathFolder.of(path)
            if folder.isEmpty { folder = "." }
            if let known = packageOfFolder[folder] {
                if let known { packages.insert(known) } else { folders.insert(folder) }
                continue
            }
            let start = folder
            var top: String?
            while manager.fileExists(atPath: folder + "/__init__.py") {
                top = folder
                let parent = PathFolder.of(folder)
                guard !parent.isEmpty, parent != folder, folder != "." else { break }
                folder = parent
            }
            packageOfFolder[start] = .some(top)
            if let top { packages.insert(top) } else { folders.insert(start) }
        }
        // A package inside a folder the run walked already is not walked again: its files are
        // the walk's (the walk honoured the `.gitignore` files above the package too).
        let walkedRoots = walked?.directories.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 } ?? []
        let inWalkedRoot = { (folder: String) in
            walkedRoots.contains { root in
                root == "." ? !folder.hasPrefix("/") && !folder.hasPrefix("..") : folder == root || folder.hasPrefix(root == "/" ? "/" : root + "/")
            }
        }
        let walkedPackages = packages.filter(inWalkedRoot)
        var found = PythonFileWalker(excludes: excludes).expand(packages.subtracting(walkedPackages).sorted()).files
        if !walkedPackages.isEmpty, let walked {
            found += walked.files.filter { file in
                var folder = PathFolder.of(file)
                while !folder.isEmpty, folder != "/" {
                    if walkedPackages.contains(folder) { return true }
                    folder = PathFolder.of(folder)
                }
                return false
            }
        }
        for folder in folders.sorted() {
            let names = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            found += names.filter { $0.hasSuffix(".py") }.sorted().map { folder == "." ? $0 : folder + "/" + $0 }
        }
        let checked = Set(paths.map(Self.normalized))
        var seen: Set<String> = []
        return found.filter { !checked.contains(Self.normalized($0)) && seen.insert(Self.normalized($0)).inserted }
    }

    /// What the run's walk already found: the directories it was given and the files it listed.
    public struct WalkedTree: Sendable {
        /// Directories walked, as the user gave them.
        public var directories: [String]
        /// Every file the walk listed in them (before the configuration's filters).
        public var files: [String]

        /// A walked tree.
        public init(directories: [String], files: [String]) {
            self.directories = directories
            self.files = files
        }
    }

    private static func normalized(_ path: String) -> String {
        let path = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return path.containsBytes("//") ? path.replacingOccurrences(of: "//", with: "/") : path
    }
}

/// What a docstring's cross-references may resolve to: the run's names and the names the
/// symbol's module binds (its imports and module-level assignments).
public struct ReferenceScope: Sendable {
    /// The run's names.
    public let project: ProjectNames
    /// The names the module binds; `*` when it star-imports.
    public let module: Set<String>
    /// Whether the module's package star-imports (its `__init__.py` has `from … import *`): the
    /// package's namespace then holds names nobody can list from the source (compiled modules).
    public let packageStarImports: Bool

    /// A scope.
    public init(project: ProjectNames, module: Set<String>, packageStarImports: Bool = false) {
        self.project = project
        self.module = module
        self.packageStarImports = packageStarImports
    }
}
