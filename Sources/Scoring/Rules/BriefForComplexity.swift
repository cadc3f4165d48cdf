/// The docstring is too brief for the function's complexity and signature.
///
/// **Why it matters:** a function with many branches or parameters has more behaviour to explain;
/// a one-line docstring on it is a coverage tick, not documentation. The expected detail is
/// `E = wordsPerParameter × parameters + wordsPerDecision × (complexity − 1) − freeWords`
/// words after the summary (defaults 10, 8 and 20), so a small function (complexity ≤ 3 with
/// one parameter, or no branches and two parameters) needs nothing beyond its summary. The
/// score is `100 × min(1, W / E)` where `W` counts words of the description and sections, with
/// code spans removed — entries a parser could not read (a NumPy description not indented under
/// its entry) included: a reader still reads them.
///
/// **Example:** a 12-branch function whose docstring is "Process the data."
struct BriefForComplexity: Rule {
    static let code = "DH400"
    static let name = "brief-for-complexity"
    static let dimension = Dimension.complexity
    static let examples: [RuleExample] = [
        .bad("def route(request, user, cache):\n    ↓\"\"\"Route the request.\"\"\"\n    if request.a:\n        return 1\n    if request.b:\n        return 2\n    if user:\n        return 3\n    if cache:\n        return 4\n    return 5\n", message: "the docstring has 0 words of detail; complexity 5 with 3 parameters calls for about 42"),
        .good("def add(a, b):\n    \"\"\"Add two numbers.\"\"\"\n    return a + b\n"),
        .good("def route(request, user, cache):\n    \"\"\"Route the request.\n\n    Parameters\n    ----------\n    request : Request\n        The incoming request.\n    {shared_parameters}\n    \"\"\"\n    if request.a:\n        return 1\n    if request.b:\n        return 2\n    if user:\n        return 3\n    if cache:\n        return 4\n    return 5\n"),
        .good("def route(request, user, cache):\n    \"\"\"Route the request.\n\n    Requests with an `a` flag go to the first handler, then `b`, then anything from a\n    known user, then anything cached; the rest falls through to the default handler.\n\n    Args:\n        request: The incoming request.\n        user: The signed-in user, or None.\n        cache: The response cache, or None when caching is off.\n\n    Returns:\n        int: The handler number.\n    \"\"\"\n    if request.a:\n        return 1\n    if request.b:\n        return 2\n    if user:\n        return 3\n    if cache:\n        return 4\n    return 5\n"),
        .good("def remove_edge(u, v):\n    \"\"\"Remove the edge between u and v.\n\n    Parameters\n    ----------\n    u, v : nodes\n    Remove the half-edges (u, v) and (v, u) and update the\n    edge ordering around the removed edge, keeping the rotation\n    system of the planar embedding consistent for both nodes.\n\n    Raises\n    ------\n    KeyError\n    If there is not an edge between u and v.\n    \"\"\"\n    if u:\n        return 1\n    if v:\n        return 2\n    if u == v:\n        return 3\n    if u > v:\n        return 4\n    return 5\n"),
    ]

    /// Words of detail the formula expects for a function.
    static func expectedWords(parameters: Int, complexity: Int, options: RuleOptions) -> Double {
        max(0, options.wordsPerParameter * Double(parameters) + options.wordsPerDecision * Double(max(0, complexity - 1)) - options.freeWords)
    }

    /// Words of detail the docstring gives beyond its summary.
    static func detailWords(_ context: SymbolContext) -> Int {
        guard let docstring = context.docstring else { return 0 }
        var count = SymbolContext.wordCount(docstring.description?.text ?? "")
        for item in docstring.parameters + docstring.returns + docstring.yields + docstring.raises + docstring.attributes {
            count += SymbolContext.wordCount(item.description) + (item.name == nil ? 0 : 1) + (item.type == nil ? 0 : 1)
        }
        for example in docstring.examples { count += SymbolContext.wordCount(example.text) + 5 }
        for note in docstring.notes { count += SymbolContext.wordCount(note.text.text) }
        for text in docstring.unparsedText { count += SymbolContext.wordCount(text) }
        return count
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, context.docstring != nil, let complexity = context.symbol.complexity else { return [] }
        let parameters = context.documentableParameters.count
        let expected = Self.expectedWords(parameters: parameters, complexity: complexity, options: context.options)
        let actual = Self.detailWords(context)
        guard expected > 0, Double(actual) < expected else { return [] }
        // A placeholder filled in at import time (pandas' `{storage_options}`) adds words the
        // source does not show: too short cannot be told.
        guard context.importTimeFields.isEmpty else { return [] }
        let penalty = 1 - Double(actual) / expected
        return [Violation(line: context.docstringLine,
                          message: "the docstring has \(actual) words of detail; complexity \(complexity) with \(parameters) parameter\(parameters == 1 ? "" : "s") calls for about \(Int(expected.rounded(.up)))",
                          penalty: penalty)]
    }
}
