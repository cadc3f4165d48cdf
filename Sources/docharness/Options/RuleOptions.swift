import ArgumentParser
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

    @Option(name: .customLong("select"), help: "Enable only these rule codes or prefixes (repeatable; overrides the configuration).")
    var select: [String] = []

    @Option(name: .customLong("ignore"), help: "Disable these rule codes or prefixes (repeatable; added to the configuration's).")
    var ignore: [String] = []

    @Option(name: .customLong("exclude"), help: "Skip paths matching this .gitignore-style pattern (repeatable).")
    var excludes: [String] = []

    func validate() throws {
        if let failUnder, !(0 ... 100).contains(failUnder) { throw ValidationError("--fail-under must be between 0 and 100, got \(failUnder)") }
        for code in select + ignore where !RuleCatalog.codes.contains(where: { $0.hasPrefix(code) }) || code.count < 2 {
            throw ValidationError("'\(code)' is not a rule code or prefix (codes look like DH101; see docs/rules.md)")
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
        if !select.isEmpty { configuration.select = select }
        configuration.ignore += ignore
        return configuration
    }
}
