import DocHarnessTestSupport
import Foundation
import Reports
import Testing

/// The reports of `check` over the whole Python standard library (tests included: they hold form
/// feeds and files CPython rejects), all written by one run: the JUnit file validates against
/// `docs/schemas/junit.xsd` with libxml2 and junitparser reads back the same counts the JSON
/// report has; the SARIF validates against the SARIF 2.1.0 schema with jsonschema; the Markdown,
/// rendered by markdown-it-py, keeps its tables and line links and stays under its size limit.
@Suite("Report oracles", .serialized)
struct ReportOracleTests {
    @Test("JUnit over the standard library: valid, and junitparser agrees on the counts", .requires(.oraclePython, .oracleCorpora))
    func junitOverTheStandardLibrary() throws {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let stdlib = try ProcessRunner.run(python, ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let work = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let junit = work.appendingPathComponent("junit.xml").path
        let json = work.appendingPathComponent("report.json").path
        let sarif = work.appendingPathComponent("report.sarif").path
        let markdown = work.appendingPathComponent("summary.md").path
        let run = try ProcessRunner.docharness(["check", stdlib, "--junit", junit, "--json", json, "--sarif", sarif,
                                                "--markdown", markdown, "--format", "github"])
        #expect([1, 3].contains(run.status), "\(run.standardError)")
        let annotations = run.standardOutput.split(separator: "\n")
        #expect(annotations.filter { $0.hasPrefix("::error") }.count <= 10)
        #expect(annotations.filter { $0.hasPrefix("::warning") }.count <= 10)
        #expect(annotations.last?.hasPrefix("::notice title=docharness::") == true)

        let oracles = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/report_oracles.py").path
        let schemaPath = TestEnvironment.packageRoot.appendingPathComponent(".cache/oracle-corpora/sarif-schema-2.1.0.json").path
        try #require(FileManager.default.fileExists(atPath: schemaPath), "the SARIF schema is missing: run `make oracle-corpora`")
        do {
            let validation = try ProcessRunner.run(python, [oracles, "validate-sarif", schemaPath, sarif])
            print("sarif over the standard library: \(validation.standardOutput.split(separator: "\n").last ?? "")")
            #expect(validation.status == 0, "\(validation.standardOutput)\(validation.standardError)")
        }
        for (path, limit) in [(markdown, 1 << 20)] {
            let rendered = try ProcessRunner.run(python, [oracles, "render-markdown", path])
            #expect(rendered.status == 0, "\(rendered.standardError)")
            let facts = try JSONSerialization.jsonObject(with: Data(rendered.standardOutput.utf8)) as! [String: Any]
            print("markdown over the standard library: \(rendered.standardOutput)")
            #expect((facts["bytes"] as! Int) <= limit)
            let tables = facts["tables"] as! [[String: Any]]
            #expect(tables.count >= 3)
            #expect(tables.allSatisfy { ($0["cells"] as! [Int]).count == 1 }, "a table row lost or gained cells: \(tables)")
            #expect((facts["line_links"] as! Int) > 100)
            #expect((facts["fences"] as! [String]) == ["mermaid"])
            #expect(facts["details"] as! Int == 1)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("findings not shown: the report stops at"))
        }

        let schema = TestEnvironment.packageRoot.appendingPathComponent("docs/schemas/junit.xsd").path
        let errors = try XMLSchemaValidator(schemaPath: schema).validate(path: junit)
        #expect(errors.isEmpty, "\(errors.prefix(5))")

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        let files = report["files"] as! [[String: Any]]
        let conditions = (report["gate"] as! [String: Any])["conditions"] as! [[String: Any]]
        var expected = ["suites": files.count + 1, "tests": conditions.count, "errors": 0, "skipped": 0,
                        "failures": conditions.filter { $0["failure"] != nil }.count]
        for file in files {
            let symbols = file["symbols"] as! [[String: Any]]
            let unreadable = !(file["diagnostics"] as! [Any]).isEmpty
            expected["tests"]! += symbols.count + (unreadable ? 1 : 0)
            expected["errors"]! += unreadable ? 1 : 0
            expected["failures"]! += symbols.filter { $0["fallsUnderGate"] as? Bool == true }.count
            expected["skipped"]! += symbols.filter { $0["overall"] == nil }.count
        }
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/junit_counts.py").path
        let read = try ProcessRunner.run(python, [script, junit])
        #expect(read.status == 0, "\(read.standardError)")
        let counts = try JSONSerialization.jsonObject(with: Data(read.standardOutput.utf8)) as! [String: Int]
        print("junit over the standard library: \(counts) (expected \(expected))")
        #expect(counts == expected)
        #expect(expected["errors"]! > 0, "the standard library's test data includes files CPython rejects")
    }
}
