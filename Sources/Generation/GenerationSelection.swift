import PythonSyntax
import Scoring

/// What a run generates for: each path is a project scored on its own (its own dominant style);
/// the targets are the functions, methods and classes that have no docstring or score below a
/// threshold, with their scores by `DocstringTarget.identifier`.
public struct GenerationSelection: Sendable {
    /// One project of a selection: a path, its files and their check.
    public struct Project: Sendable {
        /// The path as given.
        public var path: String
        /// Its parsed files.
        public var files: [SourceFile]
        /// The check of its existing docstrings (its dominant style detected on its own).
        public var check: CheckResult
    }

    /// The projects, one per path.
    public var projects: [Project] = []
    /// The symbols to generate for, in file and line order.
    public var targets: [DocstringTarget] = []
    /// The existing scores of the targets, by identifier.
    public var scores: [String: SymbolResult] = [:]

    /// Reads and scores `paths`, and selects the symbols without a docstring or scoring below
    /// `threshold`.
    public init(paths: [String], below threshold: Double) {
        for path in paths {
            let configuration = ScoringConfiguration()
            let (expanded, _, _) = PythonFileWalker(excludes: configuration.effectiveExclude).expand([path])
            let files = expanded.map { SourceFile.read(path: $0) }
            let check = Scorer(configuration: configuration).check(files)
            projects.append(Project(path: path, files: files, check: check))
            for (file, result) in zip(files, check.files) {
                let bySymbol = Dictionary(result.symbols.map { ($0.qualname, $0) }, uniquingKeysWith: { first, _ in first })
                for target in DocstringTarget.targets(in: file, style: check.projectStyle) {
                    guard let scored = bySymbol[target.symbol.qualname], scored.countsForCoverage else { continue }
                    if !scored.documented || (scored.overall ?? 0) < threshold {
                        targets.append(target)
                        scores[target.identifier] = scored
                    }
                }
            }
        }
    }
}
