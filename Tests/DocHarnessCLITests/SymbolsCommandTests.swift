import DocHarnessTestSupport
import Foundation
import PythonSyntax
import Testing

@Suite("docharness symbols")
struct SymbolsCommandTests {
    @Test("walks folders for *.py honouring .gitignore, and prints the JSON listing")
    func walkAndJSON() throws {
        let result = try FixtureTree.with([
            ".gitignore": Array("build/\n*_pb2.py\n".utf8),
            "pkg/a.py": Array("def f(x):\n    '''Doc.'''\n    return x\n".utf8),
            "pkg/gen_pb2.py": Array("x = 1\n".utf8),
            "build/b.py": Array("y = 1\n".utf8),
            "pkg/sub/.gitignore": Array("skip.py\n".utf8),
            "pkg/sub/skip.py": Array("z = 1\n".utf8),
            "pkg/sub/keep.py": Array("class K: pass\n".utf8),
            "notes.txt": Array("not python".utf8),
        ]) { try ProcessRunner.docharness(["symbols", ".", "--format", "json"], currentDirectory: $0) }
        #expect(result.status == 0, "\(result.standardError)")
        let listing = try JSONDecoder().decode(SymbolListing.self, from: Data(result.standardOutput.utf8))
        #expect(listing.files.map(\.path) == ["pkg/a.py", "pkg/sub/keep.py"])
        let function = try #require(listing.files[0].symbols.first { $0.qualname == "f" })
        #expect(function.docstring == "Doc." && function.returnsValue && function.complexity == 1)
        #expect(result.standardOutput.contains("\"docstring\":null"), "absent values are written as null")
    }

    @Test("bad input: each bad file gets path:line:col, the others are listed, the exit code is 3")
    func badInput() throws {
        let result = try FixtureTree.with([
            "good.py": Array("def ok(): pass\n".utf8),
            "syntax.py": Array("def f(:\n    pass\n".utf8),
            "latin.py": Array("s = '".utf8) + [0xE9] + Array("'\n".utf8),
            "binary.py": [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01],
        ]) { try ProcessRunner.docharness(["symbols", ".", "missing.py"], currentDirectory: $0) }
        #expect(result.status == 3)
        #expect(result.standardOutput.contains("good.py:1: function ok() complexity=1 undocumented"))
        let errors = result.standardError.split(separator: "\n").map(String.init)
        #expect(errors.contains("missing.py:0:0: DH004 cannot read path: No such file or directory"))
        #expect(errors.contains { $0.hasPrefix("binary.py:1:5: DH003 ") })
        #expect(errors.contains { $0.hasPrefix("latin.py:1:6: DH002 'utf-8' codec can't decode byte 0xe9") })
        #expect(errors.contains { $0.hasPrefix("syntax.py:1:") && $0.contains("DH001") })
    }

    @Test("usage errors exit with 2 and say what was wrong")
    func usageErrors() throws {
        let badFormat = try ProcessRunner.docharness(["symbols", "--format", "xml"])
        #expect(badFormat.status == 2)
        #expect(badFormat.standardError.contains("xml"))
        let badJobs = try ProcessRunner.docharness(["symbols", "--jobs", "0"])
        #expect(badJobs.status == 2)
        #expect(badJobs.standardError.contains("--jobs must be at least 1"))
    }

    @Test("the bundled corpus lists cleanly")
    func corpus() throws {
        let result = try ProcessRunner.docharness(["symbols", "corpora/python"], currentDirectory: TestEnvironment.packageRoot)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("method Stock.reserve(self, sku, quantity, partial) complexity=4 documented"))
    }
}
