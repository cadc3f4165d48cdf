import Scoring

/// The hash that says two runs are comparable: the same command over the same paths with the same
/// scoring configuration (and for `eval`, the same model and safe zone). The prompt template is
/// left out on purpose: comparing templates is what `compare` is for.
public enum ConfigurationFingerprint {
    /// The hash of `parts` and `configuration`'s canonical text (dictionaries sorted, so it is the
    /// same in every process).
    public static func of(command: String, paths: [String], configuration: ScoringConfiguration, extra: [String] = []) -> String {
        var parts = [command] + paths
        parts.append("style=\(configuration.style?.rawValue ?? "detected")")
        parts.append("weights=" + Dimension.allCases.map { "\($0.rawValue):\(configuration.weights[$0] ?? 0)" }.joined(separator: ","))
        parts.append("fail-under=\(configuration.failUnder)")
        parts.append("dimension-fail-under=" + Dimension.allCases.map { "\($0.rawValue):\(configuration.dimensionFailUnder[$0] ?? 0)" }.joined(separator: ","))
        parts.append("symbol-fail-under=\(configuration.symbolFailUnder) coverage-fail-under=\(configuration.coverageFailUnder)")
        parts.append("coverage=\(configuration.coverage)")
        parts.append("include=\(configuration.include) exclude=\(configuration.exclude)")
        parts.append("select=\(configuration.select) ignore=\(configuration.ignore)")
        parts.append("per-file-ignores=" + configuration.perFileIgnores.map { "\($0.glob):\($0.codes)" }.joined(separator: ";"))
        parts.append("rules=\(configuration.rules)")
        return Fingerprint.of(parts.joined(separator: "\n"), extra.joined(separator: "\n"))
    }
}
