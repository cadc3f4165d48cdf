import Foundation
import Testing
@testable import Scoring

@Suite struct TOMLParserTests {
    @Test func readsTheLanguage() throws {
        let document = try TOMLParser.parse(#"""
        # comment
        title = "A \"quoted\" \u00e9"
        literal = 'C:\path'
        multi = """
        one \
          two"""
        count = 1_000
        hex = 0xff
        ratio = 6.5e-1
        on = true
        when = 1979-05-27 07:32:00Z
        list = [1, [2, 3], "x",]  # trailing comma
        inline = { a = 1, b.c = "d" }

        [tool.docharness]
        style = "google"

        [[tool.entries]]
        name = "first"
        [[tool.entries]]
        name = "second"
        """#)
        #expect(document["title"]?.value == .string("A \"quoted\" é"))
        #expect(document["literal"]?.value == .string(#"C:\path"#))
        #expect(document["multi"]?.value == .string("one two"))
        #expect(document["count"]?.value == .integer(1000))
        #expect(document["hex"]?.value == .integer(255))
        #expect(document["ratio"]?.value == .float(0.65))
        #expect(document["on"]?.value == .boolean(true))
        #expect(document["when"]?.value == .dateTime("1979-05-27 07:32:00Z"))
        guard case .table(let tool)? = document["tool"]?.value, case .table(let own)? = tool["docharness"]?.value,
              case .array(let entries)? = tool["entries"]?.value else {
            Issue.record("tables missing")
            return
        }
        #expect(own["style"]?.line == 16)
        #expect(entries.count == 2)
    }

    @Test func rejectsWhatTheSpecificationRejects() {
        for bad in ["a = 1\na = 2", "[t]\n[t]", "a = bare", "a = \"open", "a = [1, 2", "x.y = 1\nx = 2", "a = 1 b = 2"] {
            #expect(throws: TOMLParser.SyntaxError.self, "\(bad)") { try TOMLParser.parse(bad) }
        }
        do {
            _ = try TOMLParser.parse("a = 1\nb = nope\n")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("strings need quotes"))
        }
    }
}

@Suite struct ConfigurationLoaderTests {
    let codes = RuleCatalog.codes

    @Test func readsEveryKind() throws {
        let (configuration, found) = try ConfigurationLoader.load(text: """
        [project]
        name = "x"

        [tool.docharness]
        style = "numpy"
        fail-under = 85
        exclude = ["build", "tests/**"]
        ignore = ["DH2"]
        per-file-ignores = { "scripts/*.py" = ["DH100"] }

        [tool.docharness.weights]
        completeness = 60

        [tool.docharness.thresholds]
        style = 90

        [tool.docharness.coverage]
        ignore-private = true

        [tool.docharness.rules]
        document-variadic-parameters = false
        """, path: "pyproject.toml", isPyproject: true, knownCodes: codes)
        #expect(found)
        #expect(configuration.style == .numpy)
        #expect(configuration.failUnder == 85)
        #expect(configuration.exclude == ["build", "tests/**"])
        #expect(configuration.weights[.completeness] == 60)
        #expect(configuration.dimensionFailUnder[.style] == 90)
        #expect(configuration.coverage.ignorePrivate)
        #expect(!configuration.rules.documentVariadicParameters)
        #expect(configuration.perFileIgnores.map(\.codes) == [["DH100"]])
        #expect(!configuration.isEnabled("DH203"))
        #expect(configuration.isEnabled("DH101"))
    }

    @Test func unknownKeysAndCodesNameTheLineAndASuggestion() {
        func error(_ text: String) -> ConfigurationError? {
            do {
                _ = try ConfigurationLoader.load(text: text, path: "docharness.toml", isPyproject: false, knownCodes: codes)
                return nil
            } catch {
                return error
            }
        }
        let typo = error("style = \"google\"\nfail-undr = 80\n")
        #expect(typo?.line == 2)
        #expect(typo?.message.contains("did you mean `fail-under`") == true)
        let code = error("ignore = [\"DH1O1\"]\n")
        #expect(code?.line == 1)
        #expect(code?.message.contains("DH101") == true)
        let nested = error("[coverage]\nignore-privat = true\n")
        #expect(nested?.line == 2)
        #expect(nested?.message.contains("ignore-private") == true)
        let range = error("fail-under = 120\n")
        #expect(range?.message.contains("0 to 100") == true)
        let style = error("style = \"googel\"\n")
        #expect(style?.message.contains("\"google\"") == true)
        let syntax = error("style = google\n")
        #expect(syntax?.line == 1)
        // Ignored in silence, or NaN scores that crashed --junit, before (issue 23).
        #expect(error("[[tool.docharness]]\nstyle = \"google\"\n")?.message.contains("must be a table") == true)
        #expect(error("[tool]\ndocharness = 5\n")?.line == 2)
        #expect(error("[weights]\ncompleteness = 1.7e308\n")?.message.contains("must be at most 1000000") == true)
        // A 20,000-part dotted key took 16 s; 20,000 per-file-ignores 11 s (each insertion copied the table).
        #expect(error("x" + String(repeating: ".y", count: 20_000) + " = 1\n")?.message.contains("more than 128 parts") == true)
        let many = "[per-file-ignores]\n" + (0 ..< 20_000).map { "\"d\($0)/**\" = [\"DH100\"]\n" }.joined()
        #expect(error(many) == nil)
        // 200,000 nested `[` overflowed the parser's stack.
        #expect(error("exclude = " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "\n")?.message.contains("nested deeper than 128") == true)
    }

    @Test func selectAndIgnoreUseTheLongestPrefix() {
        var configuration = ScoringConfiguration()
        configuration.select = ["DH1"]
        configuration.ignore = ["DH10"]
        #expect(!configuration.isEnabled("DH101"))
        #expect(configuration.isEnabled("DH110"))
        #expect(!configuration.isEnabled("DH201"))
        configuration.select = ["DH101"]
        #expect(configuration.isEnabled("DH101"))
    }
}

@Suite struct PullRequestModeTests {
    @Test func gitDiffHunksBecomeLineRanges() {
        let diff = """
        diff --git a/pkg/a.py b/pkg/a.py
        --- a/pkg/a.py
        +++ b/pkg/a.py
        @@ -10,2 +10,3 @@ def f():
        @@ -20 +21 @@
        @@ -30,4 +31,0 @@
        diff --git a/new.py b/new.py
        --- /dev/null
        +++ b/new.py
        @@ -0,0 +1,5 @@
        """
        let changed = ChangedLines.parse(gitDiff: diff, revision: "main", root: "/repo")
        #expect(changed.ranges["/repo/pkg/a.py"] == [10 ... 12, 21 ... 21])
        #expect(changed.ranges["/repo/new.py"] == [1 ... 5])
        #expect(changed.touches("/repo/pkg/a.py", lines: [12 ... 15]))
        #expect(!changed.touches("/repo/pkg/a.py", lines: [13 ... 20]))
    }

    @Test func suppressionsNeedAReason() {
        #expect(Suppression.parse(comment: " docharness: ignore[DH101, DH2] legacy API", line: 3)
                == Suppression(line: 3, codes: ["DH101", "DH2"], reason: "legacy API"))
        #expect(Suppression.parse(comment: " docharness: ignore[DH101]", line: 1)?.reason == "")
        #expect(Suppression.parse(comment: " noqa: D100", line: 1) == nil)
    }

    @Test func fingerprintsIgnoreLines() {
        let a = Finding(code: "DH101", rule: "r", dimension: .completeness, message: "m", path: "p.py", line: 3, column: 1,
                        symbol: "f", subject: "x", penalty: 0.1)
        var b = a
        b = Finding(code: "DH101", rule: "r", dimension: .completeness, message: "m2", path: "p.py", line: 30, column: 5,
                    symbol: "f", subject: "x", penalty: 0.1)
        #expect(a.fingerprint == b.fingerprint)
        #expect(Fingerprint.of("a", "bc") != Fingerprint.of("ab", "c"))
    }

    /// A docharness.toml that is a FIFO hung `check`; read non-blocking it was then ignored in
    /// silence. It is an error naming the file (issue 23).
    @Test func aConfigurationFileThatCannotBeReadIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-config-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/docharness.toml", 0o600) == 0)
        let result = Result { () throws(ConfigurationError) in try ConfigurationLoader.discover(from: folder, knownCodes: []) }
        guard case .failure(let error) = result else {
            Issue.record("a FIFO configuration was accepted")
            return
        }
        #expect(error.message.hasPrefix("cannot be read: is a FIFO"))
    }
}
