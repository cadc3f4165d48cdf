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

    /// Every `fixed` example of a fixable rule: `--fix` (that rule alone) turns the source into
    /// it byte for byte, and a second pass changes nothing; every fixable rule shows a fix.
    @Test func fixesMakeTheFixedExamples() {
        for rule in RuleCatalog.all {
            let examples = rule.examples.filter { $0.fixed != nil }
            guard rule is any FixableRule.Type else {
                #expect(examples.isEmpty, "\(rule.code) has fixed examples but no fix")
                continue
            }
            #expect(examples.contains { $0.fixed != $0.source }, "\(rule.code) is fixable but no example shows a fix")
            for example in examples {
                var configuration = ScoringConfiguration()
                configuration.select = [rule.code]
                let fixer = DocstringFixer(configuration: configuration, style: example.style ?? .google)
                let once = fixer.fix(bytes: Array(example.source.utf8), path: "example.py").bytes
                #expect(String(decoding: once, as: UTF8.self) == example.fixed, "\(rule.code): --fix made something else of \(example.source.debugDescription)")
                #expect(fixer.fix(bytes: once, path: "example.py").bytes == once, "\(rule.code): a second --fix changed \(example.source.debugDescription)")
                let unsafe = DocstringFixer(configuration: configuration, style: example.style ?? .google, unsafe: true)
                let unsafeOnce = unsafe.fix(bytes: Array(example.source.utf8), path: "example.py").bytes
                #expect(String(decoding: unsafeOnce, as: UTF8.self) == (example.unsafeFixed ?? example.fixed),
                        "\(rule.code): --unsafe-fixes made something else of \(example.source.debugDescription)")
                #expect(unsafe.fix(bytes: unsafeOnce, path: "example.py").bytes == unsafeOnce, "\(rule.code): a second --unsafe-fixes changed it")
            }
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
