/// Which keywords a function reads from its `**kwargs`: the literal keys of `kwargs["x"]`,
/// `kwargs.get("x")`, `kwargs.pop("x", …)`, `kwargs.setdefault("x", …)` and `"x" in kwargs`.
///
/// Any other use — `**kwargs` passed on, `kwargs` handed to a function, iterated, rebound or
/// subscripted with a computed key — means any keyword may be used, and the answer is nil. So is
/// a stub's (`pass`, `...`, `raise NotImplementedError`), which documents keywords for the
/// implementations.
struct KeywordReads {
    let tokens: [Token]
    let source: SourceText

    /// The keys read from `name` in `body` (the function's tokens after its header), or nil
    /// when the dictionary is used in any other way.
    func keys(of name: String, in body: Range<Int>, isStub: Bool) -> [String]? {
        let target = Array(name.utf8)
        var keys: [String] = []
        var mentioned = false
        for index in body where tokens[index].kind == .name && bytes(index) == target[...] {
            if index > body.lowerBound, tokens[index - 1].isOp(.dot) { continue }  // `self.kwargs`
            mentioned = true
            guard let key = literalKey(at: index, body: body) else { return nil }
            if !keys.contains(key) { keys.append(key) }
        }
        if !mentioned && isStub { return nil }
        return keys
    }

    private func bytes(_ index: Int) -> ArraySlice<UInt8> {
        source.bytes[Int(tokens[index].start) ..< Int(tokens[index].end)]
    }

    /// The key when the use at `index` is one of the reading forms, else nil.
    private func literalKey(at index: Int, body: Range<Int>) -> String? {
        func token(_ offset: Int) -> Token? {
            let position = index + offset
            return body.contains(position) ? tokens[position] : nil
        }
        // kwargs["x"]
        if token(1)?.isOp(.leftBracket) == true, token(3)?.isOp(.rightBracket) == true {
            return stringValue(index + 2)
        }
        // kwargs.get("x") / .pop("x", d) / .setdefault("x", d)
        if token(1)?.isOp(.dot) == true, let method = token(2), method.kind == .name,
           ["get", "pop", "setdefault"].contains(String(decoding: bytes(index + 2), as: UTF8.self)),
           token(3)?.isOp(.leftParen) == true, let after = token(5), after.isOp(.comma) || after.isOp(.rightParen) {
            return stringValue(index + 4)
        }
        // "x" in kwargs / "x" not in kwargs
        if token(-1)?.isKeyword(.in) == true {
            let keyOffset = token(-2)?.isKeyword(.not) == true ? -3 : -2
            return stringValue(index + keyOffset)
        }
        return nil
    }

    /// The value of a plain (not f-, not bytes) string literal token.
    private func stringValue(_ index: Int) -> String? {
        guard tokens.indices.contains(index) else { return nil }
        return StringLiteralValue.plainValue(of: tokens[index], in: source.bytes)
    }
}
