import Docstrings
import PythonSyntax

/// What a rule sees of one symbol: the symbol, its parsed docstring, its parent and the settings.
public struct SymbolContext: Sendable {
    /// The symbols `symbol`, `parent` and `constructor` are read from (a file's, shared by every
    /// context of the file: copying a `Symbol` retains a dozen arrays and strings).
    private let symbols: [Symbol]
    private let symbolIndex: Int
    private let parentIndex: Int?
    private let constructorIndex: Int?

    /// The symbol.
    public var symbol: Symbol {
        _read { yield symbols[symbolIndex] }
    }
    /// The enclosing class or function, nil at module level (and for the module).
    public var parent: Symbol? { parentIndex.map { symbols[$0] } }
    /// The docstring's value, nil when the symbol has none.
    public let rawDocstring: String?
    /// The parsed docstring, nil when the symbol has none.
    public private(set) var docstring: Docstring?
    /// The style the project uses.
    public let projectStyle: DocstringStyle
    /// Options of the rules.
    public let options: RuleOptions
    /// Columns of indentation before the docstring literal's opening quotes, when known.
    public let literalIndent: Int?
    /// The parent's parsed docstring (a method's class docstring), nil when it has none.
    public let parentDocstring: Docstring?
    /// For a class, the `__init__` defined in its body and that method's parsed docstring.
    public var constructor: Symbol? { constructorIndex.map { symbols[$0] } }
    /// The parsed docstring of `constructor`.
    public let constructorDocstring: Docstring?
    /// What cross-references may resolve to; nil when the caller has not built the run's names
    /// (then DH112 says nothing).
    public let references: ReferenceScope?
    /// The run's functions that certainly raise nothing; nil when the caller has not built them
    /// (then DH109 judges only functions that call nothing).
    public let quietFunctions: QuietFunctions?

    /// Creates a context, parsing the docstring (and the parent's and the constructor's, unless given).
    public init(symbol: Symbol, parent: Symbol?, projectStyle: DocstringStyle, options: RuleOptions,
                literalIndent: Int? = nil, docstring: Docstring?? = nil, parentDocstring: Docstring?? = nil,
                constructor: Symbol? = nil, constructorDocstring: Docstring?? = nil, references: ReferenceScope? = nil,
                quietFunctions: QuietFunctions? = nil) {
        var symbols = [symbol]
        if let parent { symbols.append(parent) }
        if let constructor { symbols.append(constructor) }
        self.init(symbols: symbols, index: 0, parentIndex: parent == nil ? nil : 1, constructorIndex: constructor == nil ? nil : symbols.count - 1,
                  projectStyle: projectStyle, options: options, literalIndent: literalIndent, docstring: docstring,
                  parentDocstring: parentDocstring, constructorDocstring: constructorDocstring, references: references,
                  quietFunctions: quietFunctions)
    }

    /// Creates a context for `symbols[index]`, whose parent and constructor (when there are) are
    /// in the same list; docstrings not given are parsed.
    init(symbols: [Symbol], index: Int, parentIndex: Int?, constructorIndex: Int?, projectStyle: DocstringStyle, options: RuleOptions,
         literalIndent: Int? = nil, docstring: Docstring?? = nil, parentDocstring: Docstring?? = nil,
         constructorDocstring: Docstring?? = nil, references: ReferenceScope? = nil, quietFunctions: QuietFunctions? = nil) {
        self.symbols = symbols
        self.symbolIndex = index
        self.parentIndex = parentIndex
        self.constructorIndex = constructorIndex
        self.references = references
        self.quietFunctions = quietFunctions
        self.literalIndent = literalIndent
        self.parentDocstring = parentDocstring ?? parentIndex.flatMap { symbols[$0].docstring.map(DocstringParser.parse) }
        self.constructorDocstring = constructorDocstring ?? constructorIndex.flatMap { symbols[$0].docstring.map(DocstringParser.parse) }
        self.rawDocstring = symbols[index].docstring
        self.docstring = docstring ?? symbols[index].docstring.map(DocstringParser.parse)
        self.projectStyle = projectStyle
        self.options = options
    }

    /// The source line of a docstring part.
    public func line(_ offset: Int) -> Int {
        (symbol.docstringLine ?? symbol.line) + offset
    }

    /// The line of the docstring literal (or the definition when there is none).
    public var docstringLine: Int { symbol.docstringLine ?? symbol.line }

    /// Placeholders the module fills in when it is imported (`{storage_options}`, `%(Patch:kwdoc)s`,
    /// `$META`): as parameter entries, and on lines of their own anywhere in the docstring. The
    /// docstring a user reads is longer than its source, by text nobody can see before import.
    public var importTimeFields: [String] {
        var fields = docstring?.templateFields ?? []
        if let raw = rawDocstring, raw.containsBytes("%(") || raw.containsBytes("{") || raw.containsBytes("$") {
            // Only a line that starts with `%`, `{` or `$` can be a placeholder alone on its line.
            for line in raw.utf8.split(separator: 0x0A) {
                guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }), first == 0x25 || first == 0x7B || first == 0x24,
                      let field = Docstring.templateField(String(Substring(line))) else { continue }
                fields.append(field)
            }
        }
        return fields
    }

    /// The style the docstring is written in, or the project's when it has no sections (a plain
    /// or missing docstring): where a message tells the reader to add an entry.
    public var writingStyle: DocstringStyle {
        guard let style = docstring?.style, style != .plain else { return projectStyle }
        return style
    }

    /// The same symbol seen with another docstring (what a rule would find if it read so).
    public func replacingDocstring(with docstring: Docstring) -> SymbolContext {
        var copy = self
        copy.docstring = docstring
        return copy
    }

    /// Whether this is a class's `__init__`.
    public var isConstructor: Bool {
        // The name's bytes, not `symbol.name`: this is asked for every method, and `name` makes a string.
        let qualname = symbol.qualname.utf8
        return symbol.kind == .method && (qualname.count == 8 || qualname.dropLast(8).last == UInt8(ascii: "."))
            && qualname.suffix(8).elementsEqual("__init__".utf8) && parentIndex.map { symbols[$0].kind == .class } ?? false
    }

    /// Whether a class docstring documents its constructor's parameters (pydoclint's
    /// `--allow-init-docstring`: they may be in the class docstring or in `__init__`'s). True for a
    /// constructor whose class docstring has parameter entries and whose own docstring has none.
    public var parametersDocumentedOnClass: Bool {
        isConstructor && !(parentDocstring?.parameters.isEmpty ?? true) && (docstring?.parameters.isEmpty ?? true)
    }

    /// For a class whose docstring documents its constructor's parameters, the constructor's
    /// context (its own docstring has no parameter entries); nil otherwise.
    public var constructorContext: SymbolContext? {
        guard symbol.kind == .class, let constructorIndex, let docstring, !docstring.parameters.isEmpty,
              constructorDocstring?.parameters.isEmpty ?? true else { return nil }
        return SymbolContext(symbols: symbols, index: constructorIndex, parentIndex: symbolIndex, constructorIndex: nil,
                             projectStyle: projectStyle, options: options,
                             docstring: .some(constructorDocstring), parentDocstring: .some(docstring))
    }

    /// Whether this is a function or method.
    public var isFunction: Bool { symbol.kind == .function || symbol.kind == .method }

    /// Decorator names without arguments or module prefix (`property`, `setter`, `abstractmethod`).
    public var decoratorNames: [String] {
        symbol.decorators.map { decorator in
            let callee = decorator.utf8.prefix { $0 != UInt8(ascii: "(") }
            return String(Substring(callee.split(separator: UInt8(ascii: ".")).last ?? callee))
        }
    }

    /// `@abstractmethod` (and `abc.abstractmethod`, `abstractproperty`…).
    public var isAbstract: Bool {
        decoratorNames.contains { $0.hasPrefix("abstract") }
    }

    /// `@property`, `@cached_property`, `@x.setter`, `@x.getter`, `@x.deleter`.
    public var isProperty: Bool {
        decoratorNames.contains { $0 == "property" || $0 == "cached_property" || $0 == "setter" || $0 == "getter" || $0 == "deleter" }
    }

    /// `@overload`.
    public var isOverload: Bool { decoratorNames.contains("overload") }

    /// Whether the docstring is only a summary and the options say to skip such docstrings.
    public var skipsSectionChecks: Bool {
        options.skipSummaryOnlyDocstrings && (docstring?.isSummaryOnly ?? true)
    }

    /// Parameters that should be documented: not `self`/`cls` of a method (nor a first `self` or
    /// `cls` of a function defined inside another function, as factories such as `namedtuple`
    /// define methods), not `_`-only names, and not `*args`/`**kwargs` unless the options ask for
    /// them. A module-level function's `self` is a parameter like any other (issue 19).
    public var documentableParameters: [Parameter] {
        var parameters = symbol.parameters
        if let first = parameters.first, first.kind == .positionalOnly || first.kind == .positionalOrKeyword,
           symbol.kind == .method ? !decoratorNames.contains("staticmethod")
               : (first.name == "self" || first.name == "cls") && symbol.qualname.contains("<locals>.") {
            parameters.removeFirst()
        }
        return parameters.filter { parameter in
            if parameter.name.allSatisfy({ $0 == "_" }) { return false }
            if !options.documentVariadicParameters, parameter.kind == .varPositional || parameter.kind == .varKeyword {
                return false
            }
            return true
        }
    }

    /// Words in a text (normalized: lowercase, letters, digits and `_`), with code spans and
    /// doctest lines removed.
    public static func words(_ text: String) -> [String] {
        ProseWords(text).normalizedWords
    }

    /// The number of words in a text, as `words` counts them.
    public static func wordCount(_ text: String) -> Int {
        text.isEmpty ? 0 : ProseWords(text).count
    }
}

extension Parameter {
    /// The name as a docstring writes it: `*args`, `**kwargs`, `x`.
    public var documentedName: String {
        switch kind {
        case .varPositional: "*" + name
        case .varKeyword: "**" + name
        default: name
        }
    }
}
