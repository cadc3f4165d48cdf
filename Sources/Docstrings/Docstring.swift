/// A docstring parsed into its parts, whatever style it was written in.
///
/// Every part carries `line`: the 0-based offset of its first line from the line where the
/// docstring literal starts, so that `symbol.docstringLine + part.line` is the source line.
public struct Docstring: Sendable, Hashable, Codable {
    /// The style with the most sections, or `.plain` when there are none.
    public var style: DocstringStyle
    /// Every style a section was written in, in order of first appearance; more than one means mixed.
    public var styles: [DocstringStyle]
    /// The first paragraph, or nil when the docstring starts with a section or is blank.
    public var summary: DocstringText?
    /// The paragraphs between the summary and the first section.
    public var description: DocstringText?
    /// Parameters, keyword arguments and "other parameters", in the order they are documented.
    public var parameters: [DocstringItem]
    /// Return values (NumPy allows several; other styles have at most one).
    public var returns: [DocstringItem]
    /// Yielded values.
    public var yields: [DocstringItem]
    /// Documented exceptions; `name` is the exception as written.
    public var raises: [DocstringItem]
    /// Documented attributes (`Attributes`, `:ivar:`, `:cvar:`, `@ivar`).
    public var attributes: [DocstringItem]
    /// Example blocks (an `Examples` section or doctest lines in the description).
    public var examples: [DocstringText]
    /// Notes, warnings, see-also, references, to-do and deprecation blocks, each with its kind.
    public var notes: [DocstringNote]
    /// Every section header or field, in order, with how it was spelled.
    public var sections: [DocstringSection]
    /// Parts that could not be parsed; non-empty means the docstring is malformed.
    public var problems: [DocstringProblem]
    /// The text of section entries that could not be parsed (a NumPy description not indented
    /// under its entry, an exception entry that is a sentence): still words a reader reads.
    public var unparsedText: [String] = []
    /// Names of template placeholders written as a parameter entry (`$META`, `${META}`: dask and
    /// others substitute a shared entry when the module is imported), lowercased.
    public var templateFields: [String] = []
    /// Number of lines in the literal's value.
    public var lineCount: Int
    /// Indentation of the raw lines and placement of the closing quotes.
    public var layout = DocstringLayout(lineCount: 0, indentations: [], lastLineIsBlank: true)

    /// A docstring with no content.
    public init() {
        style = .plain
        styles = []
        parameters = []
        returns = []
        yields = []
        raises = []
        attributes = []
        examples = []
        notes = []
        sections = []
        problems = []
        lineCount = 0
    }

    /// A placeholder alone on an entry's line, which the module fills in when it is imported:
    /// `$META`, `${META}` (string.Template, dask), `{{base_optimizer_keyword_args}}` (Keras),
    /// `{name}` (str.format), `%(name)s`, `%(Patch:kwdoc)s` (matplotlib); its name, lowercased.
    public static func templateField(_ content: String) -> String? {
        var name = Substring(content.trimmingCharacters())
        if name.hasPrefix("$") { name = name.dropFirst() }
        else if name.hasPrefix("%("), name.hasSuffix(")s") { name = name.dropFirst(2).dropLast(2) }
        else if !name.hasPrefix("{") { return nil }
        while name.hasPrefix("{"), name.hasSuffix("}") { name = name.dropFirst().dropLast() }
        guard let first = name.first, first == "_" || first.isLetter, name.allSatisfy({ $0 == "_" || $0 == ":" || $0 == "." || $0.isLetter || $0.isNumber }) else { return nil }
        return name.lowercased()
    }

    /// The text a reader reads as prose rather than as entries: the summary, the description, and
    /// the lines under sections that are not entries (`unparsedText`). What rules search for a name
    /// the prose mentions ("Raises a TypeError if …", "an int with k random bits").
    public var prose: String {
        ([summary?.text, description?.text].compactMap { $0 } + unparsedText).joined(separator: " ")
    }

    /// Whether the docstring has only a summary: no description and no sections.
    public var isSummaryOnly: Bool {
        description == nil && sections.isEmpty && examples.isEmpty
    }

    /// Whether sections of more than one style were found.
    public var isMixed: Bool { styles.count > 1 }
}

/// Text with the line it starts on.
public struct DocstringText: Sendable, Hashable, Codable {
    /// The text, dedented, lines joined with `\n`.
    public var text: String
    /// 0-based line offset from the start of the docstring literal.
    public var line: Int

    /// Creates a text part.
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

/// One documented parameter, return value, exception or attribute.
public struct DocstringItem: Sendable, Hashable, Codable {
    /// The parameter or attribute name, the exception, or the return value's name (NumPy); nil when absent.
    public var name: String?
    /// The documented type, or nil.
    public var type: String?
    /// The description, continuation lines joined with `\n`; empty when none was written.
    public var description: String
    /// 0-based line offset from the start of the docstring literal.
    public var line: Int
    /// The kind of section the item was written in (`keywordArguments` for `Keyword Args:`).
    public var section: SectionKind

    /// Creates an item.
    public init(name: String?, type: String?, description: String, line: Int, section: SectionKind = .parameters) {
        self.name = name
        self.type = type
        self.description = description
        self.line = line
        self.section = section
    }
}

/// A free-text block: a note, warning, see-also list, reference list, to-do or deprecation.
public struct DocstringNote: Sendable, Hashable, Codable {
    /// Which block it is.
    public var kind: SectionKind
    /// Its text and line.
    public var text: DocstringText

    /// Creates a note.
    public init(kind: SectionKind, text: DocstringText) {
        self.kind = kind
        self.text = text
    }
}

/// A section header (Google, NumPy) or field (Sphinx, Epytext) as written.
public struct DocstringSection: Sendable, Hashable, Codable {
    /// What the section holds.
    public var kind: SectionKind
    /// The header or field name exactly as written (`Args`, `Parameters`, `param`, `raises`).
    public var title: String
    /// The style the header is written in.
    public var style: DocstringStyle
    /// 0-based line offset of the header.
    public var line: Int
    /// For NumPy headers, the underline's length; nil otherwise.
    public var underlineLength: Int?
    /// For NumPy headers, whether the underline is `=` (numpydoc reads it; its guide writes `-`).
    public var underlineIsEquals = false

    /// Creates a section.
    public init(kind: SectionKind, title: String, style: DocstringStyle, line: Int, underlineLength: Int? = nil) {
        self.kind = kind
        self.title = title
        self.style = style
        self.line = line
        self.underlineLength = underlineLength
    }
}

/// Something in a docstring that could not be parsed.
public struct DocstringProblem: Sendable, Hashable, Codable {
    /// What is wrong and how to write it instead.
    public var message: String
    /// 0-based line offset.
    public var line: Int

    /// Creates a problem.
    public init(message: String, line: Int) {
        self.message = message
        self.line = line
    }
}
