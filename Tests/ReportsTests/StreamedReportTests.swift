import DocHarnessTestSupport
import Files
import Foundation
import PythonSyntax
import Testing
@testable import Reports
@testable import Scoring

/// The JSON, SARIF and JUnit writers make their files in pieces on every core and write each
/// piece as soon as the ones before it are written. Whatever the pieces, the bytes must be those
/// of one writer going through the files in order: these tests cut the same result into pieces
/// of one file, of a few, and of all of them, and compare.
@Suite struct StreamedReportTests {
    /// The snapshot corpus forty times over under different folders, with files that have no
    /// symbols and no findings among them (a piece of those writes nothing, and the commas
    /// between pieces must still come out right).
    static func largeResult() throws -> CheckResult {
        var result = try ReportSnapshotTests.result()
        let original = result.files
        var files: [FileResult] = []
        for copy in 0 ..< 40 {
            for file in original {
                var renamed = file
                renamed.path = "copy\(copy)/" + file.path
                files.append(renamed)
            }
            if copy % 3 == 0 {
                files.append(FileResult(path: "copy\(copy)/empty.py", diagnostics: [], symbols: [], fileFindings: [],
                                        aggregate: Aggregate.of([], findings: 0)))
            }
        }
        result.files = files
        return result
    }

    static func json(_ result: CheckResult, perPiece: Int) -> [UInt8] {
        let memory = MemoryOutput()
        CheckJSONReport.write(result, to: memory, perPiece: perPiece)
        return memory.bytes
    }

    static func sarif(_ result: CheckResult, perPiece: Int) -> [UInt8] {
        let memory = MemoryOutput()
        CheckSARIFReport.write(result, toolVersion: "test", to: memory, perPiece: perPiece)
        return memory.bytes
    }

    @Test func jsonIsTheSameWhateverThePieces() throws {
        let result = try Self.largeResult()
        let whole = Self.json(result, perPiece: .max)
        #expect(Self.json(result, perPiece: 1) == whole)
        #expect(Self.json(result, perPiece: 3) == whole)
        #expect(CheckJSONReport.encode(result) == whole)
        // Scores are rounded to two decimals: what it reads back writes the same bytes.
        #expect(CheckJSONReport.encode(try CheckJSONReport.decode(whole)) == whole)
    }

    @Test func sarifIsTheSameWhateverThePieces() throws {
        var result = try Self.largeResult()
        let whole = Self.sarif(result, perPiece: .max)
        #expect(Self.sarif(result, perPiece: 1) == whole)
        #expect(Self.sarif(result, perPiece: 5) == whole)
        _ = try JSONSerialization.jsonObject(with: Data(whole))
        // Only the first and last files have findings: most pieces are empty.
        for index in result.files.indices.dropFirst().dropLast() {
            result.files[index].symbols = []
            result.files[index].fileFindings = []
        }
        let sparse = Self.sarif(result, perPiece: .max)
        #expect(Self.sarif(result, perPiece: 1) == sparse)
        _ = try JSONSerialization.jsonObject(with: Data(sparse))
    }

    @Test func junitIsTheSameWhateverThePiecesAndValid() throws {
        let result = try Self.largeResult()
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func written(suitesPerPiece: Int) throws -> String {
            let path = directory.appendingPathComponent("junit-\(suitesPerPiece).xml").path
            try CheckJUnitReport.write(result, timestamp: "2026-01-01T00:00:00Z", to: path, suitesPerPiece: suitesPerPiece)
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let whole = try written(suitesPerPiece: .max)
        #expect(try written(suitesPerPiece: 1) == whole)
        #expect(try written(suitesPerPiece: 7) == whole)
        let eager = directory.appendingPathComponent("eager.xml").path
        try JUnitWriter.write(CheckJUnitReport.report(result, timestamp: "2026-01-01T00:00:00Z"), to: eager)
        #expect(try String(contentsOfFile: eager, encoding: .utf8) == whole)
        let schema = TestEnvironment.packageRoot.appendingPathComponent("docs/schemas/junit.xsd").path
        #expect(try XMLSchemaValidator(schemaPath: schema).validate(path: eager).isEmpty)
        #expect(whole.contains("≥"), "non-ASCII is written as UTF-8 in every piece, not as character references")
    }

    @Test func junitCountsWithoutMakingTheReport() throws {
        var result = try Self.largeResult()
        // A file that could not be read, a skipped symbol and one under the gate.
        let withSymbols = result.files.indices.filter { !result.files[$0].symbols.isEmpty }
        result.files[withSymbols[0]].diagnostics = [Diagnostic(code: .syntaxError, message: "invalid syntax", line: 3, column: 1)]
        result.files[withSymbols[1]].symbols[0].overall = nil
        result.files[withSymbols[2]].symbols[0].fallsUnderGate = true
        let counts = CheckJUnitReport.counts(result)
        #expect(counts == CheckJUnitReport.report(result).counts)
        #expect(counts.errors == 1 && counts.skipped >= 1 && counts.failures >= 1)
    }

    @Test func aReportReplacesTheOldFileAndLeavesNoTemporaryFile() throws {
        let result = try ReportSnapshotTests.result()
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.json").path
        try Data(repeating: 0x41, count: 1 << 20).write(to: URL(fileURLWithPath: path))
        try CheckJSONReport.write(result, to: path)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == CheckJSONReport.encode(result))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
        #expect(throws: AtomicFile.WriteError.self) {
            try CheckJSONReport.write(result, to: directory.appendingPathComponent("missing/report.json").path)
        }
    }

    @Test func stringsNeedingEscapesAreFoundEightBytesAtATime() {
        // Every position of every byte that needs escaping, among plain ASCII and UTF-8.
        for special: UInt8 in [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C] {
            for length in 0 ..< 20 {
                for position in 0 ..< max(1, length) {
                    var bytes = Array("aé€😀zzzzzzzzzzzzzzzzzzz".utf8.prefix(length))
                    if position < bytes.count { bytes[position] = special }
                    let expected = bytes.firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } ?? bytes.count
                    let found = bytes.withUnsafeBufferPointer { PrettyJSONWriter.plainPrefixLength($0) }
                    #expect(found == expected, "\(bytes)")
                }
            }
        }
        let high = [UInt8](repeating: 0xFF, count: 17) + [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80]
        #expect(high.withUnsafeBufferPointer { PrettyJSONWriter.plainPrefixLength($0) } == high.count)
    }
}
