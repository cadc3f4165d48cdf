import DocHarnessTestSupport
import Foundation
import Testing
@testable import Scoring

/// `docs/rules.md` is generated from the rule files; this test fails when it is stale.
/// Regenerate it with `make docs` (which runs this test with DOCHARNESS_UPDATE_DOCS=1).
@Suite struct RulesReferenceTests {
    static let root = TestEnvironment.packageRoot.path
    static let rules = root + "/Sources/Scoring/Rules"

    /// Compares a generated file with the one in the repository (rewriting it first when
    /// DOCHARNESS_UPDATE_DOCS=1).
    func expectUpToDate(_ relativePath: String, _ generated: String) throws {
        let path = Self.root + "/" + relativePath
        if ProcessInfo.processInfo.environment["DOCHARNESS_UPDATE_DOCS"] == "1" {
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let current = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(current == generated, "\(relativePath) is stale; run `make docs`")
    }

    @Test func rulesReferenceIsUpToDate() throws {
        try expectUpToDate("docs/rules.md", try RulesReference.markdown(rulesDirectory: Self.rules))
    }

    /// The README says how many rules `check` has.
    @Test func theReadmeCountsTheRules() throws {
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        #expect(readme.contains("with \(RuleCatalog.all.count) rules in four dimensions"), "README.md's rule count is stale: there are \(RuleCatalog.all.count)")
    }

    /// `Sources/Scoring/RuleHelp.swift` carries the same doc comments into the binary (SARIF rule
    /// help); it is generated too.
    @Test func ruleHelpIsUpToDate() throws {
        try expectUpToDate("Sources/Scoring/RuleHelp.swift", try RulesReference.helpSource(rulesDirectory: Self.rules))
    }
}

/// Builds the rules reference from each rule file's doc comment and the rule's metadata.
enum RulesReference {
    /// The Swift source of `RuleHelp`: each rule's doc comment by code.
    static func helpSource(rulesDirectory: String) throws -> String {
        let comments = try docComments(rulesDirectory: rulesDirectory)
        var output = """
        // Generated from the doc comments in Sources/Scoring/Rules/ by `make docs`; do not edit.
        // RulesReferenceTests fails when it is stale.

        /// Each rule's doc comment (what it checks, why it matters, an example), by code.
        enum RuleHelp {
            static let text: [String: String] = [

        """
        for rule in RuleCatalog.all {
            guard let comment = comments[String(describing: rule)] else { throw ReferenceError.missingComment(String(describing: rule)) }
            output += "        \"\(rule.code)\": #\"\"\"\n"
            for line in comment.split(separator: "\n", omittingEmptySubsequences: false) {
                output += line.isEmpty ? "\n" : "            \(line)\n"
            }
            output += "            \"\"\"#,\n"
        }
        output += "    ]\n}\n"
        return output
    }

    static func docComments(rulesDirectory: String) throws -> [String: String] {
        var comments: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: rulesDirectory) where name.hasSuffix(".swift") {
            let text = try String(contentsOfFile: rulesDirectory + "/" + name, encoding: .utf8)
            var block: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("///") {
                    block.append(String(trimmed.dropFirst(3).drop { $0 == " " }))
                } else if trimmed.hasPrefix("struct "), let typeName = trimmed.dropFirst(7).split(separator: ":").first {
                    comments[String(typeName)] = block.joined(separator: "\n")
                    block = []
                } else {
                    block = []
                }
            }
        }
        return comments
    }

    static func markdown(rulesDirectory: String) throws -> String {
        let comments = try docComments(rulesDirectory: rulesDirectory)
        var output = """
        # Rules reference

        Generated from `Sources/Scoring/Rules/` by `make docs`; do not edit by hand.
        Every rule runs its examples as tests (`RuleExampleTests`); in an example that triggers,
        `↓` marks where each finding is reported (the line, and the column of the docstring's
        opening quotes). Scores are explained in
        [scoring.md](scoring.md). Findings can be silenced inline with
        `# docharness: ignore[CODE] reason` on the finding's line or on the `def`/`class` line,
        or by `ignore` / `per-file-ignores` in the configuration.

        | Code | Name | Dimension | Checks |
        |---|---|---|---|

        """
        var sections = ""
        for rule in RuleCatalog.all {
            let typeName = String(describing: rule)
            guard let comment = comments[typeName] else { throw ReferenceError.missingComment(typeName) }
            let firstLine = comment.split(separator: "\n").first.map(String.init) ?? ""
            output += "| [\(rule.code)](#\(rule.code.lowercased())) | `\(rule.name)` | \(rule.dimension.rawValue) | \(firstLine.replacingOccurrences(of: "|", with: "\\|")) |\n"
            let fixable = rule is any FixableRule.Type ? " · fixable with `check --fix`" : ""
            sections += "\n## \(rule.code)\n\n`\(rule.name)` · \(rule.dimension.title)\(fixable)\n\n\(comment)\n"
            for example in rule.examples {
                let label = example.triggers ? "Triggers" : "Does not trigger"
                let style = example.style.map { " (project style: \($0.rawValue))" } ?? ""
                sections += "\n\(label)\(style):\n\n```python\n\(example.markedSource.hasSuffix("\n") ? example.markedSource : example.markedSource + "\n")```\n"
                if let fixed = example.fixed {
                    let shown = fixed.replacingOccurrences(of: "\r\n", with: "\n")
                    sections += fixed == example.source ? "\n`--fix` leaves it as it is.\n"
                        : "\n`--fix` makes it:\n\n```python\n\(shown.hasSuffix("\n") ? shown : shown + "\n")```\n"
                }
            }
        }
        output += """
        | DH001–DH004 | `unreadable-source` | completeness | The file is not valid Python, cannot be decoded, is binary or cannot be read (see python-syntax.md). |
        | DH020 | `suppression-without-reason` | completeness | A `# docharness: ignore[…]` comment gives no reason, so it does not apply. |
        | DH021 | `unused-suppression` | completeness | A suppression comment silences nothing. |

        """
        return output + sections
    }

    enum ReferenceError: Error {
        case missingComment(String)
    }
}
