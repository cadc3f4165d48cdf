import ArgumentParser
import Files
import Foundation
import PythonSyntax
import Replay

/// What `eval` runs on: the Python projects and the cassettes, with defaults that depend on where
/// it runs — the bundled corpora inside this repository (what `make demo` runs), the current
/// folder and `.docharness/cassettes` anywhere else — and refusals instead of vacuous verdicts.
struct EvaluationInputs: ParsableArguments {
    /// The four packages of `corpora/python` and their cassettes, used when run in the repository.
    static let bundledProjects = ["corpora/python/geometry", "corpora/python/inventory", "corpora/python/ledger", "corpora/python/textkit"]
    static let bundledCassettes = "corpora/cassettes"
    static let ownCassettes = ".docharness/cassettes"

    @Argument(help: "Python projects (files or folders), each scored with its own dominant style (default: the bundled corpora inside the DocHarness repository, else the current folder).")
    var paths: [String] = []

    @Option(help: "Cassette files or folders the replay server answers from (repeatable; default: corpora/cassettes inside the DocHarness repository, else .docharness/cassettes).")
    var cassettes: [String] = []

    /// Whether the current folder is the DocHarness repository with its bundled corpora.
    static var inBundledRepository: Bool {
        bundledProjects.allSatisfy { FileManager.default.fileExists(atPath: $0) }
    }

    /// The projects to run on.
    var projects: [String] {
        paths.isEmpty ? (Self.inBundledRepository ? Self.bundledProjects : ["."]) : paths
    }

    /// The cassette paths.
    var cassettePaths: [String] {
        cassettes.isEmpty ? [paths.isEmpty && Self.inBundledRepository ? Self.bundledCassettes : Self.ownCassettes] : cassettes
    }

    /// The cassette file record mode writes: `explicit`, else the first cassette path when it is a
    /// file, else `generate.json` in it (the folder is created).
    func recordFile(_ explicit: String?) -> String {
        let file = explicit ?? (cassettePaths[0].hasSuffix(".json") ? cassettePaths[0] : cassettePaths[0] + "/generate.json")
        let folder = PathFolder.of(file)
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        return file
    }

    /// Refuses paths that hold no Python file (a run over them could only pass vacuously).
    static func requirePythonFiles(_ paths: [String]) throws {
        if PythonFileWalker(excludes: []).expand(paths).files.isEmpty {
            throw ValidationError("no Python files under \(paths.joined(separator: ", ")); pass the folders of your project (docharness eval src tests)")
        }
    }

    /// Refuses a run that could only pass vacuously: no Python file to score, or nothing to answer
    /// the requests (no cassette and no upstream to record from).
    func validate(upstream: String?) throws {
        try Self.requirePythonFiles(projects)
        let recorded = cassettePaths.contains { path in ((try? CassetteLoader.files(under: path)) ?? []).isEmpty == false }
        if !recorded, upstream == nil {
            throw ValidationError("no cassette under \(cassettePaths.joined(separator: ", ")) and no --upstream to record from; pass --cassettes DIR, or --upstream URL to record one")
        }
    }
}
