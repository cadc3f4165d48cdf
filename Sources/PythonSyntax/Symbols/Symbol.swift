/// A module, class, function or method, with what documentation checks need to know about it.
///
/// Field names are those of `docharness symbols --format json`.
public struct Symbol: Sendable, Hashable, Codable {
    /// What sort of symbol this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        case module, `class`, function, method
    }

    /// The symbol's kind; a function defined directly in a class body is a `method`.
    public var kind: Kind
    /// The qualified name in `__qualname__` form (`Outer.method`, `f.<locals>.g`); `<module>` for the module.
    public var qualname: String
    /// 1-based line of the `def`/`class` keyword (or `async`); 1 for the module.
    public var line: Int
    /// 1-based line of the symbol's last token.
    public var endLine: Int
    /// The docstring as `ast.get_docstring(node, clean=False)` returns it, or nil.
    public var docstring: String?
    /// 1-based line where the docstring literal starts, or nil.
    public var docstringLine: Int?
    /// Parameters in order (functions and methods only).
    public var parameters: [Parameter]
    /// Source text of the return annotation, or nil.
    public var returns: String?
    /// Source text of each decorator expression, top to bottom.
    public var decorators: [String]
    /// Source text of each base class and class keyword (`metaclass=ABCMeta`), classes only.
    public var bases: [String]
    /// `async def`.
    public var isAsync: Bool
    /// Exceptions raised in the symbol's own scope, in source order.
    public var raises: [RaisedException]
    /// Bare `raise` statements in the symbol's own scope.
    public var reraises: [Reraise]
    /// Whether some `return` in the own scope returns a value other than `None`.
    public var returnsValue: Bool
    /// Whether the own scope contains `yield` or `yield from`.
    public var yields: Bool
    /// McCabe cyclomatic complexity exactly as PyCQA `mccabe` computes it (functions and methods only).
    public var complexity: Int?
    /// Names assigned at the top level of a class body (classes), bound at module level by
    /// assignments and imports (the module), or assigned on `self` (methods). Not part of the
    /// JSON listing.
    public var attributes: [ClassAttribute] = []
    /// Whether some `yield` in the own scope is more than a bare `yield` statement (a
    /// `@contextmanager` that yields nothing documents no Yields). Not part of the JSON listing.
    public var yieldsValue = false
    /// Whether the own scope calls anything or defines a function (a callee, or the closure it
    /// returns, may raise what the docstring documents).
    /// Not part of the JSON listing.
    public var makesCalls = false
    /// The keywords the function reads from its `**kwargs` by literal key (`kwargs.get("x")`);
    /// nil when it has no `**kwargs` or may use any keyword (passes it on, iterates it, is a
    /// stub). Not part of the JSON listing.
    public var keywordsRead: [String]?
    /// The names the own scope calls (`name(…)`, `self.name(…)`, `cls.name(…)`); nil when it
    /// also calls something else (`obj.method()`, `f()()`), whose target cannot be looked up by
    /// name. Not part of the JSON listing.
    public var calledNames: [String]?

    private enum CodingKeys: String, CodingKey {
        case kind, qualname, line, endLine, docstring, docstringLine, parameters, returns, decorators, bases
        case isAsync, raises, reraises, returnsValue, yields, complexity
    }

    /// Creates a symbol.
    public init(kind: Kind, qualname: String, line: Int, endLine: Int, docstring: String? = nil,
                docstringLine: Int? = nil, parameters: [Parameter] = [], returns: String? = nil,
                decorators: [String] = [], bases: [String] = [], isAsync: Bool = false,
                raises: [RaisedException] = [], reraises: [Reraise] = [], returnsValue: Bool = false,
                yields: Bool = false, complexity: Int? = nil, attributes: [ClassAttribute] = [], yieldsValue: Bool? = nil, makesCalls: Bool = false,
                calledNames: [String]? = [], keywordsRead: [String]? = nil) {
        self.kind = kind
        self.qualname = qualname
        self.line = line
        self.endLine = endLine
        self.docstring = docstring
        self.docstringLine = docstringLine
        self.parameters = parameters
        self.returns = returns
        self.decorators = decorators
        self.bases = bases
        self.isAsync = isAsync
        self.raises = raises
        self.reraises = reraises
        self.returnsValue = returnsValue
        self.yields = yields
        self.complexity = complexity
        self.attributes = attributes
        self.yieldsValue = yieldsValue ?? yields
        self.makesCalls = makesCalls
        self.keywordsRead = keywordsRead
        self.calledNames = calledNames
    }

    /// The last component of the qualified name (`method` for `Outer.method`).
    public var name: String {
        // On the UTF-8 view: `lastIndex(of: Character)` breaks graphemes, and rules ask this often.
        let bytes = qualname.utf8
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return qualname }
        return String(qualname[bytes.index(after: dot)...])
    }
}

/// A function parameter.
public struct Parameter: Sendable, Hashable, Codable {
    /// How the parameter can be passed.
    public enum Kind: String, Sendable, Hashable, Codable {
        case positionalOnly = "positional-only"
        case positionalOrKeyword = "positional-or-keyword"
        case varPositional = "var-positional"
        case keywordOnly = "keyword-only"
        case varKeyword = "var-keyword"
    }

    /// The name, without `*` or `**`.
    public var name: String
    /// The parameter's kind.
    public var kind: Kind
    /// Source text of the annotation, or nil.
    public var annotation: String?
    /// Source text of the default value, or nil.
    public var `default`: String?

    /// Creates a parameter.
    public init(name: String, kind: Kind, annotation: String? = nil, default: String? = nil) {
        self.name = name
        self.kind = kind
        self.annotation = annotation
        self.default = `default`
    }
}

/// A `raise` with an expression.
public struct RaisedException: Sendable, Hashable, Codable {
    /// Source text of the raised expression, or of the callee when it is a call
    /// (`ValueError` for `raise ValueError("x")`).
    public var exception: String
    /// 1-based line of the `raise`.
    public var line: Int

    /// Creates a raised exception.
    public init(exception: String, line: Int) {
        self.exception = exception
        self.line = line
    }
}

/// A bare `raise` (re-raise).
public struct Reraise: Sendable, Hashable, Codable {
    /// Source text of the type of the innermost enclosing `except` clause (`KeyError`,
    /// `(KeyError, IndexError)`), or nil for a bare `except:` or when not inside one.
    public var handler: String?
    /// 1-based line of the `raise`.
    public var line: Int

    /// Creates a re-raise.
    public init(handler: String?, line: Int) {
        self.handler = handler
        self.line = line
    }
}

/// A name bound at the top level of a class body.
public struct ClassAttribute: Sendable, Hashable, Codable {
    /// The attribute's name.
    public var name: String
    /// 1-based line of the assignment.
    public var line: Int

    /// Creates a class attribute.
    public init(name: String, line: Int) {
        self.name = name
        self.line = line
    }
}
