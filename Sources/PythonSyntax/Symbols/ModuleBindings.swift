/// The names a module binds outside its function and class definitions: assignment targets
/// (`X = …`, `a, b = …`, `X: int`), imports (`import a.b` binds `a`, `import a.b as c` binds `c`,
/// `from m import x as y` binds `y`, `from m import *` binds `*`), in `if`/`try`/`with`/`for`
/// blocks too, and the names a module `__getattr__` provides. A docstring's cross-reference to one of them resolves (DH112).
struct ModuleBindings {
    let tokens: [Token]
    let source: SourceText
    let expressions: ExpressionTokens

    /// The bindings of `statements`, in source order, without duplicates.
    func bindings(of statements: [Statement]) -> [ClassAttribute] {
        var result: [ClassAttribute] = []
        var seen: Set<String> = []
        collect(statements, into: &result, seen: &seen)
        return result
    }

    private func collect(_ statements: [Statement], into result: inout [ClassAttribute], seen: inout Set<String>) {
        for statement in statements {
            switch statement.kind {
            case .simple:
                for index in names(in: statement.tokens) {
                    let name = expressions.text(index ..< index + 1)
                    if seen.insert(name).inserted { result.append(ClassAttribute(name: name, line: Int(tokens[index].line))) }
                }
            case .functionDefinition:
                // PEP 562: a module `__getattr__` makes the names it compares with up on demand
                // (`if name == "OrderedMultiDict": …`, a deprecation shim).
                guard expressions.definitionName(statement) == "__getattr__" else { continue }
                let body = statement.clauses[0].header.upperBound ..< statement.lastToken + 1
                for index in body {
                    guard let name = StringLiteralValue.plainValue(of: tokens[index], in: source.bytes), let first = name.first, first == "_" || first.isLetter, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else { continue }
                    if seen.insert(name).inserted { result.append(ClassAttribute(name: name, line: Int(tokens[index].line))) }
                }
            case .classDefinition:
                continue
            default:
                for clause in statement.clauses { collect(clause.body, into: &result, seen: &seen) }
            }
        }
    }

    /// Token indices of the names a simple statement binds.
    private func names(in range: Range<Int>) -> [Int] {
        guard !range.isEmpty else { return [] }
        let first = tokens[range.lowerBound]
        if first.isKeyword(.import) {
            return expressions.split(range.lowerBound + 1 ..< range.upperBound).compactMap(importedName)
        }
        if first.isKeyword(.from) {
            guard let keyword = range.first(where: { tokens[$0].isKeyword(.import) }) else { return [] }
            var names = keyword + 1 ..< range.upperBound
            if names.count >= 2, tokens[names.lowerBound].isOp(.leftParen), tokens[names.upperBound - 1].isOp(.rightParen) {
                names = names.lowerBound + 1 ..< names.upperBound - 1
            }
            if names.count == 1, tokens[names.lowerBound].isOp(.star) { return [names.lowerBound] }
            return expressions.split(names).compactMap(importedName)
        }
        if first.kind == .name, range.count >= 2, tokens[range.lowerBound + 1].isOp(.colon) {
            return [range.lowerBound]  // X: int = …
        }
        let segments = expressions.split(range) { $0.isOp(.equal) }
        guard segments.count >= 2 else { return [] }
        return segments.dropLast().flatMap { target in
            expressions.split(expressions.strippingParentheses(target)).compactMap { part -> Int? in
                let name = part.first.map { tokens[$0].isOp(.star) ? $0 + 1 : $0 }
                guard let name, part.upperBound == name + 1, tokens[name].kind == .name else { return nil }
                return name
            }
        }
    }

    /// `a.b.c` binds `a`; `a.b as c` binds `c`.
    private func importedName(_ piece: Range<Int>) -> Int? {
        guard !piece.isEmpty else { return nil }
        if let alias = piece.first(where: { tokens[$0].isKeyword(.as) }), alias + 1 < piece.upperBound {
            return alias + 1
        }
        return tokens[piece.lowerBound].kind == .name ? piece.lowerBound : nil
    }
}
