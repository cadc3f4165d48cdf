/// What a compiled expression does: evaluates against the renderer's scopes.
typealias JinjaEvaluation = (JinjaRenderer) throws(JinjaError) -> JinjaValue

/// What a compiled statement does: writes to the output and says whether an enclosing loop is to
/// break or continue.
typealias JinjaExecution = (JinjaRenderer, inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow

/// A compiled body: its statements, run in order.
struct JinjaBlock {
    let statements: [JinjaExecution]

    var isEmpty: Bool { statements.isEmpty }

    func run(_ renderer: JinjaRenderer, into output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow {
        for statement in statements {
            let flow = try statement(renderer, &output)
            if flow != .normal { return flow }
        }
        return .normal
    }
}

/// A compiled `| name(arguments)`.
struct JinjaCompiledFilter {
    let name: String
    let arguments: [JinjaEvaluation]
    let keywords: [(String, JinjaEvaluation)]
    let line: Int
}

/// A variable's name as compiled: a number, the same for every use of the name in a template,
/// which scopes compare instead of the text; the text for the variables every render shares, the
/// globals, and messages.
struct JinjaName {
    let symbol: Int
    let text: String
}

/// Turns parsed nodes into closures once, when the template is parsed, so that a render runs the
/// closures instead of walking the syntax tree: the choices the tree walk made at every node of
/// every render (which kind of node, whether a `+` chain is all strings so far, whether a subscript
/// is a literal key, which variable a name is) are made here once. Chat templates are rendered
/// thousands of times per run.
final class JinjaCompiler {
    /// Every name the template uses, numbered.
    private(set) var symbols: [String: Int] = [:]

    /// The names a renderer binds itself.
    let loopName: JinjaName, callerName: JinjaName, varargsName: JinjaName

    init() {
        symbols = ["loop": 0, "caller": 1, "varargs": 2]
        loopName = JinjaName(symbol: 0, text: "loop")
        callerName = JinjaName(symbol: 1, text: "caller")
        varargsName = JinjaName(symbol: 2, text: "varargs")
    }

    func name(_ text: String) -> JinjaName {
        if let symbol = symbols[text] { return JinjaName(symbol: symbol, text: text) }
        let symbol = symbols.count
        symbols[text] = symbol
        return JinjaName(symbol: symbol, text: text)
    }

    func compile(_ nodes: [JinjaNode]) -> JinjaBlock {
        JinjaBlock(statements: nodes.map { compile($0) })
    }

    func compile(_ node: JinjaNode) -> JinjaExecution {
        switch node {
        case .text(let text):
            return { (_: JinjaRenderer, output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                output.append(text)
                return .normal
            }
        case .output(let expression, let line):
            return compileOutput(expression, line: line)
        case .ifChain(let branches, let otherwise, _):
            let conditions = branches.map { compile($0.condition) }
            let bodies = branches.map { compile($0.body) }
            let otherwise = compile(otherwise)
            if conditions.count == 1, otherwise.isEmpty {
                let condition = conditions[0], body = bodies[0]
                return { (renderer: JinjaRenderer, output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                    try condition(renderer).isTruthy ? try body.run(renderer, into: &output) : .normal
                }
            }
            return { (renderer: JinjaRenderer, output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                for index in conditions.indices where try conditions[index](renderer).isTruthy {
                    return try bodies[index].run(renderer, into: &output)
                }
                return try otherwise.run(renderer, into: &output)
            }
        case .forLoop(let targets, let iterable, let filter, let body, let otherwise, let line):
            let loop = JinjaRenderer.CompiledLoop(targets: targets.map { name($0) }, iterable: compile(iterable), filter: filter.map { compile($0) },
                                                  body: compile(body), otherwise: compile(otherwise), line: line)
            return { (renderer: JinjaRenderer, output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                try renderer.run(loop, into: &output)
            }
        case .set(.names(let names), let expression, let line):
            let value = compile(expression), names = names.map { name($0) }
            return { (renderer: JinjaRenderer, _: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                try renderer.set(names, try value(renderer), line: line)
                return .normal
            }
        case .set(.attribute(let object, let attribute), let expression, let line):
            let value = compile(expression), object = name(object)
            return { (renderer: JinjaRenderer, _: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                try renderer.set(object, attribute: attribute, try value(renderer), line: line)
                return .normal
            }
        case .setBlock(let target, let body, let filters, _):
            let body = compile(body), filters = filters.map { compile($0) }, target = name(target)
            return { (renderer: JinjaRenderer, _: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                renderer.assign(target, try renderer.capture(body, filters: filters))
                return .normal
            }
        case .macro(let macroName, let parameters, let body, let line):
            let macro = JinjaRenderer.CompiledMacro(name: macroName, parameters: parameters.map { (name($0.0), $0.1.map { compile($0) }) },
                                                    body: compile(body), line: line, caller: callerName, varargs: varargsName)
            let target = name(macroName)
            return { (renderer: JinjaRenderer, _: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                renderer.assign(target, .callable(renderer.callable(macro)))
                return .normal
            }
        case .filterBlock(let filters, let body, _):
            let body = compile(body), filters = filters.map { compile($0) }
            return { (renderer: JinjaRenderer, output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                output.append(try renderer.capture(body, filters: filters).string)
                return .normal
            }
        case .callBlock(let callee, let body, let line):
            guard case .call(let calledFunction, let calledArguments, let calledKeywords, _) = callee else {
                return { (_: JinjaRenderer, _: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                    throw JinjaError(.syntax, line: line, "`{% call %}` needs a call expression")
                }
            }
            let caller = JinjaRenderer.CompiledMacro(name: "caller", parameters: [], body: compile(body), line: line, caller: callerName, varargs: varargsName)
            let function = compile(calledFunction), arguments = calledArguments.map { compile($0) }, keywords = calledKeywords.map { ($0.0, compile($0.1)) }
            return { (renderer: JinjaRenderer, output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                let callee = try function(renderer)
                let values = try renderer.evaluate(arguments)
                let named = try renderer.evaluate(keywords) + [("caller", .callable(renderer.callable(caller)))]
                output.append(try renderer.call(callee, arguments: values, keywords: named, line: line).string)
                return .normal
            }
        case .loopBreak:
            return { (_: JinjaRenderer, _: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in .breakLoop }
        case .loopContinue:
            return { (_: JinjaRenderer, _: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in .continueLoop }
        }
    }

    // MARK: Output

    /// One operand of a `{{ a + b + … }}` chain: a string literal (adjacent ones joined) or an
    /// expression.
    enum SumPart {
        case text(String)
        case value(JinjaEvaluation)
    }

    /// The operands of a `+` chain's left spine, first to last (`(a + b) + c`; a right operand is
    /// one operand however it is written, as Python evaluates it), adjacent string literals joined.
    func sumParts(_ expression: JinjaExpression, into parts: inout [SumPart]) {
        if case .binary("+", let left, let right, _) = expression {
            sumParts(left, into: &parts)
            appendSumPart(right, to: &parts)
        } else {
            appendSumPart(expression, to: &parts)
        }
    }

    func appendSumPart(_ expression: JinjaExpression, to parts: inout [SumPart]) {
        if case .literal(.string(let text)) = expression {
            if case .text(let previous)? = parts.last {
                parts[parts.count - 1] = .text(previous + text)
            } else {
                parts.append(.text(text))
            }
        } else {
            parts.append(.value(compile(expression)))
        }
    }

    /// `{{ expression }}`. A `+` chain writes its operands straight to the output while they are
    /// plain strings; at the first that is not, what was written is taken back as one string (the
    /// sum of strings so far) and Python's `+` folds on from there.
    func compileOutput(_ expression: JinjaExpression, line: Int) -> JinjaExecution {
        guard case .binary("+", _, _, let sumLine) = expression else {
            let value = compile(expression)
            return { (renderer: JinjaRenderer, output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
                try JinjaCompiler.write(try value(renderer), line: line, into: &output)
                return .normal
            }
        }
        var parts: [SumPart] = []
        sumParts(expression, into: &parts)
        return { (renderer: JinjaRenderer, output: inout JinjaOutput) throws(JinjaError) -> JinjaRenderer.Flow in
            let start = output.count
            for index in parts.indices {
                let value: JinjaValue
                switch parts[index] {
                case .text(let text):
                    output.append(text)
                    continue
                case .value(let evaluate):
                    value = try evaluate(renderer)
                    if case .string(let text) = value {
                        output.append(text)
                        continue
                    }
                }
                // Not a plain string: Python's `+` from here on.
                var sum: JinjaValue
                if index == 0 {
                    sum = value
                } else {
                    let prefix = output.removeText(from: start)
                    sum = try JinjaBuiltins.binary("+", .string(prefix), value, line: sumLine)
                }
                for rest in parts[(index + 1)...] {
                    switch rest {
                    case .text(let text): sum = try JinjaBuiltins.binary("+", sum, .string(text), line: sumLine)
                    case .value(let evaluate): sum = try JinjaBuiltins.binary("+", sum, try evaluate(renderer), line: sumLine)
                    }
                }
                try JinjaCompiler.write(sum, line: sumLine, into: &output)
                return .normal
            }
            return .normal
        }
    }

    static func write(_ value: JinjaValue, line: Int, into output: inout JinjaOutput) throws(JinjaError) {
        if case .generator = value { throw JinjaError(.unsupported, line: line, "printing a generator (Python prints its memory address); add `| list`") }
        output.append(value.string)
    }

    // MARK: Expressions

    func compile(_ call: JinjaFilterCall) -> JinjaCompiledFilter {
        JinjaCompiledFilter(name: call.name, arguments: call.arguments.map { compile($0) }, keywords: call.keywords.map { ($0.0, compile($0.1)) }, line: call.line)
    }

    func compile(_ expression: JinjaExpression) -> JinjaEvaluation {
        switch expression {
        case .literal(let value):
            return { (_: JinjaRenderer) throws(JinjaError) -> JinjaValue in value }
        case .name(let text, _):
            let variable = name(text)
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in renderer.lookup(variable) }
        case .list(let items), .tuple(let items):
            let items = items.map { compile($0) }
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in .array(try renderer.evaluate(items)) }
        case .dictionary(let pairs):
            let pairs = pairs.map { (compile($0.0), compile($0.1)) }
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                var dictionary = JinjaDictionary()
                for (key, value) in pairs { dictionary[value: try key(renderer)] = try value(renderer) }
                return .dictionary(dictionary)
            }
        case .attribute(.name("loop", _), let name, let line):
            // `loop.first`, `loop.index`…: the loop's own attribute, chosen once.
            let attribute = JinjaLoop.Attribute(rawValue: name), loopName = loopName
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                let base = renderer.lookup(loopName)
                if case .loop(let loop) = base { return attribute.map { loop[$0, line: line] } ?? .undefined("loop.\(name)") }
                return try JinjaBuiltins.attribute(of: base, name, environment: renderer.environment, line: line)
            }
        case .attribute(let base, let name, let line):
            let base = compile(base)
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                try JinjaBuiltins.attribute(of: try base(renderer), name, environment: renderer.environment, line: line)
            }
        case .subscriptItem(let base, .literal(.string(let name)), let line):
            // `message['content']`: the common case, without building the key's value.
            let base = compile(base), key = JinjaValue.string(name)
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                let container = try base(renderer)
                if case .dictionary(let dictionary) = container, let found = dictionary[name] { return found }
                return try JinjaBuiltins.item(of: container, key, environment: renderer.environment, line: line)
            }
        case .subscriptItem(let base, let key, let line):
            let base = compile(base), key = compile(key)
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                let container = try base(renderer)
                return try JinjaBuiltins.item(of: container, try key(renderer), environment: renderer.environment, line: line)
            }
        case .slice(let base, let start, let stop, let step, let line):
            let base = compile(base), start = start.map { compile($0) }, stop = stop.map { compile($0) }, step = step.map { compile($0) }
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                func bound(_ evaluate: JinjaEvaluation?) throws(JinjaError) -> Int? {
                    guard let evaluate else { return nil }
                    let value = try evaluate(renderer)
                    if case .none = value { return nil }
                    guard let integer = value.integer else { throw JinjaError(.render, line: line, "slice indices must be integers") }
                    return integer
                }
                let value = try base(renderer)
                return try JinjaBuiltins.slice(value, start: try bound(start), stop: try bound(stop), step: try bound(step), line: line)
            }
        case .call(let function, let arguments, let keywords, let line):
            let function = compile(function), arguments = arguments.map { compile($0) }, keywords = keywords.map { ($0.0, compile($0.1)) }
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                let callee = try function(renderer)
                let values = try renderer.evaluate(arguments)
                return try renderer.call(callee, arguments: values, keywords: try renderer.evaluate(keywords), line: line)
            }
        case .filter(let base, let call):
            let base = compile(base), filter = compile(call)
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                try renderer.apply(filter, to: try base(renderer))
            }
        case .test(let base, let name, let arguments, let negated, let line):
            let base = compile(base), arguments = arguments.map { compile($0) }
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                let value = try base(renderer)
                return .bool(try JinjaBuiltins.test(name, value, try renderer.evaluate(arguments), line: line) != negated)
            }
        case .unary(let symbol, let operand, let line):
            let operand = compile(operand)
            switch symbol {
            case "not":
                return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in .bool(!(try operand(renderer).isTruthy)) }
            case "-":
                return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                    let value = try operand(renderer)
                    switch value {
                    case .int(let integer): return .int(-integer)
                    case .double(let double): return .double(-double)
                    case .bool(let bool): return .int(bool ? -1 : 0)
                    default: throw JinjaError(.render, line: line, "bad operand type for unary -: \(value.typeName)")
                    }
                }
            default:
                return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                    let value = try operand(renderer)
                    guard value.number != nil else { throw JinjaError(.render, line: line, "bad operand type for unary +: \(value.typeName)") }
                    return value
                }
            }
        case .binary(let symbol, let left, .literal(let literal), _) where symbol == "==" || symbol == "!=":
            // `message['role'] == 'user'`: equality never fails, whatever the operands.
            let left = compile(left), equal = symbol == "=="
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                .bool((try left(renderer).plain == literal.plain) == equal)
            }
        case .binary(let symbol, let left, let right, let line):
            let left = compile(left), right = compile(right)
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                let value = try left(renderer)
                return try JinjaBuiltins.binary(symbol, value, try right(renderer), line: line)
            }
        case .and(let left, let right):
            let left = compile(left), right = compile(right)
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                let value = try left(renderer)
                return value.isTruthy ? try right(renderer) : value
            }
        case .or(let left, let right):
            let left = compile(left), right = compile(right)
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                let value = try left(renderer)
                return value.isTruthy ? value : try right(renderer)
            }
        case .conditional(let value, let condition, let otherwise):
            let value = compile(value), condition = compile(condition), otherwise = otherwise.map { compile($0) }
            return { (renderer: JinjaRenderer) throws(JinjaError) -> JinjaValue in
                if try condition(renderer).isTruthy { return try value(renderer) }
                guard let otherwise else { return .undefined("the else branch") }
                return try otherwise(renderer)
            }
        }
    }
}
