import PythonSyntax

/// Every rule, in code order. Adding a rule means adding its file and one line here.
public enum RuleCatalog {
    /// The rule types.
    public static let all: [any Rule.Type] = [
        UnparsableDocstring.self,
        MissingDocstring.self, UndocumentedParameter.self, StaleParameter.self, ParameterOrder.self,
        UndocumentedReturn.self, UndocumentedYield.self, UndocumentedException.self, UndocumentedAttribute.self,
        StaleReturn.self, StaleException.self,
        MissingSummary.self, MultiLineSummary.self, SummaryPunctuation.self, NonImperativeSummary.self,
        RestatedName.self, PlaceholderText.self, EmptyParameterDescription.self, HardToRead.self,
        StyleMismatch.self, MixedStyles.self, SectionSpelling.self, SectionOrder.self, BlankLineAfterSummary.self,
        DocstringIndentation.self, ClosingQuotes.self,
        BriefForComplexity.self,
    ]

    /// Every rule code.
    public static var codes: Set<String> {
        Set(all.map { $0.code }) + suppressionCodes + Set(Diagnostic.Code.allCases.map(\.rawValue))
    }

    /// Codes of findings about suppressions themselves (not rules over docstrings).
    public static let suppressionCodes: Set<String> = [SuppressionFinding.missingReason.code, SuppressionFinding.unused.code]

    /// The rule with a code.
    public static func rule(code: String) -> (any Rule.Type)? {
        all.first { $0.code == code }
    }
}

extension Set {
    static func + (lhs: Set, rhs: Set) -> Set { lhs.union(rhs) }
}
