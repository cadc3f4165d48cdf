import DocHarnessTestSupport
import Foundation
import Testing
@testable import Reports
import Scoring

@Suite struct JUnitWriterTests {
    static let schema = TestEnvironment.packageRoot.appendingPathComponent("docs/schemas/junit.xsd").path

    @Test func writesTheSchemaCIToolsReadAndDropsForbiddenCharacters() throws {
        let report = TestReport(name: "demo", suites: [
            TestSuite(name: "a.py", file: "a.py", properties: [TestProperty(name: "overall-score", value: "80")], cases: [
                TestCase(classname: "a", name: "ok", file: "a.py", line: 3, duration: 0.0125, outcome: .passed),
                TestCase(classname: "a", name: "bad <&> \"quoted\"", file: "a.py", line: 9,
                         outcome: .failed(TestFailure(message: "form\u{0C}feed and NUL\u{0} and \u{1}", type: "DH101",
                                                      details: "line one\nline two \u{FFFE}"))),
                TestCase(classname: "a", name: "broken", outcome: .error(TestFailure(message: "m", type: "DH001", details: "d"))),
                TestCase(classname: "a", name: "skipped", outcome: .skipped("why")),
            ], output: "suite output\u{0B}"),
        ], timestamp: "2026-11-23T12:00:00Z")
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("junit.xml").path
        try JUnitWriter.write(report, to: path)
        let errors = try XMLSchemaValidator(schemaPath: Self.schema).validate(path: path)
        #expect(errors.isEmpty, "\(errors)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#"<testsuites name="demo" tests="4" failures="1" errors="1" skipped="1" time="0.013""#))
        #expect(text.contains(#"name="bad &lt;&amp;&gt; &quot;quoted&quot;""#))
        #expect(text.contains(#"message="formfeed and NUL and ""#))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"))
    }

    /// The forbidden characters are found wherever they are in a long value (the clean prefix is
    /// tested eight bytes at a time), and allowed ones (tab, newlines, other non-ASCII) are kept.
    @Test func forbiddenCharactersAreRemovedAtEveryPosition() {
        let forbidden: [Character] = ["\u{0}", "\u{0C}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"]
        for character in forbidden {
            for position in 0 ..< 24 {
                var text = Array("path/to/module.py:12: é€😀 text\twith\nlines")
                text.insert(character, at: min(position, text.count))
                #expect(JUnitWriter.sanitized(String(text)) == "path/to/module.py:12: é€😀 text\twith\nlines")
            }
        }
        let clean = String(repeating: "clean text é\u{FFFD} ", count: 5)
        #expect(JUnitWriter.sanitized(clean) == clean)
    }

    @Test func invalidFilesAreReported() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.xml").path
        try Data(#"<testsuites><testsuite name="x" tests="one"/></testsuites>"#.utf8).write(to: URL(fileURLWithPath: path))
        let errors = try XMLSchemaValidator(schemaPath: Self.schema).validate(path: path)
        #expect(!errors.isEmpty)
    }

    @Test func unwritablePathIsAnError() {
        #expect(throws: JUnitWriter.WriteError.self) {
            try JUnitWriter.write(TestReport(name: "x", suites: []), to: "/nonexistent-folder/junit.xml")
        }
    }

    @Test func scoresAreWrittenAsScorerFormatsThem() {
        var value = 0.0
        while value <= 1200 {
            var bytes = [UInt8](repeating: 0, count: 32)
            let count = bytes.withUnsafeMutableBufferPointer { CheckJUnitReport.writeScore(value, into: $0) }
            #expect(String(decoding: bytes.prefix(count), as: UTF8.self) == Scorer.format(value), "\(value)")
            value += value < 101 ? 0.01 : 7.77
        }
    }

    @Test func moduleNamesForClassnames() {
        #expect(CheckJUnitReport.moduleName("src/pkg/mod.py") == "src.pkg.mod")
        #expect(CheckJUnitReport.moduleName("./pkg/__init__.py") == "pkg")
        #expect(CheckJUnitReport.moduleName("../.cache/lib/mod.py") == "cache.lib.mod")
    }
}
