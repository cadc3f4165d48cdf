import Docstrings
import PythonSyntax
import Testing
@testable import Scoring

/// Runs every rule's examples: each `bad` one must trigger the rule, each `good` one must not.
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
        let codes = result.findings.map(\.code)
        if example.triggers {
            #expect(codes.contains(rule.code), "\(id) should trigger \(rule.code); findings: \(result.findings.map { "\($0.code) \($0.message)" })")
        } else {
            #expect(!codes.contains(rule.code), "\(id) should not trigger \(rule.code); findings: \(result.findings.filter { $0.code == rule.code }.map(\.message))")
        }
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
