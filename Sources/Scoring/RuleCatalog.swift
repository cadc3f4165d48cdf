import PythonSyntax

/// Every rule, in code order. Adding a rule means adding its file and one line here.
public enum RuleCatalog {
    /// The rule types.
    public static let all: [any Rule.Type] = [
        UnparsableDocstring.self,
        MissingDocstring.self, UndocumentedParameter.self, StaleParameter.self, ParameterOrder.self,
        UndocumentedReturn.self, UndocumentedYield.self, UndocumentedException.self, UndocumentedAttribute.self,
        StaleReturn.self, StaleException.self, StaleDefault.self, ContradictedType.self, UnresolvedReference.self,
        MissingSummary.self, MultiLineSummary.self, SummaryPunctuation.self, NonImperativeSummary.self,
        RestatedName.self, PlaceholderText.self, EmptyParameterDescription.self, HardToRead.self, ContentFreeDescription.self,
        CopiedDescription.self,
        StyleMismatch.self, MixedStyles.self, SectionSpelling.self, SectionOrder.self, BlankLineAfterSummary.self,
        DocstringIndentation.self, ClosingQuotes.self,
        BriefForComplexity.self,
    ]

    /// Every rule code.
    public static var codes: Set<String> {
        Set(all.map { $0.code }).union(suppressionCodes).union(Diagnostic.Code.allCases.map(\.rawValue))
    }

    /// Codes of findings about suppressions themselves (not rules over docstrings).
    public static let suppressionCodes: Set<String> = [SuppressionFinding.missingReason.code, SuppressionFinding.unused.code]

    /// A rule's documentation (what it checks, why it matters, an example) as Markdown, from its
    /// doc comment; also for the findings that are not rules (DH0xx, DH020, DH021).
    public static func help(code: String) -> String {
        if let text = RuleHelp.text[code] { return text }
        switch code {
        case "DH001": return "The file is not valid Python; CPython would reject it too. Fix the syntax error."
        case "DH002": return "The file's bytes cannot be decoded with its declared encoding (UTF-8 by default). Declare the encoding or save the file as UTF-8."
        case "DH003": return "The file contains a NUL byte, so it is binary, not Python source. Exclude it."
        case "DH004": return "The file cannot be read (missing, a folder, or no permission)."
        case "DH020": return "A `# docharness: ignore[...]` comment gives no reason, so it does not apply. Write the reason after the codes."
        case "DH021": return "A suppression comment silences nothing. Remove it."
        default: return ""
        }
    }

    /// Whether `code` is a rule code or a prefix of one (`DH1`, `DH101`; at least two characters):
    /// what `--select`, `--ignore` and `docharness rule` accept.
    public static func isCodeOrPrefix(_ code: String) -> Bool {
        code.count >= 2 && codes.contains { $0.hasPrefix(code) }
    }

    /// What `docharness rule CODE` prints: `DH101 undocumented-parameter (completeness)`, a blank
    /// line, then the help; nil for a code that is not one.
    public static func explanation(code: String) -> String? {
        guard codes.contains(code) else { return nil }
        let dimension = rule(code: code).map { " (\($0.dimension.rawValue))" } ?? ""
        return "\(code) \(name(code: code))\(dimension)\n\n\(help(code: code))"
    }

    /// The first sentence of a code's help.
    public static func summary(code: String) -> String {
        String(help(code: code).split(separator: "\n").first ?? "")
    }

    /// The kebab-case name of a code, rules and other findings alike.
    public static func name(code: String) -> String {
        if let rule = rule(code: code) { return rule.name }
        switch code {
        case "DH001", "DH002", "DH003", "DH004": return "unreadable-source"
        case "DH020": return SuppressionFinding.missingReason.name
        case "DH021": return SuppressionFinding.unused.name
        default: return code
        }
    }

    /// The rule with a code.
    public static func rule(code: String) -> (any Rule.Type)? {
        byCode[code]
    }

    /// `all` by code (the text output looks a rule up for every group of findings).
    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}
