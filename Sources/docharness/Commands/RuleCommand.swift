import ArgumentParser
import Scoring

/// `docharness rule DH101`: what a rule checks, why it matters and an example, from the binary
/// (ruff's `ruff rule`).
struct RuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule",
        abstract: "Explain rules: what each checks, why it matters, an example.",
        discussion: "With no code, lists every code with its name and first sentence."
    )

    @Argument(help: ArgumentHelp("Rule codes (DH101) or prefixes (DH1).", valueName: "code"))
    var codes: [String] = []

    @Flag(help: "Explain every rule in full.")
    var all = false

    func validate() throws {
        for code in codes where !RuleCatalog.isCodeOrPrefix(code.uppercased()) {
            throw ValidationError("'\(code)' is not a rule code or prefix; `docharness rule` lists them")
        }
    }

    func run() throws {
        let known = RuleCatalog.codes.sorted()
        if codes.isEmpty && !all {
            for code in known { print("\(code)  \(RuleCatalog.name(code: code))  \(RuleCatalog.summary(code: code))") }
            return
        }
        let chosen = all ? known : known.filter { code in codes.contains { code.hasPrefix($0.uppercased()) } }
        print(chosen.compactMap(RuleCatalog.explanation(code:)).joined(separator: "\n\n"))
    }
}
