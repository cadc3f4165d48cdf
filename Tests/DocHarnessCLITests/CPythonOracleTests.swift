import DocHarnessTestSupport
import Foundation
import Testing

/// Compares `docharness symbols` with CPython's `ast` and PyCQA `mccabe` over the Python standard
/// library of the oracle's interpreter (every Nth file, N = `$DOCHARNESS_ORACLE_SLICE`, default 2;
/// `make oracle` sets 1) and over the bundled corpus.
@Suite("CPython oracle", .serialized, .requires(.oraclePython))
struct CPythonOracleTests {
    static var slice: Int {
        Int(ProcessInfo.processInfo.environment["DOCHARNESS_ORACLE_SLICE"] ?? "") ?? 2
    }

    func oracle() throws -> URL {
        try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
    }

    func compare(root: String, python: URL, slice: Int) throws -> ProcessResult {
        let work = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        // The expected file list comes from Python, so a file the walker misses is a failure.
        let list = try ProcessRunner.run(python, ["-c", """
            import os, sys
            root = sys.argv[1]
            paths = sorted(os.path.join(d, f) for d, dirs, files in os.walk(root)
                           if 'site-packages' not in os.path.relpath(d, root).split(os.sep)
                           for f in files if f.endswith('.py'))
            print('\\n'.join(p for i, p in enumerate(paths) if i % int(sys.argv[2]) == 0))
            """, root, String(slice)])
        let paths = list.standardOutput.split(separator: "\n").map(String.init)
        #expect(!paths.isEmpty)
        let listPath = work.appendingPathComponent("paths.txt")
        try Data(list.standardOutput.utf8).write(to: listPath)
        // docharness walks the root itself (the walker is under test too); the comparison then
        // needs every listed path to be there.
        let ours = try ProcessRunner.docharness(["symbols", "--format", "json", "--exclude", "site-packages/", root])
        let oursPath = work.appendingPathComponent("ours.json")
        try Data(ours.standardOutput.utf8).write(to: oursPath)
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/python_symbols.py").path
        return try ProcessRunner.run(python, [script, "--compare", oursPath.path, "--list", listPath.path])
    }

    @Test("the Python standard library: every symbol, every field")
    func standardLibrary() throws {
        let python = try oracle()
        let stdlib = try ProcessRunner.run(python, ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try compare(root: stdlib, python: python, slice: Self.slice)
        print(result.standardOutput.split(separator: "\n").suffix(2).joined(separator: "\n"))
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("missing=0, extra=0"))
    }

    @Test("third-party code: the site-packages of the machine's python3 (make oracle only)",
          .enabled(if: ProcessInfo.processInfo.environment["DOCHARNESS_ORACLE_SITE_PACKAGES"] == "1"))
    func thirdPartyCode() throws {
        let python = try oracle()
        let purelib = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                            ["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try compare(root: purelib, python: python, slice: Self.slice)
        print(result.standardOutput.split(separator: "\n").suffix(2).joined(separator: "\n"))
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    @Test("the bundled corpus")
    func corpus() throws {
        let python = try oracle()
        let root = TestEnvironment.packageRoot.appendingPathComponent("corpora/python").path
        let result = try compare(root: root, python: python, slice: 1)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }
}
