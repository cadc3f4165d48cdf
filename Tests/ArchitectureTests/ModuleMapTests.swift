import DocHarnessTestSupport
import Foundation
import Testing

/// The module map of `docs/architecture.md` is generated from `Package.swift` (each target's
/// comment, its first-party dependencies and its external products); these tests fail when it is
/// stale, when a source file imports a first-party module its target does not declare, and when a
/// layering rule is broken. Regenerate with `make docs`.
@Suite struct ModuleMapTests {
    static let root = TestEnvironment.packageRoot.path
    static let begin = "<!-- module-map:begin (generated from Package.swift by `make docs`; do not edit) -->"
    static let end = "<!-- module-map:end -->"

    @Test func moduleMapIsUpToDate() throws {
        let manifest = try PackageManifest(path: Self.root + "/Package.swift")
        let path = Self.root + "/docs/architecture.md"
        var current = try String(contentsOfFile: path, encoding: .utf8)
        guard let start = current.range(of: Self.begin), let stop = current.range(of: Self.end), start.upperBound <= stop.lowerBound else {
            Issue.record("docs/architecture.md has no module-map markers (\(Self.begin) … \(Self.end))")
            return
        }
        let generated = Self.begin + "\n" + ModuleMap(manifest).markdown + Self.end
        let updated = current.replacingCharacters(in: start.lowerBound ..< stop.upperBound, with: generated)
        if ProcessInfo.processInfo.environment["DOCHARNESS_UPDATE_DOCS"] == "1", updated != current {
            try updated.write(toFile: path, atomically: true, encoding: .utf8)
            current = updated
        }
        #expect(current == updated, "docs/architecture.md's module map is stale; run `make docs`")
    }

    @Test func everyFirstPartyImportIsDeclared() throws {
        let manifest = try PackageManifest(path: Self.root + "/Package.swift")
        let names = Set(manifest.targets.map(\.name))
        for target in manifest.targets where target.kind != .systemLibrary {
            for (file, module) in try Self.imports(of: target) where names.contains(module) && module != target.name {
                #expect(target.dependencies.contains(module), "\(file) imports \(module), which \(target.name) does not declare in Package.swift")
            }
        }
    }

    /// The rules issue 14 set: reports know only scores, generation does not reach into replay,
    /// the client knows nothing of docstrings, and the lowest modules depend on nothing above.
    @Test(arguments: [
        ("Reports", ["Evaluation", "Generation", "Replay", "ReplayServer", "LLMClient"]),
        ("Generation", ["Replay", "ReplayServer", "Evaluation", "Reports"]),
        ("LLMClient", ["Generation", "Replay", "ReplayServer", "Evaluation", "Tokenization", "PythonSyntax"]),
        ("Files", ["PythonSyntax", "Tokenization", "ChatWire", "Replay", "Reports", "Scoring"]),
        ("PythonSyntax", ["Scoring", "Docstrings", "Reports", "Tokenization"]),
        ("Tokenization", ["Replay", "Generation", "LLMClient", "Scoring"]),
    ])
    func layering(target name: String, forbidden: [String]) throws {
        let manifest = try PackageManifest(path: Self.root + "/Package.swift")
        let target = try #require(manifest.targets.first { $0.name == name })
        for module in forbidden {
            #expect(!manifest.dependsTransitively(name, on: module), "\(name) depends on \(module) through Package.swift")
        }
        for (file, module) in try Self.imports(of: target) where forbidden.contains(module) {
            Issue.record("\(file) imports \(module)")
        }
    }

    /// `(file, module)` for every `import` line of a target's Swift files.
    static func imports(of target: PackageManifest.Target) throws -> [(String, String)] {
        let folder = root + "/" + target.path
        guard let files = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [(String, String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), words.count == index + 2,
                      words[..<index].allSatisfy({ $0.hasPrefix("@") || ["public", "internal", "package", "private"].contains($0) }) else { continue }
                found.append((target.path + "/" + file, String(words[index + 1])))
            }
        }
        return found
    }
}
