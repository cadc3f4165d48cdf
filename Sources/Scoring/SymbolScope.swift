import PythonSyntax

/// Which symbols of a file need a docstring, with interrogate's exact semantics.
///
/// An ignored function or class (by name, decorator or kind) takes its whole body with it, as in
/// interrogate's visitor; `ignore-nested-functions` drops only the nested function itself, and
/// `ignore-nested-classes` drops nested classes and their direct children.
struct SymbolScope {
    /// Index of each symbol's parent (enclosing class or function) in the file's symbol list.
    let parents: [Int?]
    /// Whether each symbol counts.
    let included: [Bool]
    /// For each class, the index of the `__init__` defined in its body (the last one that is not
    /// an `@overload`), nil for other symbols.
    let constructors: [Int?]

    init(symbols: [Symbol], path: String, options: CoverageOptions) {
        parents = Self.parents(of: symbols)
        var constructors = [Int?](repeating: nil, count: symbols.count)
        for index in symbols.indices where symbols[index].kind == .method && symbols[index].name == "__init__" {
            if let parent = parents[index], symbols[parent].kind == .class,
               !symbols[index].decorators.contains(where: { $0 == "overload" || $0.hasSuffix(".overload") }) {
                constructors[parent] = index
            }
        }
        self.constructors = constructors
        let regexes = options.ignoreRegex.compactMap { try? Regex($0) }
        var ignoredSubtree = [Bool](repeating: false, count: symbols.count)
        var included = [Bool](repeating: false, count: symbols.count)
        let fileName = String(Substring(path.utf8.split(separator: UInt8(ascii: "/")).last ?? path.utf8[...]))
        for (index, symbol) in symbols.enumerated() {
            let parent = parents[index]
            if let parent, ignoredSubtree[parent] {
                ignoredSubtree[index] = true
                continue
            }
            if symbol.kind == .module {
                included[index] = !options.ignoreModule
                continue
            }
            if Self.isIgnored(symbol, options: options, regexes: regexes) {
                ignoredSubtree[index] = true
                continue
            }
            var counts = true
            let parentSymbol = parent.map { symbols[$0] }
            if options.ignoreNestedFunctions, Self.isSyncFunction(symbol), let parentSymbol, Self.isSyncFunction(parentSymbol) {
                counts = false
            }
            if options.ignoreNestedClasses {
                if symbol.kind == .class, let parentSymbol, parentSymbol.kind == .class || Self.isSyncFunction(parentSymbol) {
                    counts = false
                }
                if let parent, let grandparent = parents[parent], symbols[parent].kind == .class,
                   symbols[grandparent].kind == .class || Self.isSyncFunction(symbols[grandparent]) {
                    counts = false
                }
            }
            included[index] = counts
        }
        if options.ignoreModule && symbols.count == 1 { included = included.map { _ in false } }
        if options.ignoreInitModule && fileName == "__init__.py" { included = included.map { _ in false } }
        self.included = included
    }

    static func isSyncFunction(_ symbol: Symbol) -> Bool {
        (symbol.kind == .function || symbol.kind == .method) && !symbol.isAsync
    }

    static func isIgnored(_ symbol: Symbol, options: CoverageOptions, regexes: [Regex<AnyRegexOutput>]) -> Bool {
        let name = symbol.name
        let isDunder = name.hasPrefix("__") && name.hasSuffix("__")
        if options.ignorePrivate && name.hasPrefix("__") && !name.hasSuffix("__") { return true }
        if options.ignoreSemiprivate && name.hasPrefix("_") && !name.hasPrefix("__") && !name.hasSuffix("__") { return true }
        if regexes.contains(where: { (try? $0.prefixMatch(in: name)) != nil }) { return true }
        guard symbol.kind == .function || symbol.kind == .method else { return false }
        if options.ignoreInitMethod && name == "__init__" { return true }
        if options.ignoreMagic && isDunder && name != "__init__" { return true }
        let decorators = symbol.decorators
        if options.ignorePropertyDecorators && decorators.contains(where: { $0 == "property" || $0.hasSuffix(".setter") || $0.hasSuffix(".deleter") }) {
            return true
        }
        if options.ignoreSetters && decorators.contains(where: { $0.hasSuffix(".setter") }) { return true }
        if options.ignoreOverloadedFunctions && decorators.contains(where: { $0 == "overload" || $0 == "typing.overload" }) { return true }
        return false
    }

    /// The enclosing definition of each symbol: the nearest earlier symbol whose qualified name
    /// prefixes it and whose lines contain it. The module is nobody's parent here.
    static func parents(of symbols: [Symbol]) -> [Int?] {
        var result = [Int?](repeating: nil, count: symbols.count)
        var stack: [Int] = []
        // Fields are read in place: copying a `Symbol` retains a dozen arrays and strings.
        for index in symbols.indices where symbols[index].kind != .module {
            let line = symbols[index].line
            while let top = stack.last {
                if line >= symbols[top].line, line <= symbols[top].endLine,
                   Self.isInside(symbols[index].qualname.utf8, symbols[top].qualname.utf8) {
                    break
                }
                stack.removeLast()
            }
            result[index] = stack.last
            stack.append(index)
        }
        return result
    }

    /// Whether `inner` is `outer` followed by a dot and more.
    private static func isInside(_ inner: String.UTF8View, _ outer: String.UTF8View) -> Bool {
        inner.count > outer.count && inner.starts(with: outer) && inner[inner.index(inner.startIndex, offsetBy: outer.count)] == UInt8(ascii: ".")
    }
}
