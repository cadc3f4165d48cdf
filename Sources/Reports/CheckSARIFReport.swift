import Foundation
import Scoring

/// `check` results as SARIF 2.1.0, the format GitHub code scanning uploads: one run, the rules
/// that fired with their help text, and one result per finding with its location and a partial
/// fingerprint that survives line shifts.
public enum CheckSARIFReport {
    /// The SARIF log as JSON bytes.
    public static func encode(_ result: CheckResult, toolVersion: String) -> [UInt8] {
        let findings = result.findings.filter { $0.isNew || result.newFindings == result.findings.count }
        let codes = Array(Set(findings.map(\.code))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($0.element, $0.offset) })
        let failing = Set(result.files.flatMap { file in file.symbols.filter(\.fallsUnderGate).map { "\(file.path)\u{0}\($0.qualname)" } })
        let rules: [SARIF.Rule] = codes.map { code in
            let help = RuleCatalog.help(code: code)
            let summary = RuleCatalog.summary(code: code)
            return SARIF.Rule(id: code, name: RuleCatalog.name(code: code),
                              shortDescription: .init(text: summary.isEmpty ? code : summary),
                              fullDescription: .init(text: help.isEmpty ? code : help),
                              help: .init(text: help.isEmpty ? code : help, markdown: help.isEmpty ? nil : help),
                              helpUri: "https://github.com/docharness/docharness/blob/main/docs/rules.md#\(code.lowercased())",
                              properties: .init(tags: [RuleCatalog.rule(code: code)?.dimension.rawValue ?? "parsing"]))
        }
        let results: [SARIF.Result] = findings.map { finding in
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
            return SARIF.Result(ruleId: finding.code, ruleIndex: ruleIndex[finding.code]!, level: level,
                                message: .init(text: finding.message),
                                locations: [.init(physicalLocation: .init(
                                    artifactLocation: .init(uri: uri.hasPrefix("/") ? "file://" + uri : uri),
                                    region: .init(startLine: max(1, finding.line), startColumn: max(1, finding.column))))],
                                partialFingerprints: ["docharness/v1": finding.fingerprint])
        }
        let log = SARIF.Log(runs: [SARIF.Run(tool: .init(driver: .init(name: "DocHarness", version: toolVersion,
                                                                          informationUri: "https://github.com/docharness/docharness",
                                                                          rules: rules)),
                                             results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array((try? encoder.encode(log)) ?? Data()) + [0x0A]
    }
}

/// The parts of the SARIF 2.1.0 object model DocHarness writes.
enum SARIF {
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var columnKind = "unicodeCodePoints"
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Help
        var helpUri: String
        var properties: Properties
    }

    struct Help: Encodable {
        var text: String
        var markdown: String?
    }

    struct Properties: Encodable {
        var tags: [String]
    }

    struct Message: Encodable {
        var text: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}
