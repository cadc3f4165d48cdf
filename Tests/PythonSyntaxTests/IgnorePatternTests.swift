import Testing
@testable import PythonSyntax

@Suite("gitignore patterns")
struct IgnorePatternTests {
    func ignored(_ pattern: String, _ path: String, directory: Bool = false, base: String = "") -> Bool {
        IgnorePattern(line: pattern, base: base)!.matches(relativePath: path, isDirectory: directory)
    }

    @Test("unanchored patterns match the name at any depth; anchored ones the whole path")
    func anchoring() {
        #expect(ignored("*.py", "a/b/c.py"))
        #expect(ignored("build/", "src/build", directory: true))
        #expect(!ignored("build/", "src/build"))
        #expect(ignored("/gen.py", "gen.py"))
        #expect(!ignored("/gen.py", "sub/gen.py"))
        #expect(ignored("docs/*.py", "docs/x.py"))
        #expect(!ignored("docs/*.py", "docs/a/x.py"))
        #expect(ignored("docs/**/x.py", "docs/a/b/x.py"))
        #expect(ignored("**/tests", "a/tests", directory: true))
        #expect(ignored("test_[ab].py", "test_a.py") && !ignored("test_[ab].py", "test_c.py"))
        #expect(ignored("*.py", "pkg/m.py", base: "pkg") && !ignored("*.py", "other/m.py", base: "pkg"))
    }

    @Test("comments and blank lines are not patterns; ! negates")
    func negation() {
        #expect(IgnorePattern(line: "# comment", base: "") == nil)
        #expect(IgnorePattern(line: "   ", base: "") == nil)
        #expect(IgnorePattern(line: "!keep.py", base: "")?.isNegated == true)
    }

    /// 300,000 `*` in a `.gitignore` line overflowed the matcher's stack (issue 23).
    @Test func hugeGlobsNeitherOverflowNorChangeMeaning() throws {
        let stars = try #require(IgnorePattern(line: String(repeating: "*", count: 300_000) + ".py", base: ""))
        #expect(stars.matches(relativePath: "a/b/c.py", isDirectory: false))
        #expect(!stars.matches(relativePath: "a/b/c.txt", isDirectory: false))
        #expect(IgnorePattern(line: String(repeating: "*a", count: 100_000), base: "") == nil)
    }
}
