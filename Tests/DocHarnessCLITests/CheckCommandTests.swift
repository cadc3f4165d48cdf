import DocHarnessTestSupport
import Foundation
import Testing

/// `docharness check` as a user runs it: exit codes, output formats, configuration errors,
/// suppressions, excludes, baselines and `--changed-since`.
@Suite struct CheckCommandTests {
    static let documented = """
    \"\"\"Geometry helpers.\"\"\"


    def area(width, height):
        \"\"\"Compute the area of a rectangle.

        Args:
            width: Width in metres.
            height: Height in metres.

        Returns:
            float: The area in square metres.
        \"\"\"
        return width * height

    """

    static let undocumented = """
    def perimeter(width, height):
        return 2 * (width + height)

    """

    func files(_ files: [String: String]) -> [String: [UInt8]] {
        files.mapValues { Array($0.utf8) }
    }

    /// A garbage baseline said only Foundation's "The data isn't in the correct format" (issue 23).
    @Test func aGarbageBaselineNamesTheFileAndLine() throws {
        try FixtureTree.with(files(["good.py": Self.documented, "base.json": "{\"version\": 1,\n \"findings\": [garbage\n", "other.json": "{\"version\": 1}"])) { root in
            let broken = try ProcessRunner.docharness(["check", "good.py", "--baseline", "base.json"], currentDirectory: root)
            #expect(broken.status == 2)
            #expect(broken.standardError.contains("base.json:2:15: the baseline is not JSON: unexpected character 'g'"))
            let wrong = try ProcessRunner.docharness(["check", "good.py", "--baseline", "other.json"], currentDirectory: root)
            #expect(wrong.standardError.contains("other.json: the baseline is not a check report: `schemaVersion` is missing"))
        }
    }

    /// Two reports into one file interleaved into an invalid file (issue 23): refused up front.
    @Test func oneFileForTwoReportsIsAUsageError() throws {
        try FixtureTree.with(files(["good.py": Self.documented])) { root in
            let result = try ProcessRunner.docharness(["check", "good.py", "--json", "r", "--sarif", "./r"], currentDirectory: root)
            #expect(result.status == 2)
            #expect(result.standardError.contains("--json and --sarif both name ./r; give each report its own file"))
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("r").path))
        }
    }

    /// `check --json src.py` took the source for the report's name and replaced it with JSON.
    @Test func aReportNeverOverwritesAPythonFile() throws {
        try FixtureTree.with(files(["good.py": Self.documented])) { root in
            let result = try ProcessRunner.docharness(["check", "--json", "good.py"], currentDirectory: root)
            #expect(result.status == 2)
            #expect(result.standardError.contains("--json good.py would overwrite a Python source file with the report; --json takes the report's file name, e.g. --json report.json"), "\(result.standardError)")
            #expect(try String(contentsOf: root.appendingPathComponent("good.py"), encoding: .utf8) == Self.documented)
        }
    }

    /// `check /nonexistent` printed "0 findings. Gate: passed" and exited 3 (issue 21): a path
    /// that cannot be read fails the gate, in the summary and the JSON report alike.
    @Test func aMissingPathNeverPassesTheGate() throws {
        try FixtureTree.with(files(["good.py": Self.documented])) { root in
            let result = try ProcessRunner.docharness(["check", "good.py", "missing.py", "--json", "r.json"], currentDirectory: root)
            #expect(result.status == 3)
            #expect(result.standardError.contains("missing.py:0:0: DH004 cannot read path"))
            #expect(!result.standardOutput.contains("Gate: passed"))
            #expect(result.standardOutput.contains("Gate: FAILED: 1 path could not be read (DH004 above)"), "\(result.standardOutput)")
            let report = try String(contentsOf: root.appendingPathComponent("r.json"), encoding: .utf8)
            #expect(report.contains("\"passed\":false") || report.contains("\"passed\": false"))
        }
    }

    /// A reader that stops early (`docharness check | head -1`) must not cost the report files.
    @Test func aClosedStandardOutputStillWritesTheReports() throws {
        try FixtureTree.with(files(["bad.py": Self.undocumented])) { root in
            let binary = TestEnvironment.docharness.path
            let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(binary)' check . --json r.json | true; echo done"], currentDirectory: root)
            #expect(result.standardOutput.contains("done"))
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("r.json").path))
        }
    }

    @Test func passingAndFailingGates() throws {
        try FixtureTree.with(files(["good.py": Self.documented, "bad.py": Self.undocumented])) { root in
            let good = try ProcessRunner.docharness(["check", "good.py"], currentDirectory: root)
            #expect(good.status == 0, "\(good.standardOutput)\(good.standardError)")
            #expect(good.standardOutput.contains("Gate: passed"))
            let bad = try ProcessRunner.docharness(["check", "."], currentDirectory: root)
            #expect(bad.status == 1)
            #expect(bad.standardOutput.contains("bad.py:1:1: DH100 module has no docstring"))
            #expect(bad.standardOutput.contains("bad.py:1:1: DH100 `perimeter` has no docstring"))
            #expect(bad.standardOutput.contains("Gate: FAILED: overall score"))
            let lenient = try ProcessRunner.docharness(["check", ".", "--fail-under", "0"], currentDirectory: root)
            #expect(lenient.status == 0)
        }
    }

    @Test func jsonReportAndBaseline() throws {
        try FixtureTree.with(files(["bad.py": Self.undocumented])) { root in
            let first = try ProcessRunner.docharness(["check", ".", "--json", "report.json", "--format", "json"], currentDirectory: root)
            #expect(first.status == 1)
            let written = try String(contentsOf: root.appendingPathComponent("report.json"), encoding: .utf8)
            #expect(written == first.standardOutput)
            let report = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any]
            #expect(report?["schemaVersion"] as? Int == 1)
            // Nothing new against its own report: the gate passes.
            let same = try ProcessRunner.docharness(["check", ".", "--baseline", "report.json"], currentDirectory: root)
            #expect(same.status == 0, "\(same.standardOutput)")
            // Lines shift and a new undocumented function appears: only that one is new.
            let shifted = "\n\n" + Self.undocumented + "\ndef volume(a, b, c):\n    return a * b * c\n"
            try Data(shifted.utf8).write(to: root.appendingPathComponent("bad.py"))
            let changed = try ProcessRunner.docharness(["check", ".", "--baseline", "report.json"], currentDirectory: root)
            #expect(changed.status == 1)
            let lines = changed.standardOutput.split(separator: "\n").filter { $0.contains(": DH") }
            #expect(lines.count == 1, "\(changed.standardOutput)")
            #expect(lines.first?.contains("`volume` has no docstring") == true)
            let broken = try ProcessRunner.docharness(["check", ".", "--baseline", "bad.py"], currentDirectory: root)
            #expect(broken.status == 2)
            #expect(broken.standardError.contains("bad.py:3:1: the baseline is not JSON"))
        }
    }

    @Test func configurationErrorsExitWithTwoAndNameTheLine() throws {
        let pyproject = "[project]\nname = \"x\"\n\n[tool.docharness]\nstyle = \"google\"\nfail-undr = 80\n"
        try FixtureTree.with(files(["pyproject.toml": pyproject, "good.py": Self.documented])) { root in
            let result = try ProcessRunner.docharness(["check", "good.py"], currentDirectory: root)
            #expect(result.status == 2)
            #expect(result.standardError.contains("pyproject.toml:6: unknown key `fail-undr`"))
            #expect(result.standardError.contains("did you mean `fail-under`"))
        }
        let usage = try ProcessRunner.docharness(["check", "--select", "XX9"])
        #expect(usage.status == 2)
        let listed = try ProcessRunner.docharness(["check", "--select", "DH101,XX9"])
        #expect(listed.status == 2 && listed.standardError.contains("'XX9' is not a rule code or prefix"))
    }

    /// Issue 21: rule lists as ruff users write them, comma-separated, and `--extend-ignore`.
    @Test func commaSeparatedRuleLists() throws {
        let source = "def f(a, b):\n    \"\"\"Do.\"\"\"\n    return a\n"
        try FixtureTree.with(files(["m.py": source])) { root in
            let selected = try ProcessRunner.docharness(["check", "m.py", "--select", "DH101,DH100", "--fail-under", "0"], currentDirectory: root)
            #expect(selected.status == 0, "\(selected.standardError)")
            #expect(selected.standardOutput.contains("DH101") && selected.standardOutput.contains("DH100"))
            #expect(!selected.standardOutput.contains("DH400") && !selected.standardOutput.contains("DH203"))
            let ignored = try ProcessRunner.docharness(["check", "m.py", "--extend-ignore", "DH100, DH101", "--fail-under", "0"], currentDirectory: root)
            #expect(ignored.status == 0, "\(ignored.standardError)")
            #expect(!ignored.standardOutput.contains("DH101") && !ignored.standardOutput.contains("DH100"))
        }
    }

    @Test func excludesApplyToExplicitPathsAndSuppressionsNeedReasons() throws {
        let config = "exclude = [\"generated\"]\nfail-under = 0\n"
        let suppressed = """
        \"\"\"Module.\"\"\"


        def legacy(x):  # docharness: ignore[DH100] kept for the old API
            return x


        def other(x):  # docharness: ignore[DH100]
            return x

        """
        try FixtureTree.with(files(["docharness.toml": config, "generated/out.py": Self.undocumented, "s.py": suppressed])) { root in
            let explicit = try ProcessRunner.docharness(["check", "generated/out.py", "s.py", "--format", "json"], currentDirectory: root)
            let report = try JSONSerialization.jsonObject(with: Data(explicit.standardOutput.utf8)) as? [String: Any]
            let paths = (report?["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
            #expect(paths == ["s.py"])
            let text = try ProcessRunner.docharness(["check", "s.py"], currentDirectory: root)
            #expect(!text.standardOutput.contains("`legacy` has no docstring"))
            #expect(text.standardOutput.contains("s.py:8:1: DH020"))
            #expect(text.standardOutput.contains("s.py:8:1: DH100 `other` has no docstring"))
        }
    }

    /// `# noqa` as ruff users write it (issue 21): it was silently ignored.
    @Test func noqaCommentsAsRuffWritesThem() throws {
        let source = """
        \"\"\"Module.\"\"\"


        def a(x):  # noqa: DH100
            return x


        def b(x):  # noqa
            return x


        def c(x):  # noqa: E501
            return x


        def d(x):  # type: ignore  # NOQA:DH100
            return x


        def e(x):  # noqa: DH100, E501
            \"\"\"Return x.\"\"\"
            return x


        def f(x):  # docharness: ignore[DH100]
            return x

        """
        try FixtureTree.with(files(["n.py": source])) { root in
            let strict = try ProcessRunner.docharness(["check", "n.py", "--select", "DH0,DH100"], currentDirectory: root)
            let lines = strict.standardOutput.split(separator: "\n").filter { $0.hasPrefix("n.py:") }
            #expect(lines == ["n.py:12:1: DH100 `c` has no docstring; add one that says what it does",
                              "n.py:20:1: DH021 this suppression silences nothing; remove it",
                              "n.py:25:1: DH020 this suppression gives no reason, so it does not apply; write `# docharness: ignore[CODE] why`",
                              "n.py:25:1: DH100 `f` has no docstring; add one that says what it does"], "\(strict.standardOutput)")
            try Data("require-suppression-reason = false\n".utf8).write(to: root.appendingPathComponent("docharness.toml"))
            let relaxed = try ProcessRunner.docharness(["check", "n.py", "--select", "DH0,DH100"], currentDirectory: root)
            let relaxedLines = relaxed.standardOutput.split(separator: "\n").filter { $0.hasPrefix("n.py:") }
            #expect(relaxedLines.count == 2 && relaxedLines[0].contains("`c`") && relaxedLines[1].contains("DH021"), "\(relaxed.standardOutput)")
        }
    }

    @Test func githubAnnotationsAreEscaped() throws {
        try FixtureTree.with(files(["bad.py": Self.undocumented])) { root in
            let result = try ProcessRunner.docharness(["check", ".", "--format", "github"], currentDirectory: root)
            #expect(result.standardOutput.contains("::warning file=bad.py,line=1,col=1,title=DH100 missing-docstring::"))
            #expect(result.standardOutput.contains("::error title=docharness::docstring gate failed"))
        }
    }

    @Test func changedSinceGatesOnlyTouchedSymbols() throws {
        guard (try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "--version"]).status) == 0 else { return }
        let old = Self.documented + Self.undocumented
        try FixtureTree.with(files(["geo.py": old])) { root in
            func git(_ arguments: String...) throws {
                let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                                   ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"] + arguments,
                                                   currentDirectory: root)
                #expect(result.status == 0, "\(result.standardError)")
            }
            try git("init", "-q")
            try git("add", ".")
            try git("commit", "-q", "-m", "base")
            // Edit only `area`'s body: `perimeter` (undocumented) is not touched, so the gate passes.
            try Data(old.replacingOccurrences(of: "return width * height", with: "return height * width").utf8)
                .write(to: root.appendingPathComponent("geo.py"))
            let touched = try ProcessRunner.docharness(["check", ".", "--changed-since", "HEAD"], currentDirectory: root)
            #expect(touched.status == 0, "\(touched.standardOutput)\(touched.standardError)")
            #expect(touched.standardOutput.contains("symbols changed since HEAD"))
            #expect(!touched.standardOutput.contains("perimeter"))
            // Touch `perimeter` too: now it is gated.
            try Data(old.replacingOccurrences(of: "2 * (width + height)", with: "(width + height) * 2").utf8)
                .write(to: root.appendingPathComponent("geo.py"))
            let both = try ProcessRunner.docharness(["check", ".", "--changed-since", "HEAD"], currentDirectory: root)
            #expect(both.status == 1)
            #expect(both.standardOutput.contains("`perimeter` has no docstring"))
            // Clean as you code: a new undocumented parameter in a changed symbol fails the gate
            // alone (it used to pass: the symbol's score stayed above the threshold), the summary
            // names it, and it is the first annotation after the verdict.
            try Data(old.replacingOccurrences(of: "def area(width, height):", with: "def area(width, height, depth):").utf8)
                .write(to: root.appendingPathComponent("geo.py"))
            let added = try ProcessRunner.docharness(["check", ".", "--changed-since", "HEAD"], currentDirectory: root)
            #expect(added.status == 1, "\(added.standardOutput)")
            #expect(added.standardOutput.contains("DH101"))
            #expect(added.standardOutput.contains("Gate: FAILED: 1 finding in symbols changed since HEAD — DH101 in `area` (geo.py:"), "\(added.standardOutput)")
            let annotations = try ProcessRunner.docharness(["check", ".", "--changed-since", "HEAD", "--format", "github"], currentDirectory: root)
            let lines = annotations.standardOutput.split(separator: "\n")
            #expect(lines.count >= 2 && lines[0].hasPrefix("::error title=docharness::") && lines[1].contains("title=DH101"), "\(annotations.standardOutput)")
            let unknown = try ProcessRunner.docharness(["check", ".", "--changed-since", "no-such-ref"], currentDirectory: root)
            #expect(unknown.status == 2)
            // Passed to git as an option, this wrote a file (issue 23).
            let planted = root.appendingPathComponent("written-by-git").path
            let injected = try ProcessRunner.docharness(["check", ".", "--changed-since=--output=\(planted)"], currentDirectory: root)
            #expect(injected.status == 2)
            #expect(injected.standardError.contains("cannot be empty or start with '-'"))
            #expect(!FileManager.default.fileExists(atPath: planted))
        }
    }

    /// A FIFO named `.py` hung `check` forever; `/dev/zero` behind a `.py` link ran it out of
    /// memory (issue 23): both are DH004 diagnostics now, and the rest is checked.
    @Test func specialFilesAreDiagnosedNotRead() throws {
        try FixtureTree.with(files(["good.py": Self.documented])) { root in
            #expect(mkfifo(root.appendingPathComponent("pipe.py").path, 0o600) == 0)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("zero.py").path, withDestinationPath: "/dev/zero")
            let result = try ProcessRunner.docharness(["check", "."], currentDirectory: root)
            #expect(result.status == 3)
            #expect(result.standardOutput.contains("pipe.py:0:0: DH004 cannot read file: is a FIFO, not a regular file"), "\(result.standardOutput)")
            #expect(result.standardOutput.contains("zero.py:0:0: DH004 cannot read file: is a device or special file"))
            #expect(result.standardOutput.contains("Checked 2 symbols in 1 file"))
        }
    }

    /// A folder that cannot be listed (here: its path is longer than PATH_MAX) and a `.gitignore`
    /// that is a FIFO were skipped in silence, the gate passing (issue 23).
    @Test func unlistableFoldersAndUnreadableGitignoresAreDiagnosed() throws {
        try FixtureTree.with(files(["good.py": Self.documented])) { root in
            #expect(mkfifo(root.appendingPathComponent(".gitignore").path, 0o600) == 0)
            // 25 folders of 200 characters, made one level at a time (no path to them fits PATH_MAX).
            var descriptor = open(root.path, O_RDONLY | O_DIRECTORY)
            let name = String(repeating: "d", count: 200)
            for _ in 0 ..< 25 {
                #expect(mkdirat(descriptor, name, 0o755) == 0)
                let next = openat(descriptor, name, O_RDONLY | O_DIRECTORY)
                close(descriptor)
                descriptor = next
            }
            close(descriptor)
            let result = try ProcessRunner.docharness(["check", "."], currentDirectory: root)
            #expect(result.status == 3)
            let said = result.standardOutput + result.standardError
            #expect(said.contains(".gitignore:0:0: DH004 cannot read .gitignore: is a FIFO"), "\(said)")
            #expect(said.contains("DH004 cannot read path: File name too long"))
            #expect(result.standardOutput.contains("Checked 2 symbols in 1 file"))
        }
    }

    @Test func unreadableInputExitsWithThreeAndTheRestIsChecked() throws {
        try FixtureTree.with(["good.py": Array(Self.documented.utf8), "latin.py": [0x23, 0x20, 0xE9, 0x0A]]) { root in
            let result = try ProcessRunner.docharness(["check", "."], currentDirectory: root)
            #expect(result.status == 3)
            #expect(result.standardOutput.contains("latin.py:1:3: DH002"))
            #expect(result.standardOutput.contains("Checked 2 symbols in 1 file"))
        }
    }
}
