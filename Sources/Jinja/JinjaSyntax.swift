/// A template's statements and expressions, as `JinjaParser` builds them.
indirect enum JinjaNode {
    case text(String)
    case output(JinjaExpression, line: Int)
    case ifChain([(condition: JinjaExpression, body: [JinjaNode])], otherwise: [JinjaNode], line: Int)
    case forLoop(targets: [String], iterable: JinjaExpression, filter: JinjaExpression?, body: [JinjaNode], otherwise: [JinjaNode], line: Int)
    case set(target: JinjaAssignTarget, value: JinjaExpression, line: Int)
    case setBlock(name: String, body: [JinjaNode], filters: [JinjaFilterCall], line: Int)
    case macro(name: String, parameters: [(String, JinjaExpression?)], body: [JinjaNode], line: Int)
    case filterBlock([JinjaFilterCall], body: [JinjaNode], line: Int)
    case loopBreak(line: Int)
    case loopContinue(line: Int)
    /// A call block `{% call m() %}…{% endcall %}`: the body becomes `caller()`.
    case callBlock(JinjaExpression, body: [JinjaNode], line: Int)
}

enum JinjaAssignTarget {
    case names([String])
    case attribute(object: String, name: String)
}

struct JinjaFilterCall {
    var name: String
    var arguments: [JinjaExpression]
    var keywords: [(String, JinjaExpression)]
    var line: Int
}

indirect enum JinjaExpression {
    case literal(JinjaValue)
    case name(String, line: Int)
    case list([JinjaExpression])
    case tuple([JinjaExpression])
    case dictionary([(JinjaExpression, JinjaExpression)])
    case attribute(JinjaExpression, String, line: Int)
    case subscriptItem(JinjaExpression, JinjaExpression, line: Int)
    case slice(JinjaExpression, start: JinjaExpression?, stop: JinjaExpression?, step: JinjaExpression?, line: Int)
    case call(JinjaExpression, arguments: [JinjaExpression], keywords: [(String, JinjaExpression)], line: Int)
    case filter(JinjaExpression, JinjaFilterCall)
    case test(JinjaExpression, name: String, arguments: [JinjaExpression], negated: Bool, line: Int)
    case unary(String, JinjaExpression, line: Int)
    case binary(String, JinjaExpression, JinjaExpression, line: Int)
    case and(JinjaExpression, JinjaExpression)
    case or(JinjaExpression, JinjaExpression)
    case conditional(JinjaExpression, condition: JinjaExpression, otherwise: JinjaExpression?)
}
