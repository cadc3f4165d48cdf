/// Builds the block structure of a module from its tokens: logical lines, decorators,
/// compound statements with their clauses and bodies (inline or indented).
///
/// It reports the structural syntax errors CPython reports (unexpected indent, missing
/// indented block, a clause with nothing to attach to, a missing `:`), stopping at the first.
struct StatementParser {
    let tokens: [Token]
    let source: SourceText
    var index = 0
    var error: Diagnostic?

    init(tokens: [Token], source: SourceText) {
        self.tokens = tokens
        self.source = source
    }

    /// Parses the whole module.
    mutating func parseModule() -> [Statement] {
        parseStatements(inBlock: false)
    }

    mutating func fail(_ message: String, at tokenIndex: Int) {
        guard error == nil else { return }
        let token = tokens[min(tokenIndex, tokens.count - 1)]
        let position = source.position(ofOffset: Int(token.start))
        error = Diagnostic(code: .syntaxError, message: message, line: position.line, column: position.column)
    }

    mutating func parseStatements(inBlock: Bool) -> [Statement] {
        var statements: [Statement] = []
        while error == nil {
            let token = tokens[index]
            switch token.kind {
            case .endOfFile:
                if inBlock { fail("expected an indented block", at: index) }
                return statements
            case .dedent:
                index += 1
                if inBlock { return statements }
            case .indent:
                fail("unexpected indent", at: index)
                return statements
            case .newline:
                index += 1
            default:
                parseLogicalLine(into: &statements)
            }
        }
        return statements
    }

    /// Index of the NEWLINE that ends the logical line containing `start`.
    func newlineIndex(from start: Int) -> Int {
        var cursor = start
        while tokens[cursor].kind != .newline && tokens[cursor].kind != .endOfFile { cursor += 1 }
        return cursor
    }

    mutating func parseLogicalLine(into statements: inout [Statement]) {
        var decorators: [Range<Int>] = []
        let firstDecorator = index
        while tokens[index].isOp(.at) {
            let end = newlineIndex(from: index)
            if end == index + 1 {
                fail("invalid syntax", at: index + 1)
                return
            }
            decorators.append(index + 1 ..< end)
            index = end + 1
            while tokens[index].kind == .newline { index += 1 }
        }
        let start = index
        var keywordIndex = index
        var isAsync = false
        if tokens[index].isKeyword(.async) {
            isAsync = true
            keywordIndex += 1
            let next = tokens[keywordIndex].keyword
            guard tokens[keywordIndex].kind == .name, next == .def || next == .for || next == .with else {
                fail("invalid syntax", at: keywordIndex)
                return
            }
        }
        let keyword = tokens[keywordIndex].kind == .name ? tokens[keywordIndex].keyword : .none
        if !decorators.isEmpty && keyword != .def && keyword != .class {
            fail("invalid syntax", at: firstDecorator == start ? start : keywordIndex)
            return
        }
        let kind: Statement.Kind
        let clauseKeyword: Clause.Keyword
        switch keyword {
        case .def: kind = .functionDefinition; clauseKeyword = .def
        case .class: kind = .classDefinition; clauseKeyword = .class
        case .if: kind = .ifStatement; clauseKeyword = .if
        case .for: kind = .forLoop; clauseKeyword = .for
        case .while: kind = .whileLoop; clauseKeyword = .while
        case .try: kind = .tryStatement; clauseKeyword = .try
        case .with: kind = .withStatement; clauseKeyword = .with
        case .match where isSoftKeywordBlockHeader(at: keywordIndex, requiresBlock: true):
            kind = .matchStatement; clauseKeyword = .match
        case .case where isSoftKeywordBlockHeader(at: keywordIndex, requiresBlock: false):
            kind = .matchCase; clauseKeyword = .case
        case .elif, .else, .except, .finally:
            attachContinuationClause(keyword: keyword, at: keywordIndex, to: &statements)
            return
        default:
            parseSimpleStatements(into: &statements)
            return
        }
        guard let clause = parseClause(keyword: clauseKeyword, at: keywordIndex) else { return }
        var statement = Statement(
            kind: kind, isAsync: isAsync, decorators: decorators,
            tokens: start ..< clause.header.upperBound, clauses: [clause], lastToken: 0)
        statement.lastToken = Self.lastToken(of: statement)
        if kind == .matchStatement {
            for caseStatement in clause.body where caseStatement.kind != .matchCase {
                fail("invalid syntax", at: caseStatement.tokens.lowerBound)
                return
            }
        }
        statements.append(statement)
    }

    /// Whether the soft keyword at `keywordIndex` opens a block (`match x:` / `case p:`), as opposed
    /// to being an ordinary name (`match = re.match(...)`).
    func isSoftKeywordBlockHeader(at keywordIndex: Int, requiresBlock: Bool) -> Bool {
        let next = tokens[keywordIndex + 1]
        switch next.kind {
        case .name, .number, .string:
            break
        case .op:
            let opensPattern: [Operator] = [.leftParen, .leftBracket, .leftBrace, .minus, .plus, .star, .tilde, .ellipsis]
            guard opensPattern.contains(next.op) else { return false }
        default:
            return false
        }
        if next.kind == .name && !next.keyword.isOperandWord && next.keyword != .not && next.keyword != .lambda
            && next.keyword != .await {
            return false
        }
        guard let colon = headerColon(from: keywordIndex + 1) else { return false }
        if !requiresBlock { return true }
        return tokens[colon + 1].kind == .newline && tokens[colon + 2].kind == .indent
    }

    /// The `:` ending a compound statement's header: the first at bracket depth 0 that does not
    /// belong to a `lambda`.
    func headerColon(from start: Int) -> Int? {
        var depth = 0
        var pendingLambdas = 0
        var cursor = start
        while true {
            let token = tokens[cursor]
            switch token.kind {
            case .newline, .endOfFile:
                return nil
            case .op:
                if token.op.isOpening {
                    depth += 1
                } else if token.op.isClosing {
                    depth -= 1
                } else if token.op == .colon && depth == 0 {
                    if pendingLambdas > 0 { pendingLambdas -= 1 } else { return cursor }
                }
            case .name:
                if token.keyword == .lambda && depth == 0 { pendingLambdas += 1 }
            default:
                break
            }
            cursor += 1
        }
    }

    mutating func parseClause(keyword: Clause.Keyword, at keywordIndex: Int) -> Clause? {
        guard let colon = headerColon(from: keywordIndex + 1) else {
            fail("expected ':'", at: newlineIndex(from: keywordIndex))
            return nil
        }
        index = colon + 1
        var body: [Statement] = []
        if tokens[index].kind == .newline {
            index += 1
            guard tokens[index].kind == .indent else {
                let name = Self.keywordText(keyword)
                fail("expected an indented block after '\(name)' statement on line \(tokens[keywordIndex].line)", at: index)
                return nil
            }
            index += 1
            body = parseStatements(inBlock: true)
        } else {
            if tokens[index].kind == .name, Self.opensCompoundStatement(tokens[index].keyword) {
                fail("invalid syntax", at: index)
                return nil
            }
            parseSimpleStatements(into: &body)
        }
        return Clause(keyword: keyword, header: keywordIndex ..< colon, body: body)
    }

    static func opensCompoundStatement(_ keyword: Keyword) -> Bool {
        switch keyword {
        case .def, .class, .if, .elif, .else, .for, .while, .try, .except, .finally, .with, .async: return true
        default: return false
        }
    }

    static func keywordText(_ keyword: Clause.Keyword) -> String {
        switch keyword {
        case .def: "function definition"
        case .class: "class definition"
        case .if: "if"
        case .elif: "elif"
        case .else: "else"
        case .for: "for"
        case .while: "while"
        case .try: "try"
        case .except, .exceptStar: "except"
        case .finally: "finally"
        case .with: "with"
        case .match: "match"
        case .case: "case"
        }
    }

    /// Parses `elif`/`else`/`except`/`finally` and appends it to the compound statement before it.
    mutating func attachContinuationClause(keyword: Keyword, at keywordIndex: Int, to statements: inout [Statement]) {
        // Read the statement in place: a copy held across the append below would make every
        // `elif` copy all the clauses before it (40,000 elifs took 10 s; issue 23).
        guard let lastIndex = statements.indices.last, statements[lastIndex].kind != .simple else {
            fail("invalid syntax", at: keywordIndex)
            return
        }
        let last = statements[lastIndex].clauses[statements[lastIndex].clauses.count - 1].keyword
        let clauseKeyword: Clause.Keyword
        var fits = false
        switch keyword {
        case .elif:
            clauseKeyword = .elif
            fits = statements[lastIndex].kind == .ifStatement && (last == .if || last == .elif)
        case .else:
            clauseKeyword = .else
            switch statements[lastIndex].kind {
            case .ifStatement: fits = last == .if || last == .elif
            case .forLoop, .whileLoop: fits = last == .for || last == .while
            case .tryStatement: fits = last == .except || last == .exceptStar
            default: fits = false
            }
        case .except:
            let isStar = tokens[keywordIndex + 1].isOp(.star)
            clauseKeyword = isStar ? .exceptStar : .except
            let sameKind = statements[lastIndex].clauses.allSatisfy { $0.keyword != (isStar ? .except : .exceptStar) }
            fits = statements[lastIndex].kind == .tryStatement && (last == .try || last == .except || last == .exceptStar) && sameKind
            if fits && last != .try {
                // A bare `except:` must be the last handler.
                let earlier = statements[lastIndex].clauses[statements[lastIndex].clauses.count - 1]
                if tokens[earlier.header.lowerBound + 1 ..< earlier.header.upperBound].isEmpty {
                    fail("default 'except:' must be last", at: earlier.header.lowerBound)
                    return
                }
            }
        default:
            clauseKeyword = .finally
            fits = statements[lastIndex].kind == .tryStatement && last != .finally
        }
        guard fits else {
            fail("invalid syntax", at: keywordIndex)
            return
        }
        guard let clause = parseClause(keyword: clauseKeyword, at: keywordIndex) else { return }
        statements[lastIndex].clauses.append(clause)
        statements[lastIndex].lastToken = Self.lastToken(of: statements[lastIndex])
    }

    /// Splits a logical line into simple statements at `;`, consuming its NEWLINE.
    mutating func parseSimpleStatements(into statements: inout [Statement]) {
        let end = newlineIndex(from: index)
        var depth = 0
        var segmentStart = index
        var cursor = index
        while cursor <= end {
            let token = tokens[cursor]
            if token.kind == .op && token.op.isOpening { depth += 1 }
            if token.kind == .op && token.op.isClosing { depth -= 1 }
            let isSeparator = cursor == end || (token.kind == .op && token.op == .semicolon && depth == 0)
            if isSeparator {
                if cursor > segmentStart {
                    if tokens[segmentStart].kind == .name, Self.opensCompoundStatement(tokens[segmentStart].keyword) {
                        fail("invalid syntax", at: segmentStart)
                        return
                    }
                    statements.append(Statement(kind: .simple, isAsync: false, decorators: [],
                                                tokens: segmentStart ..< cursor, clauses: [], lastToken: cursor - 1))
                } else if cursor < end || segmentStart == index {
                    fail("invalid syntax", at: cursor)
                    return
                }
                segmentStart = cursor + 1
            }
            cursor += 1
        }
        index = end + 1
    }

    static func lastToken(of statement: Statement) -> Int {
        guard let clause = statement.clauses.last else { return statement.lastToken }
        guard let last = clause.body.last else { return clause.header.upperBound }
        return lastToken(of: last)
    }
}
