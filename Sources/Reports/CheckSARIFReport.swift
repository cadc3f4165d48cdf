import Scoring

/// `check` results as SARIF 2.1.0, the format GitHub code scanning uploads: one run, the rules
/// that fired with their help text, and one result per finding with its location and a partial
/// fingerprint that survives line shifts.
public enum CheckSARIFReport {
    /// The SARIF log as JSON bytes.
    public static func encode(_ result: CheckResult, toolVersion: String) -> [UInt8] {
        let all = result.findings
        let findings = result.newFindings == all.count ? all : all.filter(\.isNew)
        let codes = Array(Set(findings.map(\.code))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($0.element, $0.offset) })
        let failing = Set(result.files.flatMap { file in file.symbols.filter(\.fallsUnderGate).map { "\(file.path)\u{0}\($0.qualname)" } })
        var json = PrettyJSONWriter()
        json.beginObject()
        json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.field("columnKind", "unicodeCodePoints")
        json.key("results")
        json.beginArray()
        for finding in findings {
            let level: String
            if finding.code.hasPrefix("DH00") {
                level = "error"
            } else if finding.penalty == 0 {
                level = "note"
            } else {
                level = failing.contains("\(finding.path)\u{0}\(finding.symbol)") ? "error" : "warning"
            }
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
        json.endArray()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("informationUri", "https://github.com/docharness/docharness")
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
            json.field("helpUri", "https://github.com/docharness/docharness/blob/main/docs/rules.md#\(code.lowercased())")
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
        return json.bytes
    }
}
