/// Reads expressions as token ranges: splitting at top-level separators, matching brackets,
/// stripping redundant parentheses and reproducing the source text that CPython's
/// `ast.get_source_segment` gives for the node.
struct ExpressionTokens {
    let tokens: [Token]
    let source: SourceText

    /// The exact source text from the first token's start to the last token's end.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return source.text(Int(tokens[range.lowerBound].start) ..< Int(tokens[range.upperBound - 1].end))
    }

    /// The source text of the expression node: redundant parentheses removed, except where CPython's
    /// node includes them (tuples, generator expressions).
    func expressionText(_ range: Range<Int>) -> String {
        text(strippingParentheses(range))
    }

    /// Index of the bracket matching the opening bracket at `open`.
    func matchingBracket(_ open: Int, limit: Int) -> Int? {
        var depth = 0
        var cursor = open
        while cursor < limit {
            let token = tokens[cursor]
            if token.kind == .op {
                if token.op.isOpening { depth += 1 }
                if token.op.isClosing {
                    depth -= 1
                    if depth == 0 { return cursor }
                }
            }
            cursor += 1
        }
        return nil
    }

    /// Removes parentheses that wrap the whole range when they only group (not a tuple, not a
    /// generator expression, not `()`).
    func strippingParentheses(_ range: Range<Int>) -> Range<Int> {
        var current = range
        while current.count >= 3, tokens[current.lowerBound].isOp(.leftParen),
              matchingBracket(current.lowerBound, limit: current.upperBound) == current.upperBound - 1 {
            let inner = current.lowerBound + 1 ..< current.upperBound - 1
            if containsTopLevel(inner, where: { $0.isOp(.comma) || $0.isKeyword(.for) }) { break }
            current = inner
        }
        return current
    }

    /// Whether a token at bracket depth 0 of `range` satisfies `predicate`.
    func containsTopLevel(_ range: Range<Int>, where predicate: (Token) -> Bool) -> Bool {
        var depth = 0
        for cursor in range {
            let token = tokens[cursor]
            if token.kind == .op && token.op.isOpening {
                depth += 1
                continue
            }
            if token.kind == .op && token.op.isClosing {
                depth -= 1
                continue
            }
            if depth == 0 && predicate(token) { return true }
        }
        return false
    }

    /// Splits at top-level tokens matching `isSeparator` (commas by default); a `lambda`'s
    /// parameter list is not split. Empty trailing pieces are dropped.
    func split(_ range: Range<Int>, isSeparator: (Token) -> Bool = { $0.isOp(.comma) }) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var depth = 0
        var pendingLambdas = 0
        var pieceStart = range.lowerBound
        for cursor in range {
            let token = tokens[cursor]
            if token.kind == .op {
                if token.op.isOpening { depth += 1 }
                if token.op.isClosing { depth -= 1 }
                if depth == 0 && token.op == .colon && pendingLambdas > 0 {
                    pendingLambdas -= 1
                    continue
                }
            } else if token.isKeyword(.lambda) && depth == 0 {
                pendingLambdas += 1
            }
            if depth == 0 && pendingLambdas == 0 && isSeparator(token) {
                pieces.append(pieceStart ..< cursor)
                pieceStart = cursor + 1
            }
        }
        if pieceStart < range.upperBound { pieces.append(pieceStart ..< range.upperBound) }
        return pieces
    }

    /// For a call expression (`atom trailer* (args)`), the range of the callee; nil otherwise.
    func callee(of range: Range<Int>) -> Range<Int>? {
        let expression = strippingParentheses(range)
        guard expression.count >= 3, tokens[expression.upperBound - 1].isOp(.rightParen) else { return nil }
        // Walk the primary: atom, then trailers; remember where the last trailer starts.
        var cursor = expression.lowerBound
        var lastTrailerStart = -1
        let first = tokens[cursor]
        switch first.kind {
        case .name where first.keyword.isOperandWord:
            cursor += 1
        case .number, .string:
            while cursor < expression.upperBound, tokens[cursor].kind == .string { cursor += 1 }
            if first.kind == .number { cursor += 1 }
        case .op where first.op.isOpening:
            guard let close = matchingBracket(cursor, limit: expression.upperBound) else { return nil }
            cursor = close + 1
        default:
            return nil
        }
        while cursor < expression.upperBound {
            let token = tokens[cursor]
            if token.isOp(.dot) {
                guard cursor + 1 < expression.upperBound, tokens[cursor + 1].kind == .name else { return nil }
                cursor += 2
            } else if token.isOp(.leftParen) || token.isOp(.leftBracket) {
                guard let close = matchingBracket(cursor, limit: expression.upperBound) else { return nil }
                lastTrailerStart = cursor
                cursor = close + 1
            } else {
                return nil
            }
        }
        guard lastTrailerStart > expression.lowerBound, tokens[lastTrailerStart].isOp(.leftParen) else { return nil }
        return expression.lowerBound ..< lastTrailerStart
    }

    /// The name a `def` or `class` statement defines (the token after the keyword).
    func definitionName(_ statement: Statement) -> String {
        let header = statement.clauses[0].header
        return text(header.lowerBound + 1 ..< header.lowerBound + 2)
    }

    /// Whether `range` holds a `yield` outside any `lambda` body.
    func containsYieldOutsideLambda(_ range: Range<Int>) -> Bool {
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            let token = tokens[cursor]
            if token.kind == .string, mayHoldYield(token), FormattedStringFields.containsYield(in: source.bytes, token: token) {
                return true
            }
            if token.kind == .name {
                if token.keyword == .yield { return true }
                if token.keyword == .lambda {
                    cursor = endOfLambda(startingAt: cursor, limit: range.upperBound)
                    continue
                }
            }
            cursor += 1
        }
        return false
    }

    /// A cheap filter: an f-string token whose bytes contain `yield`.
    func mayHoldYield(_ token: Token) -> Bool {
        let start = Int(token.start)
        let end = Int(token.end)
        guard end - start > 7 else { return false }
        let word: [UInt8] = Array("yield".utf8)
        var cursor = start
        while cursor + 5 <= end {
            if source.bytes[cursor] == word[0] && source.bytes[cursor + 1 ..< cursor + 5].elementsEqual(word[1...]) {
                return true
            }
            cursor += 1
        }
        return false
    }

    /// The index just past a lambda expression that starts at `start`.
    func endOfLambda(startingAt start: Int, limit: Int) -> Int {
        var depth = 0
        var cursor = start + 1
        var sawColon = false
        var nestedLambdas = 0
        while cursor < limit {
            let token = tokens[cursor]
            if token.kind == .op {
                if token.op.isOpening {
                    depth += 1
                } else if token.op.isClosing {
                    if depth == 0 { return cursor }
                    depth -= 1
                } else if depth == 0 {
                    if token.op == .colon {
                        if !sawColon { sawColon = true } else if nestedLambdas > 0 { nestedLambdas -= 1 } else { return cursor }
                    } else if token.op == .comma && sawColon && nestedLambdas == 0 {
                        return cursor
                    } else if token.op == .semicolon || token.op == .equal {
                        if sawColon { return cursor }
                    }
                }
            } else if token.kind == .name && depth == 0 && sawColon {
                if token.keyword == .for || token.keyword == .async { return cursor }
                if token.keyword == .lambda { nestedLambdas += 1 }
            }
            cursor += 1
        }
        return limit
    }
}
