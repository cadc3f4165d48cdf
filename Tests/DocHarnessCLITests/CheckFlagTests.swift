import DocHarnessTestSupport
import Foundation
import Testing

/// `check` with the flags a ruff user types (issue 21), on the bundled corpus (`corpora/python`):
/// each flag does what ruff's does, and grouping changes the display, never the findings.
@Suite struct CheckFlagTests {
    static let corpus = TestEnvironment.packageRoot.appendingPathComponent("corpora/python").path

    func check(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        try ProcessRunner.docharness(["check"] + arguments, currentDirectory: folder)
    }

    /// Findings by code in the JSON report: what every display is checked against.
    func jsonCounts(_ arguments: [String] = []) throws -> [String: Int] {
        let result = try check([Self.corpus, "--format", "json"] + arguments)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        var counts: [String: Int] = [:]
        for file in report["files"] as? [[String: Any]] ?? [] {
            for symbol in file["symbols"] as? [[String: Any]] ?? [] {
                for finding in symbol["findings"] as? [[String: Any]] ?? [] { counts[finding["code"] as? String ?? "", default: 0] += 1 }
            }
            for finding in file["file_findings"] as? [[String: Any]] ?? [] { counts[finding["code"] as? String ?? "", default: 0] += 1 }
        }
        return counts
    }

    @Test func statisticsEqualTheJSONCountsByCode() throws {
        let expected = try jsonCounts()
        #expect(expected.values.reduce(0, +) > 20)
        let result = try check([Self.corpus, "--statistics", "--quiet"])
        var counted: [String: Int] = [:]
        var previous = Int.max
        for line in result.standardOutput.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let count = try #require(Int(fields[0]), "\(line)")
            #expect(count <= previous, "most first: \(result.standardOutput)")
            previous = count
            counted[String(fields[1])] = count
            #expect(fields.count == 3 && fields[2].contains("-"), "count, code, name: \(line)")
        }
        #expect(counted == expected)
    }

    @Test func groupingChangesTheDisplayNotTheFindings() throws {
        let source = "\"\"\"Shapes.\"\"\"\n\n\ndef box(width, height, depth, colour):\n    \"\"\"Make a box.\"\"\"\n    return (width, height, depth, colour)\n"
        try FixtureTree.with(["box.py": Array(source.utf8)]) { root in
            let text = try check(["box.py", "--select", "DH101", "--quiet"], in: root)
            #expect(text.standardOutput == "box.py:5:5: DH101 4 parameters are not documented: `width`, `height`, `depth`, `colour`\n")
            let json = try check(["box.py", "--select", "DH101", "--format", "json"], in: root)
            #expect(json.standardOutput.components(separatedBy: "\"code\": \"DH101\"").count - 1 == 4, "\(json.standardOutput)")
        }
    }

    @Test func exitZeroQuietAndOutputFormats() throws {
        let failing = try check([Self.corpus, "--fail-under", "100"])
        #expect(failing.status == 1)
        #expect(failing.standardOutput.contains("Gate: FAILED"))
        let zero = try check([Self.corpus, "--fail-under", "100", "--exit-zero"])
        #expect(zero.status == 0 && zero.standardOutput.contains("Gate: FAILED"))
        let quiet = try check([Self.corpus, "--fail-under", "100", "-q"])
        #expect(quiet.status == 1 && !quiet.standardOutput.contains("Gate:") && quiet.standardOutput.contains(": DH"))
        let concise = try check([Self.corpus, "--output-format", "concise", "-q"])
        #expect(concise.standardOutput == quiet.standardOutput)
        // full (and --show-source): the line under each finding, a caret at its column.
        for arguments in [["--output-format", "full"], ["--show-source"]] {
            let full = try check([Self.corpus, "-q"] + arguments)
            let lines = full.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let first = try #require(lines.firstIndex { $0.contains(": DH") })
            let header = lines[first]
            let column = try #require(Int(header.split(separator: ":")[2]))
            #expect(lines[first + 2].contains(" | "), "\(full.standardOutput.prefix(400))")
            let caret = lines[first + 3]
            let gutter = try #require(caret.firstIndex(of: "|"))
            #expect(caret.distance(from: caret.index(gutter, offsetBy: 2), to: try #require(caret.firstIndex(of: "^"))) == column - 1, "\(caret)")
        }
        let junit = try check([Self.corpus, "--output-format", "junit"])
        #expect(junit.standardOutput.hasPrefix("<?xml") && junit.standardOutput.contains("<testsuite name=\"docharness gate\""))
        let sarif = try check([Self.corpus, "--output-format", "sarif"])
        #expect(sarif.standardOutput.contains("\"version\": \"2.1.0\""))
    }

    @Test func extendSelectAddsToTheConfiguredSelection() throws {
        let source = "def f(a):\n    return a\n"
        try FixtureTree.with(["m.py": Array(source.utf8), "docharness.toml": Array("select = [\"DH100\"]\nfail-under = 0\n".utf8)]) { root in
            let configured = try check(["m.py", "-q"], in: root)
            #expect(configured.standardOutput.split(separator: "\n").allSatisfy { $0.contains("DH100") })
            let extended = try check(["m.py", "-q", "--extend-select", "DH0"], in: root)
            #expect(extended.status == 0, "\(extended.standardError)")
            let bogus = try check(["m.py", "--extend-select", "XY9"], in: root)
            #expect(bogus.status == 2 && bogus.standardError.contains("docharness rule"))
        }
    }

    @Test func ruleExplainsFromTheBinary() throws {
        let rule = try ProcessRunner.docharness(["rule", "DH101"])
        #expect(rule.status == 0)
        #expect(rule.standardOutput.hasPrefix("DH101 undocumented-parameter (completeness)\n\n"))
        #expect(rule.standardOutput.contains("Why it matters"))
        let explain = try check(["--explain", "dh101"])
        #expect(explain.standardOutput == rule.standardOutput)
        let list = try ProcessRunner.docharness(["rule"])
        #expect(list.standardOutput.split(separator: "\n").count >= 30)
        let unknown = try ProcessRunner.docharness(["rule", "XY1"])
        #expect(unknown.status == 2)
        // Help names no file a binary user does not have, and says each default once.
        let help = try check(["--help"])
        #expect(!help.standardOutput.contains("(default: the current folder). (default: .)"))
        for command in [["check"], ["eval"], ["generate"], ["serve"], ["bench", "estimators"], ["tokens"], ["prompt"], ["encodings"], ["symbols"], ["rule"]] {
            let help = try ProcessRunner.docharness(command + ["--help"])
            #expect(!help.standardOutput.contains("docs/"), "\(command.joined(separator: " ")) --help names a file a binary user does not have")
        }
    }

    /// `--init` (issue 21): day one is green, every new finding fails, and the pyproject's bytes
    /// are kept.
    @Test func initMakesDayOneGreenAndNewFindingsFail() throws {
        let pyproject = "[project]\nname = \"geo\"\n\n[tool.ruff]\nline-length = 100"
        let source = "def area(w, h):\n    \"\"\"Area.\"\"\"\n    return w * h\n"
        try FixtureTree.with(["pyproject.toml": Array(pyproject.utf8), "geo.py": Array(source.utf8)]) { root in
            let before = try check(["."], in: root)
            #expect(before.status == 1, "\(before.standardOutput)")
            let initialized = try check([".", "--init"], in: root)
            #expect(initialized.status == 0, "\(initialized.standardError)")
            #expect(initialized.standardOutput.hasPrefix("wrote pyproject.toml ([tool.docharness]: style"))
            let written = try String(contentsOf: root.appendingPathComponent("pyproject.toml"), encoding: .utf8)
            #expect(written.hasPrefix(pyproject + "\n\n[tool.docharness]\n"), "\(written)")
            #expect(written.contains("baseline = \".docharness-baseline.json\""))
            let day1 = try check(["."], in: root)
            #expect(day1.status == 0, "\(day1.standardOutput)")
            try Data((source + "\n\ndef volume(w, h, d):\n    return w * h * d\n").utf8).write(to: root.appendingPathComponent("geo.py"))
            let day2 = try check(["."], in: root)
            #expect(day2.status == 1 && day2.standardOutput.contains("`volume` has no docstring"), "\(day2.standardOutput)")
            let again = try check([".", "--init"], in: root)
            #expect(again.status == 2 && again.standardError.contains("has a [tool.docharness] section already"))
            let conflicting = try check([".", "--init", "--changed-since", "HEAD"], in: root)
            #expect(conflicting.status == 2)
        }
        // Without a pyproject.toml: a docharness.toml.
        try FixtureTree.with(["geo.py": Array(source.utf8)]) { root in
            let initialized = try check(["--init"], in: root)
            #expect(initialized.status == 0)
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("docharness.toml").path))
            let day1 = try check([], in: root)
            #expect(day1.status == 0)
        }
    }

    /// `--diff` shows and changes nothing; `--fix` changes only docstring lines, keeps CRLF and
    /// a symbolic link, reports what remains, and a second run finds nothing to fix.
    @Test func fixAndDiff() throws {
        let source = "\"\"\"Shapes\"\"\"\r\n\r\n\r\ndef box(width):\r\n    \"\"\"Make a box\r\n    Args:\r\n        width: How wide.\r\n        depth: How deep.\r\n\r\n    Returns:\r\n        The box.\"\"\"\r\n    return width  # unchanged\r\n"
        let expected = "\"\"\"Shapes.\"\"\"\r\n\r\n\r\ndef box(width):\r\n    \"\"\"Make a box.\r\n\r\n    Args:\r\n        width: How wide.\r\n\r\n    Returns:\r\n        The box.\r\n    \"\"\"\r\n    return width  # unchanged\r\n"
        try FixtureTree.with(["real/box.py": Array(source.utf8)]) { root in
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("box.py").path, withDestinationPath: "real/box.py")
            let diff = try check(["box.py", "--diff"], in: root)
            #expect(diff.status == 1, "\(diff.standardError)")
            #expect(diff.standardOutput.hasPrefix("--- a/box.py\n+++ b/box.py\n"), "\(diff.standardOutput)")
            #expect(diff.standardError.contains("would fix 5 findings in 1 file: DH102 ×1, DH202 ×2, DH304 ×1, DH306 ×1"), "\(diff.standardError)")
            #expect(try Data(contentsOf: root.appendingPathComponent("real/box.py")) == Data(source.utf8))
            let fixed = try check(["box.py", "--fix", "--fail-under", "0"], in: root)
            #expect(fixed.status == 0, "\(fixed.standardError)")
            #expect(fixed.standardError.contains("fixed 5 findings in 1 file"))
            #expect(String(decoding: try Data(contentsOf: root.appendingPathComponent("real/box.py")), as: UTF8.self) == expected)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("box.py").path) == "real/box.py")
            for code in ["DH102", "DH202", "DH304", "DH306"] { #expect(!fixed.standardOutput.contains(code), "\(fixed.standardOutput)") }
            let again = try check(["box.py", "--fix", "--fail-under", "0"], in: root)
            #expect(again.standardError.contains("fixed 0 findings in 0 files"))
            if let python = TestEnvironment.oraclePython {
                let compiled = try ProcessRunner.run(python, ["-m", "py_compile", "real/box.py"], currentDirectory: root)
                #expect(compiled.status == 0, "\(compiled.standardError)")
            }
        }
    }

    /// What may change meaning is fixed only with `--unsafe-fixes`.
    @Test func unsafeFixesOnlyWhenAsked() throws {
        let source = "def items():\n    \"\"\"Return these:\"\"\"\n    return []\n"
        try FixtureTree.with(["m.py": Array(source.utf8)]) { root in
            let safe = try check(["m.py", "--fix", "--select", "DH202"], in: root)
            #expect(safe.standardError.contains("fixed 0 findings"))
            #expect(try String(contentsOf: root.appendingPathComponent("m.py"), encoding: .utf8) == source)
            let unsafe = try check(["m.py", "--fix", "--unsafe-fixes", "--select", "DH202"], in: root)
            #expect(unsafe.status == 0 && unsafe.standardError.contains("fixed 1 finding in 1 file: DH202 ×1"), "\(unsafe.standardError)")
            #expect(try String(contentsOf: root.appendingPathComponent("m.py"), encoding: .utf8) == source.replacingOccurrences(of: "these:", with: "these."))
        }
    }
}
