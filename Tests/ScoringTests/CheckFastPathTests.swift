import Foundation
import PythonSyntax
import Testing
@testable import Scoring

/// The byte-level and precomputed paths `check` takes for speed give the answers of the plain
/// ones they replaced.
@Suite struct CheckFastPathTests {
    /// Defaults as signatures and docstrings write them, ASCII and not.
    static let literals = [
        "10", " 10 ", "\t-3.5", "+1e-3", "1_000", "0x10", "1.", ".5", "True", "false", "NONE", "None", " `None` ", "``3``",
        "'a'", "\"b c\"", "'\\\\n'", "`'x'`", "'", "\"", "``", "", " ", "abc", "1e", "e1", "--1", "nan", "inf", "Truex",
        "10\u{00A0}", "\u{00A0}10", "'é'", "１０", "٣", "`True`", "TRUE", "1__0", "_1",
    ]

    @Test func theASCIILiteralReaderAgreesWithTheCharacterOne() {
        for text in Self.literals {
            #expect(StaleDefault.literal(text) == StaleDefault.characterLiteral(text), "\(text.debugDescription)")
        }
    }

    /// The byte-level word reader agrees with ProseWords on whether a description is only
    /// articles and the entry's name.
    @Test func emptyOrNameAgreesWithProseWords() {
        let descriptions = ["", "The x.", "x", "The X parameter", "A value.", "an X", "The  x\tthe\nx", "The x, the x!", "_x_", "x_y",
                            "The the", "Größe", "The size_", "—", "the — x", "X.", "THE X", "the xs", "10"]
        for name in ["x", "size_", "X", "x_y"] {
            for description in descriptions {
                let bare = ParameterName.normalize(name).lowercased()
                let expected = SymbolContext.words(description).allSatisfy { ["the", "a", "an", bare, ""].contains($0) }
                #expect(ContentFreeDescription.isEmptyOrName(description, name: name) == expected, "\(name): \(description.debugDescription)")
            }
        }
    }

    @Test func exceptionNamesNormalize() {
        #expect(ExceptionName.normalize(" :exc:`~pkg.errors.Timeout` ") == "Timeout")
        #expect(ExceptionName.normalize("errors.Timeout") == "Timeout")
        #expect(ExceptionName.normalize("`ValueError`\n") == "ValueError")
        #expect(ExceptionName.normalize(":class:`!KeyError`") == "KeyError")
        #expect(ExceptionName.normalize("Ünïcode.Fehler") == "Fehler")
    }

    /// Quiet: calls nothing, or only quiet functions (three calls deep); a name defined twice is
    /// quiet only when both definitions are; a call to an unknown name is not quiet.
    @Test func quietFunctionsFollowCallsAndEveryDefinition() {
        let source = """
        def leaf():
            return 1

        def one():
            return leaf()

        def two():
            return one()

        def three():
            return two()

        def four():
            return three()

        def five():
            return four()

        def raises():
            raise ValueError()

        def calls_raiser():
            return raises()

        def unknown():
            return elsewhere()

        class A:
            def twice(self):
                return 1

        class B:
            def twice(self):
                raise KeyError()

        class C:
            def once(self):
                return self.leaf_method()

            def leaf_method(self):
                return 2

        """
        let quiet = QuietFunctions(files: [SourceFile.parse(source: source, path: "m.py")]).names
        #expect(quiet == ["leaf", "one", "two", "three", "once", "leaf_method"], "\(quiet.sorted())")
    }

    /// Neighbours found through the walk the run already made are the ones a new walk finds.
    @Test func neighboursFromTheWalkEqualAFreshWalk() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dh-neighbours-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = ["tree/pkg/__init__.py", "tree/pkg/a.py", "tree/pkg/sub/__init__.py", "tree/pkg/sub/b.py", "tree/other/c.py",
                     "tree/other/d.py", "tree/top.py", "tree/pkg/excluded.py"]
        for file in files {
            let path = root + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: path))
        }
        let walked = PythonFileWalker().expand([root + "/tree"]).files
        // A run that checks all but one file of the tree (as a configuration's exclude would).
        let checked = walked.filter { !$0.hasSuffix("excluded.py") }
        let fresh = ProjectNames.neighbours(of: checked, excludes: [])
        let reused = ProjectNames.neighbours(of: checked, excludes: [], walked: .init(directories: [root + "/tree/"], files: walked))
        #expect(fresh.sorted() == reused.sorted())
        #expect(reused == [root + "/tree/pkg/excluded.py"])
        // A package the walk did not cover is walked.
        let single = [root + "/tree/pkg/sub/b.py"]
        #expect(ProjectNames.neighbours(of: single, excludes: [], walked: .init(directories: [], files: single)).sorted()
            == ProjectNames.neighbours(of: single, excludes: []).sorted())
    }

    @Test func blankIsWhiteSpaceAsCharactersSeeIt() {
        for text in ["", " ", "\n\t \r\u{0B}\u{0C}", "a", " \u{00A0}", "\u{2003}x", "\u{0085}", "\u{1C}", "  é", "\u{2028}\u{3000}"] {
            #expect(text.isBlank == text.allSatisfy(\.isWhitespace), "\(text.debugDescription)")
        }
    }

    @Test func relativePathsAreCutOnBytes() {
        var configuration = ScoringConfiguration()
        configuration.root = "/work/project"
        let filter = PathFilter(configuration: configuration)
        #expect(filter.relative("/work/project/pkg/é.py") == "pkg/é.py")
        #expect(filter.relative("/work/projectile/a.py") == "/work/projectile/a.py")
        #expect(filter.relative("/work/project/../project/b.py") == "b.py")
    }

    /// One core or several, the same findings in the same order.
    @Test func jobsDoNotChangeTheResult() {
        let sources = (0 ..< 12).map { index in
            SourceFile.parse(source: "def f\(index)(x, y=\(index)):\n    \"\"\"Do it\n    now.\n\n    Args:\n        x: A value.\n    \"\"\"\n    return helper(x)\n\n\ndef helper(v):\n    raise ValueError(v)\n",
                             path: "pkg/m\(index).py")
        }
        let scorer = Scorer(configuration: ScoringConfiguration())
        let one = scorer.check(sources, jobs: 1), two = scorer.check(sources, jobs: 2)
        #expect(one.files.flatMap(\.findings).map { "\($0.path):\($0.line) \($0.code) \($0.message)" }
            == two.files.flatMap(\.findings).map { "\($0.path):\($0.line) \($0.code) \($0.message)" })
        #expect(one.project == two.project)
        #expect(one.packages.map(\.path) == ["pkg"])
    }
}
