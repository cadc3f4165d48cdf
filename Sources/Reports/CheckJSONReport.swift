import ChatWire
import Files
import Foundation
import Scoring

/// The `check` result as JSON: the versioned shape documented in `docs/check-report.md`, which is
/// also the `--baseline` format.
public enum CheckJSONReport {
    /// Encodes a result: keys sorted so that reports diff well, scores rounded to two decimals.
    /// Written field by field (the `Codable` shape `decode` reads back), since JSONEncoder is too
    /// slow for reports of a whole code base.
    public static func encode(_ result: CheckResult) -> [UInt8] {
        let memory = MemoryOutput()
        write(result, to: memory)
        return memory.bytes
    }

    /// Writes the same bytes as `encode` to standard output, as they are made.
    public static func writeToStandardOutput(_ result: CheckResult) {
        write(result, to: FileDescriptorOutput(descriptor: 1))
    }

    /// Writes the same bytes as `encode` to `path`, atomically. The files are serialized on
    /// every core and written as they are ready, so the file grows while the rest is made.
    public static func write(_ result: CheckResult, to path: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write(to: path) { write(result, to: $0) }
    }

    /// Writes the report to `output`, the files in pieces of about `perPiece`.
    static func write(_ result: CheckResult, to output: any ByteOutput, perPiece: Int = 8) {
        var json = PrettyJSONWriter(output: output)
        json.beginObject()
        json.key("files")
        json.beginArray()
        json.streamElements(result.files, perPiece: perPiece) { file, writer in write(file, to: &writer) }
        json.endArray()
        json.key("gate")
        json.beginObject()
        json.key("conditions")
        json.beginArray()
        for condition in result.gate.conditions {
            json.beginObject()
            if let failure = condition.failure { json.field("failure", failure) }
            json.field("requirement", condition.requirement)
            json.endObject()
        }
        json.endArray()
        json.field("passed", result.gate.passed)
        json.endObject()
        json.field("newFindings", result.newFindings)
        json.key("packages")
        json.beginArray()
        for package in result.packages {
            json.beginObject()
            json.key("aggregate")
            write(package.aggregate, to: &json)
            json.field("path", package.path)
            json.endObject()
        }
        json.endArray()
        json.key("project")
        write(result.project, to: &json)
        json.field("projectStyle", result.projectStyle.rawValue)
        json.field("schemaVersion", result.schemaVersion)
        json.field("selection", result.selection)
        if let threshold = result.symbolThreshold { json.field("symbolThreshold", threshold) }
        json.endObject()
        json.finish()
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// The dimensions in key order, with their keys.
    static let sortedDimensionKeys: [(StaticString, Scoring.Dimension)] = [
        ("clarity", .clarity), ("completeness", .completeness), ("complexity", .complexity), ("style", .style),
    ]

    static func write(_ file: FileResult, to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.key("aggregate")
        write(file.aggregate, to: &json)
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in file.diagnostics {
            json.beginObject()
            json.field("code", diagnostic.code.rawValue)
            json.field("column", diagnostic.column)
            json.field("line", diagnostic.line)
            json.field("message", diagnostic.message)
            json.endObject()
        }
        json.endArray()
        json.key("fileFindings")
        write(file.fileFindings, to: &json)
        json.field("path", file.path)
        json.key("symbols")
        json.beginArray()
        for symbol in file.symbols {
            json.beginObject()
            if let complexity = symbol.complexity { json.field("complexity", complexity) }
            json.field("countsForCoverage", symbol.countsForCoverage)
            json.field("documented", symbol.documented)
            json.field("endLine", symbol.endLine)
            json.field("fallsUnderGate", symbol.fallsUnderGate)
            json.key("findings")
            write(symbol.findings, to: &json)
            json.field("kind", symbol.kind.rawValue)
            json.field("line", symbol.line)
            if let overall = symbol.overall { json.field("overall", rounded(overall)) }
            json.field("qualname", symbol.qualname)
            if let scores = symbol.scores {
                json.key("scores")
                write(scores, to: &json)
            }
            if let style = symbol.style { json.field("style", style.rawValue) }
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func write(_ findings: [Finding], to json: inout PrettyJSONWriter) {
        json.beginArray()
        // By index, field by field: `for finding in findings` would copy each finding (a
        // dozen strings to retain and release) on the way.
        for index in findings.indices {
            json.beginObject()
            json.field("code", findings[index].code)
            json.field("column", findings[index].column)
            json.field("dimension", findings[index].dimension.rawValue)
            json.field("fingerprint", findings[index].fingerprint)
            json.field("isNew", findings[index].isNew)
            json.field("line", findings[index].line)
            json.field("message", findings[index].message)
            json.field("path", findings[index].path)
            json.field("penalty", rounded(findings[index].penalty))
            json.field("rule", findings[index].rule)
            json.field("subject", findings[index].subject)
            json.field("symbol", findings[index].symbol)
            json.endObject()
        }
        json.endArray()
    }

    static func write(_ aggregate: Aggregate, to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.field("coverage", rounded(aggregate.coverage))
        json.field("documented", aggregate.documented)
        json.field("findings", aggregate.findings)
        json.field("overall", rounded(aggregate.overall))
        json.key("scores")
        write(aggregate.scores, to: &json)
        json.field("symbols", aggregate.symbols)
        json.endObject()
    }

    static func write(_ scores: DimensionScores, to json: inout PrettyJSONWriter) {
        json.beginObject()
        for (key, dimension) in sortedDimensionKeys {
            json.field(key, rounded(scores[dimension]))
        }
        json.endObject()
    }

    /// Reads a report written by `encode` (for `--baseline`).
    public static func decode(_ bytes: [UInt8]) throws -> CheckResult {
        try JSONDecoder().decode(CheckResult.self, from: Data(bytes))
    }
}

extension Baseline {
    /// Why a baseline report could not be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        /// The file, what failed and the fix.
        public var description: String
    }

    /// The baseline of an earlier `check --json` report file; a file that is not one is an error
    /// naming the file and, for broken JSON, the line and column.
    public init(reportFile path: String) throws(ReadError) {
        let fix = "pass a report written by `docharness check --json FILE`"
        let bytes: [UInt8]
        switch FileBytes.read(path: path) {
        case .success(let read): bytes = read
        case .failure(let error): throw ReadError(description: "\(path): cannot read the baseline: \(error.reason); \(fix)")
        }
        do {
            _ = try JSONParser.parse(bytes)
        } catch {
            throw ReadError(description: "\(path):\(error.line):\(error.column): the baseline is not JSON: \(error.reason); \(fix)")
        }
        do {
            self.init(report: try CheckJSONReport.decode(bytes))
        } catch let error as DecodingError {
            throw ReadError(description: "\(path): the baseline is not a check report: \(Self.describe(error)); \(fix)")
        } catch {
            throw ReadError(description: "\(path): cannot read the baseline (\(error)); \(fix)")
        }
    }

    /// A decoding error as the member it is about and what was wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context): return "`\(path(context.codingPath + [key]))` is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "`\(path(context.codingPath))`: \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
