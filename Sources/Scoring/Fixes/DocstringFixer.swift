import Docstrings
import PythonSyntax

/// `check --fix`: mends what is mechanical and certain in a file's docstrings, rule by rule
/// (each fix lives in its rule's file, `FixableRule`), and leaves every other byte as it was.
///
/// Only findings `check` reports are fixed: the rule is selected, the file not ignored for it,
/// the finding not suppressed. With `unsafe`, a rule's `unsafeFix` is tried when its `fix` has
/// nothing certain to do. One rule's edits per docstring per pass; passes repeat on the
/// re-parsed file until nothing more is fixed (at most `maximumPasses`), so a second `--fix`
/// changes nothing.
public struct DocstringFixer: Sendable {
    /// The configuration, with the project's style fixed (the style of the whole run, not of
    /// one file).
    public var configuration: ScoringConfiguration
    /// Passes over one file before giving up.
    public var maximumPasses = 25
    /// Whether fixes that may change what a docstring says are made too (`--unsafe-fixes`).
    public var unsafe: Bool

    /// Creates a fixer for a run whose detected style was `style`.
    public init(configuration: ScoringConfiguration, style: DocstringStyle, unsafe: Bool = false) {
        var configuration = configuration
        configuration.style = configuration.style ?? style
        self.configuration = configuration
        self.unsafe = unsafe
    }

    /// The fixable rules, in the order they are tried.
    static let rules: [any FixableRule] = [StaleParameter(), SectionSpelling(), SectionOrder(), BlankLineAfterSummary(), ClosingQuotes(), SummaryPunctuation()]

    /// Codes `--fix` can mend.
    public static var fixableCodes: [String] { rules.map { type(of: $0).code } }

    /// What fixing one file did.
    public struct Outcome: Sendable {
        /// The file's bytes after the fixes (the same bytes when nothing was fixed).
        public var bytes: [UInt8]
        /// Findings fixed, by code.
        public var fixed: [String: Int]
    }

    /// Fixes one file's bytes.
    public func fix(bytes original: [UInt8], path: String) -> Outcome {
        var lines = SourceLines(original)
        var fixed: [String: Int] = [:]
        let scorer = Scorer(configuration: configuration)
        for _ in 0 ..< maximumPasses {
            let file = SourceFile.parse(bytes: lines.bytes, path: path)
            guard file.isValid, let result = scorer.check([file], jobs: 1).files.first else { break }
            let scope = SymbolScope(symbols: file.symbols, path: file.path, options: configuration.coverage)
            var edits: [LineEdit] = []
            for symbolResult in result.symbols {
                let codes = Set(symbolResult.findings.map(\.code))
                let candidates = Self.rules.filter { codes.contains(type(of: $0).code) }
                guard !candidates.isEmpty,
                      let index = file.symbols.firstIndex(where: { $0.qualname == symbolResult.qualname && $0.line == symbolResult.line }),
                      let raw = file.symbols[index].docstring else { continue }
                let symbol = file.symbols[index]
                let docstring = DocstringParser.parse(raw)
                guard let literal = DocstringLiteral(symbol: symbol, docstring: docstring, lines: lines, encoding: file.encoding) else { continue }
                let context = SymbolContext(symbols: file.symbols, index: index, parentIndex: scope.parents[index],
                                            constructorIndex: scope.constructors[index], projectStyle: configuration.style ?? .plain,
                                            options: configuration.rules, literalIndent: literal.indent.count, docstring: .some(docstring))
                // The first rule with something certain to do; the others wait for the next pass.
                for rule in candidates {
                    let code = type(of: rule).code
                    var ruleEdits = rule.fix(context, literal: literal, lines: lines)
                    // A safe edit mends one finding; an unsafe one (a whole section) all of the rule's.
                    var mended = ruleEdits.count
                    if ruleEdits.isEmpty, unsafe {
                        ruleEdits = rule.unsafeFix(context, literal: literal, lines: lines)
                        mended = ruleEdits.isEmpty ? 0 : symbolResult.findings.filter { $0.code == code }.count
                    }
                    guard !ruleEdits.isEmpty else { continue }
                    edits += ruleEdits
                    fixed[code, default: 0] += mended
                    break
                }
            }
            if edits.isEmpty { break }
            let before = lines
            lines.apply(edits)
            if lines == before { break }
        }
        return Outcome(bytes: lines.bytes, fixed: fixed)
    }
}
