import DocHarnessTestSupport
import Foundation
import Reports
import Testing

/// The reports of `check` over the whole Python standard library (tests included: they hold form
/// feeds and files CPython rejects): the JUnit file validates against `docs/schemas/junit.xsd`
/// with libxml2 and junitparser reads back the same counts the JSON report has.
@Suite("Report oracles", .serialized)
struct ReportOracleTests {
    @Test("JUnit over the standard library: valid, and junitparser agrees on the counts")
    func junitOverTheStandardLibrary() throws {
        guard let python = TestEnvironment.oraclePython else {
            if TestEnvironment.oraclesRequired { Issue.record("the oracle venv is missing: run `make test`") }
            return
        }
        let stdlib = try ProcessRunner.run(python, ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let work = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let junit = work.appendingPathComponent("junit.xml").path
        let json = work.appendingPathComponent("report.json").path
        let run = try ProcessRunner.docharness(["check", stdlib, "--junit", junit, "--json", json, "--format", "github"])
        #expect([1, 3].contains(run.status), "\(run.standardError)")

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
