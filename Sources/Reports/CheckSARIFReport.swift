import Files
import Scoring

/// `check` results as SARIF 2.1.0, the format GitHub code scanning uploads: one run, the rules
/// that fired with their help text, and one result per finding with its location and a partial
/// fingerprint that survives line shifts.
public enum CheckSARIFReport {
    /// The SARIF log as JSON bytes.
    public static func encode(_ result: CheckResult, toolVersion: String) -> [UInt8] {
        let memory = MemoryOutput()
        write(result, toolVersion: toolVersion, to: memory)
        return memory.bytes
    }

    /// Writes the same bytes as `encode` to standard output, as they are made.
    public static func writeToStandardOutput(_ result: CheckResult, toolVersion: String) {
        write(result, toolVersion: toolVersion, to: FileDescriptorOutput(descriptor: 1))
    }

    /// Writes the same bytes as `encode` to `path`, atomically, each file's results made on
    /// every core and written as they are ready.
    public static func write(_ result: CheckResult, toolVersion: String, to path: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write(to: path) { write(result, toolVersion: toolVersion, to: $0) }
    }

    /// Writes the log to `output`, the files' results in pieces of about `perPiece` files.
    static func write(_ result: CheckResult, toolVersion: String, to output: any ByteOutput, perPiece: Int = 8) {
        // Findings are taken file by file (on every core), and a finding's level from its own
        // symbol, rather than flattening a few hundred thousand findings first and looking each
        // symbol up by name.
        let onlyNew = result.newFindings != result.files.reduce(0) { $0 + $1.findingCount }
        var codeSet: Set<String> = []
        for file in result.files {
            for symbol in file.symbols { for finding in symbol.findings where !onlyNew || finding.isNew { codeSet.insert(finding.code) } }
            for finding in file.fileFindings where !onlyNew || finding.isNew { codeSet.insert(finding.code) }
        }
        let codes = codeSet.sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($0.element, $0.offset) })
        let levels = FindingLevels(result)
        var json = PrettyJSONWriter(output: output)
        json.beginObject()
        json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.field("columnKind", "unicodeCodePoints")
        json.key("results")
        json.beginArray()
        json.streamElements(result.files, perPiece: perPiece) { file, json in
            func write(_ finding: Finding, level: String) {
                var uri = finding.path
                while uri.hasPrefix("./") { uri.removeFirst(2) }
                json.beginObject()
                json.field("level", level)
                json.key("locations")
                json.beginArray()
                json.beginObject()
                json.key("physicalLocation")
                json.beginObject()
                json.key("artifactLocation")
                json.beginObject()
                json.field("uri", uri.hasPrefix("/") ? "file://" + uri : uri)
                json.endObject()
                json.key("region")
                json.beginObject()
                json.field("startColumn", max(1, finding.column))
                json.field("startLine", max(1, finding.line))
                json.endObject()
                json.endObject()
                json.endObject()
                json.endArray()
                json.key("message")
                json.beginObject()
                json.field("text", finding.message)
                json.endObject()
                json.key("partialFingerprints")
                json.beginObject()
                json.field("docharness/v1", finding.fingerprint)
                json.endObject()
                json.field("ruleId", finding.code)
                json.field("ruleIndex", ruleIndex[finding.code]!)
                json.endObject()
            }
            for symbol in file.symbols {
                for finding in symbol.findings where !onlyNew || finding.isNew {
                    let level: FindingLevels.Level = finding.code.hasPrefix("DH00") || symbol.fallsUnderGate ? .error : finding.penalty == 0 ? .note : .warning
                    write(finding, level: level.rawValue)
                }
            }
            for finding in file.fileFindings where !onlyNew || finding.isNew {
                write(finding, level: levels.level(of: finding).rawValue)
            }
        }
        json.endArray()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("name", "DocHarness")
        json.key("rules")
        json.beginArray()
        for code in codes {
            let help = RuleCatalog.help(code: code)
            let summary = RuleCatalog.summary(code: code)
            json.beginObject()
            json.key("fullDescription")
            json.beginObject()
            json.field("text", help.isEmpty ? code : help)
            json.endObject()
            json.key("help")
            json.beginObject()
            if !help.isEmpty { json.field("markdown", help) }
            json.field("text", help.isEmpty ? code : help)
            json.endObject()
            json.field("id", code)
            json.field("name", RuleCatalog.name(code: code))
            json.key("properties")
            json.beginObject()
            json.key("tags")
            json.beginArray()
            json.string(RuleCatalog.rule(code: code)?.dimension.rawValue ?? "parsing")
            json.endArray()
            json.endObject()
            json.key("shortDescription")
            json.beginObject()
            json.field("text", summary.isEmpty ? code : summary)
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.field("version", toolVersion)
        json.endObject()
        json.endObject()
        json.endObject()
        json.endArray()
        json.field("version", "2.1.0")
        json.endObject()
        json.finish()
    }
}
