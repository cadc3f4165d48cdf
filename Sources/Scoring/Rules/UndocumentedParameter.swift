import Docstrings
/// A parameter of the signature is not in the docstring.
///
/// **Why it matters:** the parameters are the contract; an undocumented one is the first thing a
/// caller has to look up in the code. `*args`/`**kwargs` count unless
/// `rules.document-variadic-parameters = false`; `self` and `cls` of a method (or of a
/// function defined inside a function, as `namedtuple` defines `__repr__`) and `_` never do; a
/// module-level function's `self` is a parameter like any other. `**kwargs` is
/// documented when the docstring documents the keywords it accepts (names not in the signature).
/// An entry that is a template placeholder, filled in at import time (`$META` in dask,
/// `{{base_optimizer_keyword_args}}` in Keras), documents the parameter of that name, or when it
/// names none, may document any: the rule then says nothing.
/// A constructor's parameters may be documented in the class docstring or in `__init__`'s
/// (pydoclint's `--allow-init-docstring`); when only the class docstring has entries, the finding
/// is the class's.
///
/// **Example:** `def move(x, y):` whose `Args:` lists only `x`.
struct UndocumentedParameter: Rule {
    static let code = "DH101"
    static let name = "undocumented-parameter"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def move(x, y):\n    \"\"\"Move.\n\n    ↓Args:\n        x: Horizontal.\n    \"\"\"\n", message: "parameter `y` is not documented"),
        .bad("def move(x, y):\n    ↓↓\"\"\"Move the pen.\"\"\"\n", messages: ["parameter `x` is not documented", "parameter `y` is not documented"]),
        .good("def move(x, y):\n    \"\"\"Move.\n\n    Args:\n        x: Horizontal.\n        y: Vertical.\n    \"\"\"\n"),
        .good("def shift(periods, meta=None):\n    \"\"\"Shift each group.\n\n    Parameters\n    ----------\n    periods : int\n        How far.\n    $META\n    \"\"\"\n", style: .numpy),
        .good("class Nadam:\n    \"\"\"Optimize with Nadam.\n\n    Args:\n        rate: The learning rate.\n        {{base_optimizer_keyword_args}}\n    \"\"\"\n\n    def __init__(self, rate, clipnorm=None):\n        self.rate = rate\n"),
        .good("def get(url, **kwargs):\n    \"\"\"Send a GET request.\n\n    :param url: Where to.\n    :param timeout: (optional) Seconds to wait.\n    \"\"\"\n"),
        .good("class Pen:\n    \"\"\"A pen.\"\"\"\n    def move(self, *, x):\n        \"\"\"Move.\n\n        :param x: Horizontal.\n        \"\"\"\n"),
        .good("def make_record(fields):\n    def _repr(self, limit):\n        \"\"\"Describe the record, bound as its __repr__ below.\n\n        Args:\n            limit: Characters at most.\n        \"\"\"\n"),
        .bad("class Pen:\n    \"\"\"A pen that draws lines.\n\n    ↓Args:\n        colour: Ink colour.\n    \"\"\"\n\n    def __init__(self, colour, size):\n        \"\"\"Make a pen.\"\"\"\n", message: "parameter `size` is not documented"),
        .good("class Pen:\n    \"\"\"A pen that draws lines.\n\n    Args:\n        colour: Ink colour.\n    \"\"\"\n\n    def __init__(self, colour, size):\n        \"\"\"Make a pen.\n\n        Args:\n            size: Nib size in points.\n        \"\"\"\n"),
        .good("def clustermap(data, row_cluster=True, col_cluster=True):\n    \"\"\"Plot a clustered heatmap.\n\n    Parameters\n    ----------\n    data : DataFrame\n        The values.\n    {row,col}_cluster : bool, optional\n        Whether to cluster the rows and the columns.\n    \"\"\"\n"),
        .bad("def to_json(show_bbox=True, **kwargs):\n    \"\"\"Return a GeoJSON string.\n\n    ↓Parameters\n    ----------\n    show_bbox : bool, optional\n        Include the bounds.\n\n    *kwargs* that will be passed to json.dumps().\n    \"\"\"\n", message: "parameter `**kwargs` is named in the prose, but has no entry in a `Parameters` section"),
        .good("def align(lines, new_lines=False):\n    \"\"\"Align lines.\n\n    Args:\n        lines: The lines.\n        new_lines: Whether padded lines end in \"\\n\". Defaults to False.\n    \"\"\"\n"),
        .bad("def getrandbits(k):\n    ↓\"\"\"Generate an int with k random bits.\"\"\"\n", message: "parameter `k` is named in the prose, but has no entry in a parameters section"),
        .bad("def couple(pair_idx, node):\n    \"\"\"Couple a node.\n\n    pair_idx is the index of the partition that holds the node.\n\n    ↓Args:\n        node: The node.\n    \"\"\"\n", message: "parameter `pair_idx` is named in the prose, but has no entry in an `Args` section"),
        .bad("def describe(self, limit):\n    \"\"\"Describe a record.\n\n    ↓Args:\n        limit: Characters at most.\n    \"\"\"\n", message: "parameter `self` is not documented"),
    ]

    /// Several at one place show as one line naming them all.
    static func groupedMessage(_ messages: [String]) -> String? {
        var absent: [String] = [], inProse: [String] = []
        for message in messages {
            if message.containsBytes(Self.proseMark) { inProse.append(message) } else { absent.append(message) }
        }
        if absent.isEmpty {
            return "\(messages.count) parameters are named in the prose, but have no entries: \(quotedNames(messages))"
        }
        return "\(absent.count) parameter\(absent.count == 1 ? " is" : "s are") not documented: \(quotedNames(absent))"
            + (inProse.isEmpty ? "" : "; named in the prose but with no entry: \(quotedNames(inProse))")
    }

    static let proseMark: StaticString = "is named in the prose"

    /// Parameter names that prose uses as words ("return a list"): not taken as naming them.
    static let englishWords: Set<String> = ["a", "an", "i", "the", "to", "of", "in", "is", "on", "at", "by", "or", "and", "as", "it", "be", "for", "if", "no", "not", "with"]

    /// Where a parameter's entry goes in `style`.
    static func entryPlace(_ style: DocstringStyle, name: String) -> String {
        switch style {
        case .google: "an `Args` section"
        case .numpy: "a `Parameters` section"
        case .sphinx: "a `:param \(name):` field"
        case .epytext: "an `@param \(name):` field"
        case .plain: "a parameters section"
        }
    }

    func check(_ context: SymbolContext) -> [Violation] {
        // A class docstring that documents the constructor's parameters answers for them (and
        // the constructor's own docstring, which has no entries, does not).
        if let constructor = context.constructorContext, let docstring = context.docstring {
            return undocumented(constructor, documented: docstring.parameters, in: context, docstring: docstring)
        }
        guard context.isFunction, let docstring = context.docstring, !context.skipsSectionChecks,
              !context.parametersDocumentedOnClass else { return [] }
        // pydoclint's --allow-init-docstring: an __init__'s parameters may be in either docstring.
        let inherited = context.isConstructor ? context.parentDocstring?.parameters ?? [] : []
        return undocumented(context, documented: docstring.parameters + inherited, in: context, docstring: docstring)
    }

    /// The parameters of `function` that no entry of `documented` names, reported in `context`
    /// (the function's own, or its class's).
    private func undocumented(_ function: SymbolContext, documented entries: [DocstringItem], in context: SymbolContext,
                              docstring: Docstring) -> [Violation] {
        let parameters = function.documentableParameters
        guard !parameters.isEmpty else { return [] }
        // Placeholders filled in at import time: as entries, and on lines of their own anywhere
        // (matplotlib's `%(Patch:kwdoc)s` after "The following kwarg properties are supported").
        let placeholders = context.importTimeFields
        let documented = Set(entries.compactMap { $0.name.map(ParameterName.normalize) } + placeholders)
        // A placeholder named after no parameter (`{{base_optimizer_keyword_args}}`) is filled
        // with entries nobody can see before import time: it may document any of them.
        let signature = Set(function.symbol.parameters.map(\.name))
        if placeholders.contains(where: { !signature.contains($0) }) { return [] }
        let documentsKeywords = !documented.subtracting(signature).isEmpty
        let line = docstring.sections.first(where: { $0.kind.documentsParameters }).map { context.line($0.line) } ?? context.docstringLine
        let penalty = max(0.1, 0.6 / Double(max(1, parameters.count)))
        // Prose that names the parameter ("an int with k random bits", or geopandas' "*kwargs* that
        // will be passed to json.dumps()." under `Parameters`) describes it for a reader, not for
        // tools: the message says where its entry belongs.
        var prose: String?
        return parameters.filter { !documented.contains($0.name) && !($0.kind == .varKeyword && documentsKeywords) }.map {
            if prose == nil { prose = docstring.prose }
            let message = !Self.englishWords.contains($0.name) && (prose ?? "").containsName($0.name)
                ? "parameter `\($0.documentedName)` is named in the prose, but has no entry in \(Self.entryPlace(context.writingStyle, name: $0.documentedName))"
                : "parameter `\($0.documentedName)` is not documented"
            return Violation(line: line, message: message, subject: $0.name, penalty: penalty)
        }
    }
}

/// How parameter names in docstrings compare with the signature.
enum ParameterName {
    /// `*args` → `args`; `\*args` (reST's escape, which numpydoc asks for) → `args`;
    /// `type\_` (reST's escape of a trailing underscore, SQLAlchemy's `:param type\_:`) → `type_`;
    /// `` `x` `` → `x`; `x (int)` is already split off by the parser.
    static func normalize(_ name: String) -> String {
        String(name.filter { $0 != "`" && $0 != "\\" }.drop { $0 == "*" })
    }
}
