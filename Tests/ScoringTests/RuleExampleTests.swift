import Docstrings
import PythonSyntax
import Testing
@testable import Scoring

/// Runs every rule's examples: each `bad` one must trigger the rule exactly at its `↓` markers
/// with its messages, each `good` one must not trigger it.
@Suite struct RuleExampleTests {
    static let cases: [(code: String, index: Int)] = RuleCatalog.all.flatMap { rule in
        rule.examples.indices.map { (rule.code, $0) }
    }

    @Test(arguments: cases.map { "\($0.code)#\($0.index)" })
    func example(_ id: String) throws {
        let parts = id.split(separator: "#")
        let rule = try #require(RuleCatalog.rule(code: String(parts[0])))
        let example = rule.examples[Int(parts[1])!]
        var configuration = ScoringConfiguration()
        configuration.style = example.style
        let file = SourceFile.parse(source: example.source, path: "example.py")
        #expect(file.isValid, "example \(id) is not valid Python: \(file.diagnostics)")
        let result = Scorer(configuration: configuration).check([file], jobs: 1)
        let findings = result.findings.filter { $0.code == rule.code }.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        if example.triggers {
            #expect(!example.markers.isEmpty, "\(id) marks no position with ↓")
            #expect(findings.map { "\($0.line):\($0.column)" } == example.markers.map { "\($0.line):\($0.column)" },
                    "\(id): \(rule.code) reported at other positions than the ↓ markers")
            #expect(findings.map(\.message) == example.messages, "\(id): \(rule.code) said something else")
        } else {
            #expect(findings.isEmpty, "\(id) should not trigger \(rule.code); findings: \(findings.map(\.message))")
        }
    }

    /// A rule file whose rule is missing from `RuleCatalog.all` would never run.
    @Test func everyRuleFileIsInTheCatalog() throws {
        let declared = Set(try RulesReference.docComments(rulesDirectory: RulesReferenceTests.rules).keys)
        let catalogued = Set(RuleCatalog.all.map { String(describing: $0) })
        #expect(declared.subtracting(catalogued).isEmpty, "rule files not in RuleCatalog.all: \(declared.subtracting(catalogued).sorted())")
        #expect(catalogued.subtracting(declared).isEmpty, "catalogued rules without a file in Rules/: \(catalogued.subtracting(declared).sorted())")
    }

    @Test func everyRuleHasExamplesBothWays() {
        for rule in RuleCatalog.all {
            #expect(rule.examples.contains { $0.triggers }, "\(rule.code) has no triggering example")
            #expect(rule.examples.contains { !$0.triggers }, "\(rule.code) has no non-triggering example")
        }
    }

    @Test func codesAreUniqueAndMatchTheirDimension() {
        let codes = RuleCatalog.all.map { $0.code }
        #expect(Set(codes).count == codes.count)
        for rule in RuleCatalog.all {
            let digit = rule.code.dropFirst(2).first!
            switch rule.dimension {
            case .completeness: #expect(digit == "0" || digit == "1", "\(rule.code)")
            case .clarity: #expect(digit == "2", "\(rule.code)")
            case .style: #expect(digit == "3", "\(rule.code)")
            case .complexity: #expect(digit == "4", "\(rule.code)")
            }
        }
    }
}
