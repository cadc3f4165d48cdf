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
            if file.symbols.first(where: { $0.kind == .module })?.attributes.contains(where: { $0.name == "*" }) == true {
                let components = file.path.split(separator: "/")
                if let last = components.last {
                    let stem = last == "__init__.py" && components.count > 1 ? components[components.count - 2] : last.hasSuffix(".py") ? last.dropLast(3) : last
                    starImporters.insert(String(stem))
                }
            }
            for symbol in file.symbols {
                if symbol.kind != .module { names.insert(symbol.name) }
                if symbol.kind == .class { roots.insert(symbol.name) }
                for attribute in symbol.attributes where attribute.name != "*" { names.insert(attribute.name) }
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
    /// files next to it.
    public static func neighbours(of paths: [String], excludes: [String]) -> [String] {
        let manager = FileManager.default
        var packages: Set<String> = []
        var folders: Set<String> = []
        for path in paths {
            var folder = (path as NSString).deletingLastPathComponent
            if folder.isEmpty { folder = "." }
            var top: String?
            while manager.fileExists(atPath: folder + "/__init__.py") {
                top = folder
                let parent = (folder as NSString).deletingLastPathComponent
                guard !parent.isEmpty, parent != folder, folder != "." else { break }
                folder = parent
            }
            if let top { packages.insert(top) } else { folders.insert(folder) }
        }
        var found = PythonFileWalker(excludes: excludes).expand(packages.sorted()).files
        for folder in folders.sorted() {
            let names = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            found += names.filter { $0.hasSuffix(".py") }.sorted().map { folder == "." ? $0 : folder + "/" + $0 }
        }
        let checked = Set(paths.map(Self.normalized))
        var seen: Set<String> = []
        return found.filter { !checked.contains(Self.normalized($0)) && seen.insert(Self.normalized($0)).inserted }
    }

    private static func normalized(_ path: String) -> String {
        (path.hasPrefix("./") ? String(path.dropFirst(2)) : path).replacingOccurrences(of: "//", with: "/")
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
