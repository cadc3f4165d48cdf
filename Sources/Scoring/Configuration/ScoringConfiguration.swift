import Docstrings

/// Everything `check` can be configured with: from `[tool.docharness]` in `pyproject.toml`, from
/// `docharness.toml`, or from flags (which win).
public struct ScoringConfiguration: Sendable, Equatable {
    /// The project's docstring style; nil means "the dominant style detected in the files checked".
    public var style: DocstringStyle?
    /// Weight of each dimension in a symbol's overall score.
    public var weights: [Dimension: Double] = [.completeness: 40, .clarity: 25, .style: 15, .complexity: 20]
    /// The gate: the overall score of the checked symbols must reach this (0–100).
    public var failUnder: Double = 70
    /// Per-dimension minimums (0–100); dimensions not listed are not gated.
    public var dimensionFailUnder: [Dimension: Double] = [:]
    /// Every checked symbol's overall score must reach this (0 turns the check off).
    public var symbolFailUnder: Double = 0
    /// Docstring coverage (%) must reach this (0 turns the check off).
    public var coverageFailUnder: Double = 0
    /// Which symbols need a docstring (interrogate's options).
    public var coverage = CoverageOptions()
    /// Only files matching one of these globs are checked (empty: all).
    public var include: [String] = []
    /// Files and folders matching these globs are skipped, even when named on the command line;
    /// they add to `defaultExclude`.
    public var exclude: [String] = []

    /// Folders of virtual environments and tool caches, skipped like ruff and interrogate skip them.
    public static let defaultExclude = [
        ".venv/", "venv/", ".tox/", ".nox/", "__pypackages__/", "site-packages/", "node_modules/", ".eggs/",
        ".mypy_cache/", ".ruff_cache/", ".pytest_cache/",
    ]

    /// `defaultExclude` followed by `exclude`.
    public var effectiveExclude: [String] { Self.defaultExclude + exclude }
    /// Rule code prefixes to enable (`DH1`, `DH101`); empty means all.
    public var select: [String] = []
    /// Rule code prefixes to disable.
    public var ignore: [String] = []
    /// Rule code prefixes disabled per file glob.
    public var perFileIgnores: [(glob: String, codes: [String])] = []
    /// An earlier JSON report whose findings do not fail the gate (`--baseline`), as written in
    /// the file: relative to `root` (`check --init` writes one).
    public var baseline: String?
    /// `baseline` resolved against `root`.
    public var baselinePath: String? {
        baseline.map { $0.hasPrefix("/") ? $0 : (root == "." ? $0 : root + "/" + $0) }
    }
    /// Where `check` records its runs (`history = true` or a location in the configuration): a
    /// SQLite file (relative to `root`) or a `postgres://` URL; nil records nothing.
    public var history: String?
    /// The store `history = true` means.
    public static let defaultHistory = ".docharness/history.sqlite"
    /// `history` resolved against `root` (URLs as written).
    public var historyLocation: String? {
        history.map { $0.contains("://") || $0.hasPrefix("/") || root == "." ? $0 : root + "/" + $0 }
    }
    /// Whether a `# docharness: ignore[…]` comment needs a reason to apply (DH020 when it has
    /// none); `noqa` comments never do.
    public var requireSuppressionReason = true
    /// Options of individual rules.
    public var rules = RuleOptions()
    /// The directory relative globs are resolved against (the configuration file's).
    public var root: String = "."

    /// The defaults.
    public init() {}

    public static func == (lhs: ScoringConfiguration, rhs: ScoringConfiguration) -> Bool {
        lhs.style == rhs.style && lhs.weights == rhs.weights && lhs.failUnder == rhs.failUnder
            && lhs.dimensionFailUnder == rhs.dimensionFailUnder && lhs.symbolFailUnder == rhs.symbolFailUnder
            && lhs.coverageFailUnder == rhs.coverageFailUnder && lhs.coverage == rhs.coverage
            && lhs.include == rhs.include && lhs.exclude == rhs.exclude && lhs.select == rhs.select
            && lhs.ignore == rhs.ignore && lhs.rules == rhs.rules && lhs.root == rhs.root
            && lhs.requireSuppressionReason == rhs.requireSuppressionReason && lhs.baseline == rhs.baseline && lhs.history == rhs.history
            && lhs.perFileIgnores.map(\.glob) == rhs.perFileIgnores.map(\.glob)
            && lhs.perFileIgnores.map(\.codes) == rhs.perFileIgnores.map(\.codes)
    }

    /// Whether a rule code is enabled by `select` / `ignore` (longest matching prefix wins, as in ruff).
    public func isEnabled(_ code: String) -> Bool {
        let selected = select.isEmpty ? 0 : (select.filter { code.hasPrefix($0) }.map(\.count).max() ?? -1)
        let ignored = ignore.filter { code.hasPrefix($0) }.map(\.count).max() ?? -1
        if selected < 0 { return false }
        return ignored < 0 || selected > ignored
    }
}

/// Which symbols must have a docstring; the names and meanings are interrogate's.
public struct CoverageOptions: Sendable, Equatable {
    /// Skip `__init__` methods.
    public var ignoreInitMethod = false
    /// Skip `__init__.py` modules.
    public var ignoreInitModule = false
    /// Skip dunder methods other than `__init__`.
    public var ignoreMagic = false
    /// Skip module docstrings.
    public var ignoreModule = false
    /// Skip functions defined inside functions.
    public var ignoreNestedFunctions = false
    /// Skip classes defined inside classes or functions.
    public var ignoreNestedClasses = false
    /// Skip `__private` names (two leading underscores, not dunder).
    public var ignorePrivate = false
    /// Skip `_semiprivate` names (one leading underscore).
    public var ignoreSemiprivate = false
    /// Skip methods decorated with `@property`, `@x.setter`, `@x.deleter` and similar.
    public var ignorePropertyDecorators = false
    /// Skip `@x.setter` and `@x.deleter` methods only.
    public var ignoreSetters = false
    /// Skip `@typing.overload` signatures.
    public var ignoreOverloadedFunctions = false
    /// Skip symbols whose name matches one of these regular expressions at its start (`re.match`).
    public var ignoreRegex: [String] = []

    /// interrogate's defaults: every symbol counts.
    public init() {}
}

/// Options of individual rules.
public struct RuleOptions: Sendable, Equatable {
    /// Require `*args` and `**kwargs` to be documented (DH101).
    public var documentVariadicParameters = true
    /// Skip DH101–DH109 for docstrings that are only a summary (pydoclint's
    /// `skip-checking-short-docstrings`); complexity match still asks for detail.
    public var skipSummaryOnlyDocstrings = false
    /// DH207 fires below this Flesch reading ease.
    public var minimumReadingEase: Double = 30
    /// DH207 only reads prose of at least this many words.
    public var readabilityMinimumWords = 25
    /// Extra verbs accepted as imperative by DH203 (lowercase base forms).
    public var imperativeVerbs: [String] = []
    /// Words per parameter the complexity formula expects.
    public var wordsPerParameter: Double = 10
    /// Words per decision point (complexity − 1) the complexity formula expects.
    public var wordsPerDecision: Double = 8
    /// Words of detail every function gets for free before DH400 asks for more.
    public var freeWords: Double = 20

    /// The defaults.
    public init() {}
}
