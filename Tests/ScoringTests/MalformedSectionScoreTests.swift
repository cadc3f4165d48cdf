import PythonSyntax
import Testing
@testable import Scoring

/// A section DocHarness cannot read costs no more than leaving it out (issue 19: four unreadable
/// `Args:` lines scored 54.6 where no section at all scored 60.9).
@Suite struct MalformedSectionScoreTests {
    /// The completeness of the function `f` in `source`.
    func completeness(_ source: String) throws -> Double {
        let file = SourceFile.parse(source: source, path: "example.py")
        let result = Scorer(configuration: ScoringConfiguration()).check([file], jobs: 1)
        let symbol = try #require(result.files.first?.symbols.first { $0.qualname == "f" })
        return try #require(symbol.scores?[.completeness])
    }

    static let missing = "def f(x, y, z):\n    \"\"\"Turn the three values into a point.\"\"\"\n    if x:\n        raise ValueError(x)\n    return (x, y, z)\n"

    /// Each: a docstring whose section lines cannot be read, in one section or another.
    static let malformed: [String] = [
        "def f(x, y, z):\n    \"\"\"Turn the three values into a point.\n\n    Args:\n        x The first value.\n        y The second value.\n        z The third value.\n    \"\"\"\n    if x:\n        raise ValueError(x)\n    return (x, y, z)\n",
        "def f(x, y, z):\n    \"\"\"Turn the three values into a point.\n\n    Args:\n        x: The first value.\n        The second value.\n        z The third value.\n\n    Returns:\n        tuple: The point.\n    \"\"\"\n    if x:\n        raise ValueError(x)\n    return (x, y, z)\n",
        "def f(x, y, z):\n    \"\"\"Turn the three values into a point.\n\n    :param x: The first value.\n    :param y: The second value.\n    :param z: The third value.\n    :raises: when x is set\n    :returns: the point\n    \"\"\"\n    if x:\n        raise ValueError(x)\n    return (x, y, z)\n",
    ]

    @Test(arguments: malformed.indices)
    func aMalformedSectionNeverScoresBelowAMissingOne(_ index: Int) throws {
        let malformed = try completeness(Self.malformed[index])
        let missing = try completeness(Self.missing)
        #expect(malformed >= missing, "malformed \(malformed) < missing \(missing)")
    }

    /// The waiver is only for what another rule already charges: an unreadable line that leaves
    /// nothing undocumented still costs 0.3.
    @Test func anUnreadableLineAloneStillCosts() throws {
        let source = "def f(x):\n    \"\"\"Double a value.\n\n    Args:\n        x: The value.\n        and more words here that are not an entry\n    \"\"\"\n"
        let file = SourceFile.parse(source: source, path: "example.py")
        let result = Scorer(configuration: ScoringConfiguration()).check([file], jobs: 1)
        let symbol = try #require(result.files.first?.symbols.first { $0.qualname == "f" })
        #expect(symbol.findings.map(\.code).contains("DH010"), "\(symbol.findings.map(\.message))")
        #expect(try #require(symbol.scores?[.completeness]) < 100)
    }
}
