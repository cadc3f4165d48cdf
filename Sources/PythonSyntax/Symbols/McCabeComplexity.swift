/// McCabe cyclomatic complexity, computed exactly as PyCQA `mccabe` 0.7 does.
///
/// `mccabe` builds a path graph per top-level function and reports edges − nodes + 2. Reading its
/// visitor gives a closed form: 1 plus one for each `if`/`elif`, `for`/`async for`, `while`, and
/// nested `def` (a closure adds a path), plus handlers + 1 for each `try`. It descends into `if`,
/// loop, `try` (body, handlers, `else` — not `finally`), `with` and class bodies, and into nested
/// functions, which therefore count toward the enclosing function. It treats `match` and `try`
/// with `except*` as simple statements, so nothing inside them counts.
public enum McCabeComplexity {
    /// Decision points among `statements` as `mccabe` sees them.
    public static func decisions(in statements: [Statement]) -> Int {
        var total = 0
        for statement in statements {
            switch statement.kind {
            case .simple, .matchStatement, .matchCase:
                continue
            case .functionDefinition:
                total += 1 + decisions(in: statement.clauses[0].body)
            case .classDefinition, .withStatement:
                total += decisions(in: statement.clauses[0].body)
            case .ifStatement:
                for clause in statement.clauses {
                    if clause.keyword != .else { total += 1 }
                    total += decisions(in: clause.body)
                }
            case .forLoop, .whileLoop:
                total += 1
                for clause in statement.clauses { total += decisions(in: clause.body) }
            case .tryStatement:
                if statement.isExceptionGroupTry { continue }
                let handlers = statement.clauses.filter { $0.keyword == .except }.count
                total += handlers + 1
                for clause in statement.clauses where clause.keyword != .finally {
                    total += decisions(in: clause.body)
                }
            }
        }
        return total
    }
}
