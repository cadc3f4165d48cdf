import DocHarnessTestSupport
import Foundation
import Testing

/// `docharness check` against pydoclint (missing/extra parameters, returns, yields, raises: at
/// least 95% agreement) and interrogate (coverage identical, file by file) on the Python standard
/// library without its tests, on absl-py (Google style) and on xarray (NumPy style), the last two
/// downloaded from PyPI by `make test` into `.cache/oracle-corpora` (never committed).
@Suite("Docstring oracles", .serialized, .requires(.oraclePython, .oracleCorpora))
struct DocstringOracleTests {
    static let corpora = TestEnvironment.packageRoot.appendingPathComponent(".cache/oracle-corpora")
    static let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/docstring_oracles.py").path

    /// The oracle interpreter, with the trees in place.
    func setUp() throws -> URL {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let stdlib = Self.corpora.appendingPathComponent("stdlib").path
        _ = try ProcessRunner.run(python, [Self.script, "stdlib-tree", stdlib])
        try #require(FileManager.default.fileExists(atPath: Self.corpora.appendingPathComponent("xarray").path),
                     "the PyPI corpora are missing: run `make oracle-corpora` (part of `make test`)")
        return python
    }

    static let trees: [(path: String, style: String)] = [
        ("stdlib", "sphinx"), ("absl/absl", "google"), ("xarray/xarray", "numpy"),
    ]

    @Test("pydoclint agrees on at least 95% of symbol-category pairs", arguments: trees.map(\.path))
    func pydoclintAgreement(_ tree: String) throws {
        let python = try setUp()
        let style = Self.trees.first { $0.path == tree }!.style
        let result = try ProcessRunner.run(python, [Self.script, "pydoclint", "--docharness", TestEnvironment.docharness.path,
                                                    "--style", style, Self.corpora.appendingPathComponent(tree).path])
        print(result.standardOutput)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    static let coverageRuns: [(tree: String, knobs: [String])] = [
        ("stdlib", []),
        ("stdlib", ["ignore-init-method", "ignore-magic", "ignore-private", "ignore-semiprivate", "ignore-nested-functions",
                    "ignore-nested-classes", "ignore-property-decorators", "ignore-overloaded-functions"]),
        ("absl/absl", []),
        ("xarray/xarray", ["ignore-module", "ignore-init-module", "ignore-setters", "ignore-nested-classes"]),
    ]

    @Test("coverage is identical to interrogate's, file by file", arguments: coverageRuns.indices)
    func interrogateCoverage(_ index: Int) throws {
        let python = try setUp()
        let run = Self.coverageRuns[index]
        let result = try ProcessRunner.run(python, [Self.script, "interrogate", "--docharness", TestEnvironment.docharness.path]
                                           + run.knobs.flatMap { ["--knob", $0] } + [Self.corpora.appendingPathComponent(run.tree).path])
        print(result.standardOutput)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }
}
