import PythonSyntax
import Testing
@testable import Reports
@testable import Scoring

/// How the concise text output groups findings: a class's undocumented members on one line.
@Suite struct FindingGroupsTests {
    func lines(_ source: String, merge: Bool) -> [FindingGroups.Line] {
        let result = Scorer(configuration: ScoringConfiguration()).check([SourceFile.parse(source: source, path: "m.py")], jobs: 1)
        return FindingGroups.lines(result.files.flatMap(\.findings).filter { $0.code == "DH100" && $0.symbol.contains(".") }, merge: merge)
    }

    static let source = """
    class Box:
        \"\"\"A box.\"\"\"

        @property
        def size(self):
            return self._size

        @size.setter
        def size(self, value):
            self._size = value

        def open(self):
            pass

    """

    /// One line at the first member, naming each member once per definition; a name defined
    /// twice (a property and its setter) does not print the line twice.
    @Test func membersWithoutDocstringsAreOneLine() throws {
        let merged = lines(Self.source, merge: true)
        #expect(merged.count == 1, "\(merged.map(\.message))")
        let line = try #require(merged.first)
        #expect(line.line == 5)
        #expect(line.message == "3 members of `Box` have no docstring: `size` (line 5), `size` (9), `open` (12)")
    }

    /// The full format keeps a line per finding.
    @Test func theFullFormatKeepsEveryMember() {
        #expect(lines(Self.source, merge: false).count == 3)
    }
}
