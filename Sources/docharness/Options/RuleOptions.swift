import ArgumentParser
import Foundation
import Docstrings
import Scoring

/// What `check` scores with: the configuration file and the flags that override it.
struct RuleOptions: ParsableArguments {
    enum StyleChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, google, numpy, sphinx, epytext
    }

    @Option(help: "Read configuration from this file instead of searching for one.")
    var config: String?

    @Option(help: "The project's docstring style (auto: the dominant detected one).")
    var style: StyleChoice?

    @Option(name: .customLong("fail-under"), help: "Fail when the overall score is below this (0-100).")
    var failUnder: Double?

    @Option(name: .customLong("select"), help: ArgumentHelp("Enable only these rule codes or prefixes, comma-separated as ruff writes them (repeatable; overrides the configuration).", valueName: "codes"))
    var select: [String] = []

    @Option(name: .customLong("extend-select"), help: ArgumentHelp("Enable these codes or prefixes besides the selected ones (repeatable; added to --select or the configuration's select).", valueName: "codes"))
    var extendSelect: [String] = []

    @Option(name: [.customLong("ignore"), .customLong("extend-ignore")], help: ArgumentHelp("Disable these rule codes or prefixes, comma-separated (repeatable; added to the configuration's).", valueName: "codes"))
    var ignore: [String] = []

    /// `--select` with comma-separated lists split: `DH101,DH102` → DH101, DH102.
    var selectedCodes: [String] { Self.split(select) }
    /// `--ignore` with comma-separated lists split.
    var ignoredCodes: [String] { Self.split(ignore) }
    /// `--extend-select` with comma-separated lists split.
    var extendedCodes: [String] { Self.split(extendSelect) }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    @Option(name: .customLong("exclude"), help: "Skip paths matching this .gitignore-style pattern (repeatable).")
    var excludes: [String] = []

    func validate() throws {
        if let failUnder, !(0 ... 100).contains(failUnder) { throw ValidationError("--fail-under must be between 0 and 100, got \(failUnder)") }
        for code in selectedCodes + ignoredCodes + extendedCodes where !RuleCatalog.isCodeOrPrefix(code) {
            throw ValidationError("'\(code)' is not a rule code or prefix (codes look like DH101; `docharness rule` lists them)")
        }
    }

    /// The configuration (`--config`, else the one found upward from the current folder) with
    /// the flags applied.
    func configuration() throws(ConfigurationError) -> ScoringConfiguration {
        var configuration: ScoringConfiguration
        if let config {
            configuration = try ConfigurationLoader.load(path: config, knownCodes: RuleCatalog.codes)
        } else {
            configuration = try ConfigurationLoader.discover(from: ".", knownCodes: RuleCatalog.codes).0
        }
        if let style { configuration.style = style == .auto ? nil : DocstringStyle(rawValue: style.rawValue) }
        if let failUnder { configuration.failUnder = failUnder }
        if !selectedCodes.isEmpty { configuration.select = selectedCodes }
        // An empty selection already means every rule; extending it changes nothing.
        if !configuration.select.isEmpty { configuration.select += extendedCodes }
        configuration.ignore += ignoredCodes
        return configuration
    }
}
