/// What a docstring section holds, independent of the style that spelled it.
public enum SectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case parameters, otherParameters, keywordArguments, returns, yields, receives, raises, warns
    case attributes, methods, examples, notes, warnings, seeAlso, references, todo, deprecated
    /// A napoleon admonition (`Attention`, `Caution`, `Danger`, `Error`, `Hint`, `Important`, `Tip`).
    case admonition
    /// A `:type:`, `:rtype:` or `:vartype:` field (Sphinx, Epytext): types only, no entries of its own.
    case types

    /// Whether entries of this section document parameters.
    public var documentsParameters: Bool {
        self == .parameters || self == .otherParameters || self == .keywordArguments
    }
}

/// Section header spellings of the Google and NumPy styles: what each name means and how the
/// style's own documentation spells it.
public enum SectionNames {
    /// Google (napoleon) header names, lowercased, with their kind and canonical spelling.
    public static let google: [String: (kind: SectionKind, canonical: String)] = [
        "args": (.parameters, "Args"), "arguments": (.parameters, "Args"), "parameters": (.parameters, "Args"),
        "params": (.parameters, "Args"), "param": (.parameters, "Args"),
        "keyword args": (.keywordArguments, "Keyword Args"), "keyword arguments": (.keywordArguments, "Keyword Arguments"),
        "kwargs": (.keywordArguments, "Keyword Args"),
        "other parameters": (.otherParameters, "Other Parameters"),
        "returns": (.returns, "Returns"), "return": (.returns, "Returns"),
        "yields": (.yields, "Yields"), "yield": (.yields, "Yields"),
        "receives": (.receives, "Receives"), "receive": (.receives, "Receives"),
        "raises": (.raises, "Raises"), "raise": (.raises, "Raises"), "except": (.raises, "Raises"),
        "exceptions": (.raises, "Raises"), "throws": (.raises, "Raises"),
        "warns": (.warns, "Warns"), "attributes": (.attributes, "Attributes"), "methods": (.methods, "Methods"),
        "example": (.examples, "Example"), "examples": (.examples, "Examples"),
        "note": (.notes, "Note"), "notes": (.notes, "Notes"),
        "warning": (.warnings, "Warning"), "warnings": (.warnings, "Warnings"),
        "see also": (.seeAlso, "See Also"), "references": (.references, "References"),
        "todo": (.todo, "Todo"), "deprecated": (.deprecated, "Deprecated"),
        "attention": (.admonition, "Attention"), "caution": (.admonition, "Caution"),
        "danger": (.admonition, "Danger"), "error": (.admonition, "Error"), "hint": (.admonition, "Hint"),
        "important": (.admonition, "Important"), "tip": (.admonition, "Tip"),
    ]

    /// NumPy (numpydoc) header names, lowercased, with their kind and canonical spelling.
    public static let numpy: [String: (kind: SectionKind, canonical: String)] = [
        "parameters": (.parameters, "Parameters"), "parameter": (.parameters, "Parameters"),
        "params": (.parameters, "Parameters"), "args": (.parameters, "Parameters"),
        "arguments": (.parameters, "Parameters"),
        "other parameters": (.otherParameters, "Other Parameters"),
        "returns": (.returns, "Returns"), "return": (.returns, "Returns"),
        "yields": (.yields, "Yields"), "yield": (.yields, "Yields"),
        "receives": (.receives, "Receives"), "raises": (.raises, "Raises"), "raise": (.raises, "Raises"),
        "warns": (.warns, "Warns"), "warnings": (.warnings, "Warnings"), "warning": (.warnings, "Warnings"),
        "see also": (.seeAlso, "See Also"), "notes": (.notes, "Notes"), "note": (.notes, "Notes"),
        "references": (.references, "References"), "examples": (.examples, "Examples"),
        "example": (.examples, "Examples"), "attributes": (.attributes, "Attributes"),
        "methods": (.methods, "Methods"), "todo": (.todo, "Todo"), "deprecated": (.deprecated, "Deprecated"),
    ]

    /// The order numpydoc's guide gives its sections; kinds not listed may go anywhere.
    public static let numpyOrder: [SectionKind] = [
        .deprecated, .parameters, .attributes, .returns, .yields, .receives, .otherParameters, .raises,
        .warns, .warnings, .seeAlso, .notes, .references, .examples,
    ]

    /// The order of the Google style guide's structured sections; others may go anywhere
    /// (`Attributes` included: the guide shows it in class docstrings, which have no `Returns`, and
    /// orders it against nothing).
    public static let googleOrder: [SectionKind] = [
        .parameters, .keywordArguments, .otherParameters, .returns, .yields, .raises,
    ]
}
