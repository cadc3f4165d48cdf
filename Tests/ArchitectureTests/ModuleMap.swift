/// The module map of `docs/architecture.md`: the first-party modules in layers (a module's layer
/// is one more than its highest dependency's), each with what it is, what it depends on, and a
/// Mermaid graph of the edges no longer path already implies.
struct ModuleMap {
    let modules: [PackageManifest.Target]
    let systemLibraries: Set<String>
    let layers: [String: Int]

    init(_ manifest: PackageManifest) {
        modules = manifest.targets.filter { ($0.kind == .target || $0.kind == .executableTarget) && $0.path.hasPrefix("Sources/") }
        systemLibraries = Set(manifest.targets.filter { $0.kind == .systemLibrary }.map(\.name))
        var layers: [String: Int] = [:]
        let byName = Dictionary(modules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func layer(_ name: String) -> Int {
            if let known = layers[name] { return known }
            let value = (byName[name]?.dependencies.compactMap { byName[$0] == nil ? nil : layer($0) }.max()).map { $0 + 1 } ?? 0
            layers[name] = value
            return value
        }
        for module in modules { _ = layer(module.name) }
        self.layers = layers
    }

    /// First-party dependencies of a module (system libraries excluded).
    func internalDependencies(_ module: PackageManifest.Target) -> [String] {
        module.dependencies.filter { !systemLibraries.contains($0) && layers[$0] != nil }
    }

    var markdown: String {
        let ordered = modules.enumerated().sorted { (layers[$0.element.name]!, $0.offset) < (layers[$1.element.name]!, $1.offset) }.map(\.element)
        var lines = [
            "| layer | module | what it is | depends on | external |",
            "|---:|---|---|---|---|",
        ]
        for module in ordered {
            let external = module.dependencies.filter { systemLibraries.contains($0) } + module.products
            lines.append("| \(layers[module.name]!) | `\(module.name)` | \(module.summary) | \(internalDependencies(module).map { "`\($0)`" }.joined(separator: ", ")) | \(external.joined(separator: ", ")) |")
        }
        lines += ["", "```mermaid", "graph BT"]
        for module in ordered {
            for dependency in internalDependencies(module) where !impliedByAnotherPath(from: module.name, to: dependency) {
                lines.append("    \(module.name) --> \(dependency)")
            }
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether `to` is reachable from `from` through some other direct dependency.
    func impliedByAnotherPath(from: String, to: String) -> Bool {
        guard let module = modules.first(where: { $0.name == from }) else { return false }
        for other in internalDependencies(module) where other != to && reaches(other, to) { return true }
        return false
    }

    func reaches(_ from: String, _ to: String) -> Bool {
        if from == to { return true }
        guard let module = modules.first(where: { $0.name == from }) else { return false }
        return internalDependencies(module).contains { reaches($0, to) }
    }
}
