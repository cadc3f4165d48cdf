import DocHarnessTestSupport
import Foundation
import PythonSyntax
import Testing
@testable import Reports
@testable import Scoring

/// Every report format of `check` on the bundled corpus, compared with the snapshots in
/// `Tests/ReportsTests/Snapshots/` (regenerate with `DOCHARNESS_UPDATE_SNAPSHOTS=1 swift test
/// --filter ReportSnapshotTests` and review the diff).
@Suite struct ReportSnapshotTests {
    static let root = TestEnvironment.packageRoot
    static let snapshots = root.appendingPathComponent("Tests/ReportsTests/Snapshots")

    /// The `inventory` package of the corpus checked with its paths relative to the package root,
    /// as `docharness check corpora/python/inventory` shows them.
    static func result() throws -> CheckResult {
        let absolute = root.appendingPathComponent("corpora/python/inventory").path
        let paths = PythonFileWalker().expand([absolute]).files
        let files = try paths.map { path -> SourceFile in
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            return SourceFile.parse(bytes: bytes, path: "corpora/python/inventory" + path.dropFirst(absolute.count))
        }
        return Scorer(configuration: ScoringConfiguration()).check(files, jobs: 1)
    }

    func compare(_ actual: String, _ name: String) throws {
        let path = Self.snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DOCHARNESS_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: path, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        #expect(actual == expected, "\(name) differs from its snapshot; if the change is intended, regenerate with DOCHARNESS_UPDATE_SNAPSHOTS=1")
    }

    @Test func text() throws {
        let result = try Self.result()
        let lines = CheckTextReport.findingLines(result, onlyNew: false)
        try compare(lines.joined(separator: "\n") + "\n" + CheckTextReport.summary(result, shownLines: lines.count) + "\n", "corpus.txt")
    }

    @Test func json() throws {
        try compare(String(decoding: CheckJSONReport.encode(try Self.result()), as: UTF8.self), "corpus.json")
    }

    @Test func junit() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("junit.xml").path
        try JUnitWriter.write(CheckJUnitReport.report(try Self.result(), timestamp: "2026-01-01T00:00:00Z"), to: path)
        #expect(try XMLSchemaValidator(schemaPath: Self.root.appendingPathComponent("docs/schemas/junit.xsd").path).validate(path: path).isEmpty)
        try compare(try String(contentsOfFile: path, encoding: .utf8), "corpus.junit.xml")
    }

    @Test func markdown() throws {
        try compare(CheckMarkdownReport().render(try Self.result()), "corpus.md")
    }

    @Test func markdownStaysUnderItsLimit() throws {
        let result = try Self.result()
        for limit in [1024, 2048, 4096] {
            let rendered = CheckMarkdownReport(limit: limit).render(result)
            #expect(rendered.utf8.count <= limit, "\(rendered.utf8.count) > \(limit)")
            #expect(rendered.contains("Docstring gate"))
        }
        let links = CheckMarkdownReport(links: SourceLinks(environment: ["GITHUB_SERVER_URL": "https://github.com",
                                                                         "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"]))
        #expect(links.render(result).contains("(https://github.com/o/r/blob/abc/corpora/python/inventory/stock.py#L58)"))
    }

    @Test func sarif() throws {
        try compare(String(decoding: CheckSARIFReport.encode(try Self.result(), toolVersion: "snapshot"), as: UTF8.self), "corpus.sarif")
    }

    @Test func githubAnnotations() throws {
        try compare(GitHubAnnotations.lines(try Self.result(), onlyNew: false).joined(separator: "\n") + "\n", "corpus.github.txt")
    }
}
