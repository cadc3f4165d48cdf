/// Walks the block structure and produces every module, class, function and method symbol
/// (nested, conditional and decorated ones included) with their signatures, docstrings,
/// body facts and McCabe complexity.
struct SymbolExtractor {
    let tokens: [Token]
    let source: SourceText
    let expressions: ExpressionTokens
    var symbols: [Symbol] = []

    init(tokens: [Token], source: SourceText) {
        self.tokens = tokens
        self.source = source
        self.expressions = ExpressionTokens(tokens: tokens, source: source)
    }

    /// The scope a definition appears in, for `__qualname__`.
    struct Scope {
        var prefix: String
        var isClass: Bool
    }

    mutating func extract(module: [Statement]) -> [Symbol] {
        let lastLine = module.last.map { Int(tokens[$0.lastToken].endLine) } ?? 1
        let (docstring, docstringLine) = docstring(of: module)
        symbols.append(Symbol(kind: .module, qualname: "<module>", line: 1, endLine: lastLine,
                              docstring: docstring, docstringLine: docstringLine,
                              attributes: ModuleBindings(tokens: tokens, source: source, expressions: expressions).bindings(of: module)))
        walk(module, scope: Scope(prefix: "", isClass: false))
        return symbols
    }

    mutating func walk(_ statements: [Statement], scope: Scope) {
        for statement in statements {
            switch statement.kind {
            case .simple:
                continue
            case .functionDefinition:
                let symbol = functionSymbol(statement, scope: scope)
                symbols.append(symbol)
                walk(statement.clauses[0].body, scope: Scope(prefix: symbol.qualname + ".<locals>.", isClass: false))
            case .classDefinition:
                let symbol = classSymbol(statement, scope: scope)
                symbols.append(symbol)
                walk(statement.clauses[0].body, scope: Scope(prefix: symbol.qualname + ".", isClass: true))
            default:
                for clause in statement.clauses { walk(clause.body, scope: scope) }
            }
        }
    }

    // MARK: - Definitions

    func name(of statement: Statement) -> String {
        expressions.definitionName(statement)
    }

    /// The token after `def name` / `class name` and its PEP 695 type parameters (`[T, *Ts]`).
    func afterTypeParameters(_ header: Range<Int>) -> Int {
        let cursor = header.lowerBound + 2
        if cursor < header.upperBound, tokens[cursor].isOp(.leftBracket),
           let close = expressions.matchingBracket(cursor, limit: header.upperBound) {
            return close + 1
        }
        return cursor
    }

    func functionSymbol(_ statement: Statement, scope: Scope) -> Symbol {
        let header = statement.clauses[0].header
        let body = statement.clauses[0].body
        let cursor = afterTypeParameters(header)
        var parameters: [Parameter] = []
        var returns: String?
        if cursor < header.upperBound, tokens[cursor].isOp(.leftParen),
           let close = expressions.matchingBracket(cursor, limit: header.upperBound) {
            parameters = parseParameters(cursor + 1 ..< close)
            if close + 1 < header.upperBound, tokens[close + 1].isOp(.arrow) {
                returns = expressions.expressionText(close + 2 ..< header.upperBound)
            }
        }
        let (docstring, docstringLine) = docstring(of: body)
        var facts = BodyFacts()
        collectFacts(body, handler: nil, into: &facts)
        return Symbol(
            kind: scope.isClass ? .method : .function,
            qualname: scope.prefix + name(of: statement),
            line: Int(tokens[statement.tokens.lowerBound].line),
            endLine: Int(tokens[statement.lastToken].endLine),
            docstring: docstring,
            docstringLine: docstringLine,
            parameters: parameters,
            returns: returns,
            decorators: statement.decorators.map { expressions.expressionText($0) },
            isAsync: statement.isAsync,
            raises: facts.raises,
            reraises: facts.reraises,
            returnsValue: facts.returnsValue,
            yields: facts.yields,
            complexity: 1 + McCabeComplexity.decisions(in: body),
            attributes: scope.isClass ? instanceAttributes(of: parameters.first?.name, in: header.upperBound ..< statement.lastToken + 1) : [],
            yieldsValue: facts.yieldsValue,
            makesCalls: facts.makesCalls,
            calledNames: facts.callsOthers ? nil : facts.calledNames,
            keywordsRead: parameters.last { $0.kind == .varKeyword }.flatMap { keywords in
                KeywordReads(tokens: tokens, source: source)
                    .keys(of: keywords.name, in: header.upperBound ..< statement.lastToken + 1, isStub: isStub(body))
            })
    }

    /// The attributes a method assigns on its first parameter (`self.total = 0`, `self.name: str = …`),
    /// in source order, without duplicates.
    func instanceAttributes(of receiver: String?, in body: Range<Int>) -> [ClassAttribute] {
        guard let receiver, body.count >= 4 else { return [] }
        var attributes: [ClassAttribute] = []
        var seen: Set<String> = []
        for index in body.lowerBound ..< body.upperBound - 3 where tokens[index].kind == .name && tokens[index + 1].isOp(.dot)
            && tokens[index + 2].kind == .name && (tokens[index + 3].isOp(.equal) || tokens[index + 3].isOp(.colon)) {
            guard expressions.text(index ..< index + 1) == receiver else { continue }
            let name = expressions.text(index + 2 ..< index + 3)
            if seen.insert(name).inserted { attributes.append(ClassAttribute(name: name, line: Int(tokens[index].line))) }
        }
        return attributes
    }

    /// Whether a body does nothing but `pass`, `...` or `raise NotImplementedError` after its
    /// docstring: an interface whose implementations do the work.
    func isStub(_ body: [Statement]) -> Bool {
        let statements = docstring(of: body).0 == nil ? body[...] : body.dropFirst()
        return statements.allSatisfy { statement in
            guard statement.kind == .simple, !statement.tokens.isEmpty else { return false }
            let first = tokens[statement.tokens.lowerBound]
            if statement.tokens.count == 1 { return first.isKeyword(.pass) || first.isOp(.ellipsis) }
            let exception = statement.tokens.lowerBound + 1
            return first.isKeyword(.raise) && expressions.text(exception ..< exception + 1) == "NotImplementedError"
        }
    }

    func classSymbol(_ statement: Statement, scope: Scope) -> Symbol {
        let header = statement.clauses[0].header
        let cursor = afterTypeParameters(header)
        var bases: [String] = []
        if cursor < header.upperBound, tokens[cursor].isOp(.leftParen),
           let close = expressions.matchingBracket(cursor, limit: header.upperBound) {
            bases = expressions.split(cursor + 1 ..< close).map { argumentText($0) }
        }
        let (docstring, docstringLine) = docstring(of: statement.clauses[0].body)
        return Symbol(
            kind: .class,
            qualname: scope.prefix + name(of: statement),
            line: Int(tokens[statement.tokens.lowerBound].line),
            endLine: Int(tokens[statement.lastToken].endLine),
            docstring: docstring,
            docstringLine: docstringLine,
            decorators: statement.decorators.map { expressions.expressionText($0) },
            bases: bases,
            attributes: classAttributes(statement.clauses[0].body))
    }

    /// Names bound at the top level of a class body by `name = …`, `name: T = …` or `name: T`
    /// (what pydoclint treats as class attributes), in source order, without duplicates.
    func classAttributes(_ body: [Statement]) -> [ClassAttribute] {
        var attributes: [ClassAttribute] = []
        var seen: Set<String> = []
        for statement in body where statement.kind == .simple {
            let range = statement.tokens
            guard range.count >= 2, tokens[range.lowerBound].kind == .name else { continue }
            let next = tokens[range.lowerBound + 1]
            guard next.isOp(.equal) || next.isOp(.colon) else { continue }
            let name = expressions.text(range.lowerBound ..< range.lowerBound + 1)
            if seen.insert(name).inserted {
                attributes.append(ClassAttribute(name: name, line: Int(tokens[range.lowerBound].line)))
            }
        }
        return attributes
    }

    /// A call argument's text: `keyword=value` and `**mapping` as written, positional ones as expressions.
    func argumentText(_ range: Range<Int>) -> String {
        if range.count >= 2, tokens[range.lowerBound].kind == .name, tokens[range.lowerBound + 1].isOp(.equal) {
            let value = expressions.strippingParentheses(range.lowerBound + 2 ..< range.upperBound)
            return expressions.text(range.lowerBound ..< value.upperBound)
        }
        return expressions.expressionText(range)
    }

    // MARK: - Parameters

    func parseParameters(_ range: Range<Int>) -> [Parameter] {
        var parameters: [Parameter] = []
        var seenStar = false
        for piece in expressions.split(range) where !piece.isEmpty {
            let first = tokens[piece.lowerBound]
            if first.isOp(.slash) {
                for index in parameters.indices where parameters[index].kind == .positionalOrKeyword {
                    parameters[index].kind = .positionalOnly
                }
                continue
            }
            var nameIndex = piece.lowerBound
            var kind: Parameter.Kind = seenStar ? .keywordOnly : .positionalOrKeyword
            if first.isOp(.star) {
                seenStar = true
                if piece.count == 1 { continue }
                kind = .varPositional
                nameIndex += 1
            } else if first.isOp(.doubleStar) {
                kind = .varKeyword
                nameIndex += 1
            }
            var annotation: String?
            var defaultValue: String?
            let rest = nameIndex + 1 ..< piece.upperBound
            let parts = expressions.split(rest) { $0.isOp(.equal) }
            let annotationPart = parts.first ?? rest
            if !annotationPart.isEmpty, tokens[annotationPart.lowerBound].isOp(.colon) {
                annotation = expressions.expressionText(annotationPart.lowerBound + 1 ..< annotationPart.upperBound)
            }
            if annotationPart.upperBound < piece.upperBound {
                // `split` dropped the top-level `=` that ends the annotation part.
                defaultValue = expressions.expressionText(annotationPart.upperBound + 1 ..< piece.upperBound)
            }
            parameters.append(Parameter(name: expressions.text(nameIndex ..< nameIndex + 1), kind: kind,
                                        annotation: annotation, default: defaultValue))
        }
        return parameters
    }

    // MARK: - Docstrings

    /// The docstring of a body: its first statement, when that is only string literals (no f-string,
    /// no bytes), possibly parenthesized.
    func docstring(of body: [Statement]) -> (String?, Int?) {
        guard let first = body.first, first.kind == .simple else { return (nil, nil) }
        let range = expressions.strippingParentheses(first.tokens)
        guard !range.isEmpty else { return (nil, nil) }
        var value = ""
        for index in range {
            let token = tokens[index]
            guard let part = StringLiteralValue.plainValue(of: token, in: source.bytes) else { return (nil, nil) }
            value += part
        }
        return (value, Int(tokens[first.tokens.lowerBound].line))
    }

    // MARK: - Body facts

    /// What a function's own scope does: returns, yields, raises.
    struct BodyFacts {
        var returnsValue = false
        var yields = false {
            didSet { if yields, !bareYieldOnly { yieldsValue = true } }
        }
        /// Set while recording a statement that is a bare `yield`.
        var bareYieldOnly = false
        /// Whether some yield is not a bare `yield` statement.
        var yieldsValue = false
        /// Whether some statement or clause header calls something, or a nested function is
        /// defined (it runs when called later).
        var makesCalls = false
        /// Names called as `name(…)`, `self.name(…)` or `cls.name(…)`, in order, without duplicates.
        var calledNames: [String] = []
        /// Whether some call is of anything else (`obj.method()`, `f()()`, `table[key]()`).
        var callsOthers = false
        var raises: [RaisedException] = []
        var reraises: [Reraise] = []
    }

    /// Collects facts from statements of the function's own scope: nested function and class
    /// bodies are skipped, but their decorators, defaults, annotations and bases are evaluated
    /// here and so are scanned.
    func collectFacts(_ statements: [Statement], handler: String?, into facts: inout BodyFacts) {
        for statement in statements {
            for decorator in statement.decorators where expressions.containsYieldOutsideLambda(decorator) {
                facts.yields = true
            }
            switch statement.kind {
            case .simple:
                simpleStatementFacts(statement.tokens, handler: handler, into: &facts)
            case .functionDefinition, .classDefinition:
                // A nested function runs later, when what it was handed to calls it (a decorator
                // factory's `decorate`): code the caller's docstring may speak for.
                if statement.kind == .functionDefinition {
                    facts.makesCalls = true
                    facts.callsOthers = true
                }
                let header = statement.clauses[0].header
                if expressions.containsYieldOutsideLambda(header.lowerBound + 2 ..< header.upperBound) { facts.yields = true }
            default:
                for clause in statement.clauses {
                    if expressions.containsYieldOutsideLambda(clause.header) { facts.yields = true }
                    recordCalls(clause.header, into: &facts)
                    var clauseHandler = handler
                    if clause.keyword == .except || clause.keyword == .exceptStar {
                        clauseHandler = handlerText(clause)
                    }
                    collectFacts(clause.body, handler: clauseHandler, into: &facts)
                }
            }
        }
    }

    /// Records the calls in `range` — a `(` right after a name that is not a keyword, or after a
    /// closing bracket (`f()`, `a.b()`, `x[0]()`, `g()()`); calls inside f-strings are not seen —
    /// by name when the callee is a plain name or a method of `self`/`cls`.
    func recordCalls(_ range: Range<Int>, into facts: inout BodyFacts) {
        guard range.count >= 2 else { return }
        for index in (range.lowerBound + 1) ..< range.upperBound where tokens[index].isOp(.leftParen) {
            let previous = tokens[index - 1]
            if previous.kind == .name, previous.keyword.isOperandWord {
                facts.makesCalls = true
                let name = expressions.text(index - 1 ..< index)
                let isPlain = index - 2 < range.lowerBound || !tokens[index - 2].isOp(.dot)
                let isOwnMethod = !isPlain && index - 3 >= range.lowerBound && tokens[index - 3].kind == .name
                    && ["self", "cls"].contains(expressions.text(index - 3 ..< index - 2))
                    && (index - 4 < range.lowerBound || !tokens[index - 4].isOp(.dot))
                if isPlain || isOwnMethod {
                    if !facts.calledNames.contains(name) { facts.calledNames.append(name) }
                } else {
                    facts.callsOthers = true
                }
            } else if previous.isOp(.rightParen) || previous.isOp(.rightBracket) {
                facts.makesCalls = true
                facts.callsOthers = true
            }
        }
    }

    /// The type text of an `except` clause, nil for a bare `except:`.
    func handlerText(_ clause: Clause) -> String? {
        var start = clause.header.lowerBound + 1
        if clause.keyword == .exceptStar { start += 1 }
        let range = start ..< clause.header.upperBound
        guard !range.isEmpty else { return nil }
        let typeRange = expressions.split(range) { $0.isKeyword(.as) }.first ?? range
        return typeRange.isEmpty ? nil : expressions.expressionText(typeRange)
    }

    func simpleStatementFacts(_ range: Range<Int>, handler: String?, into facts: inout BodyFacts) {
        let first = tokens[range.lowerBound]
        if !first.isKeyword(.raise) { recordCalls(range, into: &facts) }
        if first.isKeyword(.return) {
            let value = expressions.strippingParentheses(range.lowerBound + 1 ..< range.upperBound)
            if !value.isEmpty && !(value.count == 1 && tokens[value.lowerBound].isKeyword(.noneLiteral)) {
                facts.returnsValue = true
            }
        } else if first.isKeyword(.raise) {
            let line = Int(first.line)
            let rest = range.lowerBound + 1 ..< range.upperBound
            if rest.isEmpty {
                facts.reraises.append(Reraise(handler: handler, line: line))
            } else {
                let raised = expressions.split(rest) { $0.isKeyword(.from) }.first ?? rest
                let exception = expressions.callee(of: raised).map { expressions.expressionText($0) }
                    ?? expressions.expressionText(raised)
                facts.raises.append(RaisedException(exception: exception, line: line))
            }
        }
        if expressions.containsYieldOutsideLambda(range) {
            // `yield` alone on its line gives the caller nothing.
            facts.bareYieldOnly = range.count == 1 && first.isKeyword(.yield)
            facts.yields = true
            facts.bareYieldOnly = false
        }
    }
}
