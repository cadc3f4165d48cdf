/// Finds two operands written side by side with no operator between them (`print "x"`,
/// `exec code in ns`, `1 x`), which CPython rejects as invalid syntax. Soft keywords that open
/// a statement (`match x:`, `case [a]:`, `type X = int`) are allowed.
enum AdjacencyCheck {
    static func firstError(tokens: [Token], source: SourceText) -> Diagnostic? {
        guard tokens.count > 1 else { return nil }
        var previous = tokens[0]
        var previousStartsStatement = true
        var statementStart = true
        for index in 1 ..< tokens.count {
            let token = tokens[index]
            let startsStatement: Bool
            switch token.kind {
            case .newline, .indent, .dedent, .endOfFile:
                previous = token
                statementStart = true
                previousStartsStatement = false
                continue
            default:
                startsStatement = statementStart
                statementStart = token.isOp(.semicolon) || token.isOp(.colon)
            }
            // `from ...package import x`: the dots of a relative import are not an Ellipsis.
            let isRelativeImportDots = previous.isOp(.ellipsis) && index >= 2
                && (tokens[index - 2].isKeyword(.from) || tokens[index - 2].isOp(.dot) || tokens[index - 2].isOp(.ellipsis))
            if endsOperand(previous) && !isRelativeImportDots && startsOperand(token, after: previous) {
                let exempt = previousStartsStatement && previous.kind == .name
                    && (previous.keyword == .match || previous.keyword == .case || previous.keyword == .type)
                if !exempt {
                    let position = source.position(ofOffset: Int(previous.start))
                    let word = source.text(Int(previous.start) ..< Int(previous.end))
                    let message = word == "print" || word == "exec"
                        ? "Missing parentheses in call to '\(word)'. Did you mean \(word)(...)?"
                        : "invalid syntax. Perhaps you forgot a comma?"
                    return Diagnostic(code: .syntaxError, message: message, line: position.line, column: position.column)
                }
            }
            previous = token
            previousStartsStatement = startsStatement
        }
        return nil
    }

    static func endsOperand(_ token: Token) -> Bool {
        switch token.kind {
        case .name: return token.keyword.isOperandWord
        case .number, .string: return true
        case .op: return token.op == .rightParen || token.op == .rightBracket || token.op == .rightBrace || token.op == .ellipsis
        default: return false
        }
    }

    static func startsOperand(_ token: Token, after previous: Token) -> Bool {
        switch token.kind {
        case .name: return token.keyword.isOperandWord
        case .number: return true
        case .string: return previous.kind != .string
        case .op: return token.op == .leftBrace || token.op == .ellipsis
        default: return false
        }
    }
}
