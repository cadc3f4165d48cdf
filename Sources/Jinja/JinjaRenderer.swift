/// Renders parsed nodes: scopes as Jinja2 keeps them (a for loop's assignments stay inside it; a
/// macro sees the template's top level and its parameters), `loop`, `break`/`continue`.
final class JinjaRenderer {
    let environment: JinjaTemplate.Environment
    /// The variables in scope, innermost last: each frame's bindings one after another in one
    /// array (`frameStarts` says where each frame begins), found by scanning from the end. A
    /// template binds a handful of names per frame, so a scan of short inline strings beats a
    /// dictionary per frame: no hashing, and one allocation for the whole render instead of one
    /// per loop. Read and written on every name; one renderer runs on one thread, so the dynamic
    /// exclusivity checks a class property gets are skipped.
    @exclusivity(unchecked) var bindings: [(name: String, value: JinjaValue)]
    @exclusivity(unchecked) var frameStarts: [Int]
    /// The variables every render shares (tokens, dates, server settings), below `bindings`.
    let shared: [String: JinjaValue]

    enum Flow {
        case normal, breakLoop, continueLoop
    }

    /// A renderer whose top frame is `context`; the built-in globals answer names no scope has.
    init(environment: JinjaTemplate.Environment, context: [(name: String, value: JinjaValue)], shared: [String: JinjaValue] = [:]) {
        self.environment = environment
        bindings = context
        bindings.reserveCapacity(context.count + 16)
        frameStarts = [0]
        self.shared = shared
    }

    func lookup(_ name: String) -> JinjaValue {
        var index = bindings.count - 1
        while index >= 0 {
            if bindings[index].name == name { return bindings[index].value }
            index -= 1
        }
        return shared[name] ?? JinjaBuiltins.globals[name] ?? .undefined(name)
    }

    /// Binds `name` in the innermost frame.
    func assign(_ name: String, _ value: JinjaValue) {
        var index = bindings.count - 1
        let start = frameStarts[frameStarts.count - 1]
        while index >= start {
            if bindings[index].name == name {
                bindings[index].value = value
                return
            }
            index -= 1
        }
        bindings.append((name, value))
    }

    /// Opens a frame (a for loop's body); `popFrame` drops what it bound.
    func pushFrame() {
        frameStarts.append(bindings.count)
    }

    func popFrame() {
        bindings.removeSubrange(frameStarts.removeLast()...)
    }

    @discardableResult
    func render(_ nodes: [JinjaNode], into output: inout String) throws(JinjaError) -> Flow {
        for node in nodes {
            let flow = try render(node, into: &output)
            if flow != .normal { return flow }
        }
        return .normal
    }

    func render(_ node: JinjaNode, into output: inout String) throws(JinjaError) -> Flow {
        switch node {
        case .text(let text):
            output += text
        case .output(.binary("+", let left, let right, let line), _):
            try renderSum(left, right, line: line, into: &output)
        case .output(let expression, let line):
            let value = try evaluate(expression)
            if case .generator = value { throw JinjaError(.unsupported, line: line, "printing a generator (Python prints its memory address); add `| list`") }
            output += value.string
        case .ifChain(let branches, let otherwise, _):
            for (condition, body) in branches where try evaluate(condition).isTruthy {
                return try render(body, into: &output)
            }
            return try render(otherwise, into: &output)
        case .forLoop(let targets, let iterable, let filter, let body, let otherwise, let line):
            return try renderFor(targets: targets, iterable: iterable, filter: filter, body: body, otherwise: otherwise, line: line, into: &output)
        case .set(let target, let expression, let line):
            let value = try evaluate(expression)
            switch target {
            case .names(let names) where names.count == 1:
                assign(names[0], value)
            case .names(let names):
                let items = try JinjaBuiltins.iterate(value, line: line)
                guard items.count == names.count else {
                    throw JinjaError(.render, line: line, "cannot unpack \(items.count) values into \(names.count) names")
                }
                for (name, item) in zip(names, items) { assign(name, item) }
            case .attribute(let object, let name):
                guard case .namespace(let namespace) = lookup(object) else {
                    throw JinjaError(.render, line: line, "cannot assign an attribute of `\(object)`: only a namespace() has assignable attributes")
                }
                namespace.attributes[name] = value
            }
        case .setBlock(let name, let body, let filters, _):
            var captured = ""
            try render(body, into: &captured)
            var value = JinjaValue.string(captured)
            for filter in filters { value = try applyFilter(filter, to: value) }
            assign(name, value)
        case .macro(let name, let parameters, let body, let line):
            assign(name, .callable(makeMacro(name: name, parameters: parameters, body: body, line: line)))
        case .filterBlock(let filters, let body, _):
            var captured = ""
            try render(body, into: &captured)
            var value = JinjaValue.string(captured)
            for filter in filters { value = try applyFilter(filter, to: value) }
            output += value.string
        case .callBlock(let callee, let body, let line):
            let caller = makeMacro(name: "caller", parameters: [], body: body, line: line)
            guard case .call(let function, let arguments, let keywords, _) = callee else {
                throw JinjaError(.syntax, line: line, "`{% call %}` needs a call expression")
            }
            let value = try callFunction(try evaluate(function), arguments: try arguments.map { (argument) throws(JinjaError) in try evaluate(argument) },
                                         keywords: try evaluateKeywords(keywords) + [("caller", .callable(caller))], line: line)
            output += value.string
        case .loopBreak:
            return .breakLoop
        case .loopContinue:
            return .continueLoop
        }
        return .normal
    }

    func renderFor(targets: [String], iterable: JinjaExpression, filter: JinjaExpression?, body: [JinjaNode], otherwise: [JinjaNode],
                   line: Int, into output: inout String) throws(JinjaError) -> Flow {
        let source = try evaluate(iterable)
        var items = try JinjaBuiltins.iterate(source, line: line)
        pushFrame()
        defer { popFrame() }
        func bind(_ item: JinjaValue) throws(JinjaError) {
            if targets.count == 1 {
                assign(targets[0], item)
            } else {
                let parts = try JinjaBuiltins.iterate(item, line: line)
                guard parts.count == targets.count else {
                    throw JinjaError(.render, line: line, "cannot unpack \(parts.count) values into \(targets.count) loop names")
                }
                for (name, part) in zip(targets, parts) { assign(name, part) }
            }
        }
        if let filter {
            var kept: [JinjaValue] = []
            for item in items {
                try bind(item)
                if try evaluate(filter).isTruthy { kept.append(item) }
            }
            items = kept
        }
        if items.isEmpty { return try render(otherwise, into: &output) }
        for (index, item) in items.enumerated() {
            try bind(item)
            assign("loop", .loop(JinjaLoop(items: items, index: index)))
            if try render(body, into: &output) == .breakLoop { break }
        }
        return .normal
    }

    /// `{{ a + b + c }}`: while the operands are plain strings the sum is those strings written one
    /// after another, so they go straight to the output instead of through intermediate strings.
    /// At the first operand that is not, what was written is taken back as one string (the sum
    /// of strings so far) and Python's `+` folds on from there.
    func renderSum(_ left: JinjaExpression, _ right: JinjaExpression, line: Int, into output: inout String) throws(JinjaError) {
        guard let sum = try sumChain(.binary("+", left, right, line: line), start: output.endIndex, into: &output) else { return }
        if case .generator = sum { throw JinjaError(.unsupported, line: line, "printing a generator (Python prints its memory address); add `| list`") }
        output += sum.string
    }

    /// Writes a `+` chain's string operands to `output`; nil while every operand so far was a plain
    /// string, else the sum so far (and nothing of the chain left in `output`).
    func sumChain(_ expression: JinjaExpression, start: String.Index, into output: inout String) throws(JinjaError) -> JinjaValue? {
        guard case .binary("+", let left, let right, let line) = expression else {
            if case .literal(.string(let text)) = expression {
                output += text
                return nil
            }
            let value = try evaluate(expression)
            if case .string(let text) = value {
                output += text
                return nil
            }
            return value
        }
        if let partial = try sumChain(left, start: start, into: &output) {
            return try JinjaBuiltins.binary("+", partial, try evaluate(right), line: line)
        }
        if case .literal(.string(let text)) = right {
            output += text
            return nil
        }
        let value = try evaluate(right)
        if case .string(let text) = value {
            output += text
            return nil
        }
        let prefix = String(output[start...])
        output.removeSubrange(start...)
        return try JinjaBuiltins.binary("+", .string(prefix), value, line: line)
    }

    func makeMacro(name: String, parameters: [(String, JinjaExpression?)], body: [JinjaNode], line: Int) -> JinjaCallable {
        JinjaCallable(name: name) { [unowned self] arguments, keywords throws(JinjaError) in
            var frame: [String: JinjaValue] = [:]
            for (position, (parameter, defaultValue)) in parameters.enumerated() {
                if position < arguments.count {
                    frame[parameter] = arguments[position]
                } else if let keyword = keywords.first(where: { $0.0 == parameter }) {
                    frame[parameter] = keyword.1
                } else if let defaultValue {
                    frame[parameter] = try self.evaluate(defaultValue)
                } else {
                    frame[parameter] = .undefined(parameter)
                }
            }
            if let caller = keywords.first(where: { $0.0 == "caller" }) { frame["caller"] = caller.1 }
            frame["varargs"] = .array(Array(arguments.dropFirst(parameters.count)))
            // The body sees the template's top level and its parameters, not the caller's loops.
            let (savedBindings, savedStarts) = (self.bindings, self.frameStarts)
            let topCount = savedStarts.count > 1 ? savedStarts[1] : savedBindings.count
            self.bindings = Array(savedBindings[..<topCount])
            self.frameStarts = [0, topCount]
            for (name, value) in frame { self.bindings.append((name, value)) }
            defer { (self.bindings, self.frameStarts) = (savedBindings, savedStarts) }
            var output = ""
            try self.render(body, into: &output)
            return .string(output)
        }
    }

    // MARK: Expressions

    func evaluateKeywords(_ keywords: [(String, JinjaExpression)]) throws(JinjaError) -> [(String, JinjaValue)] {
        var values: [(String, JinjaValue)] = []
        for (name, expression) in keywords { values.append((name, try evaluate(expression))) }
        return values
    }

    func evaluate(_ expression: JinjaExpression) throws(JinjaError) -> JinjaValue {
        switch expression {
        case .literal(let value):
            return value
        case .name(let name, _):
            return lookup(name)
        case .list(let items), .tuple(let items):
            var values: [JinjaValue] = []
            for item in items { values.append(try evaluate(item)) }
            return .array(values)
        case .dictionary(let pairs):
            var dictionary = JinjaDictionary()
            for (key, value) in pairs { dictionary[value: try evaluate(key)] = try evaluate(value) }
            return .dictionary(dictionary)
        case .attribute(let base, let name, let line):
            return try JinjaBuiltins.attribute(of: try evaluate(base), name, environment: environment, line: line)
        case .subscriptItem(let base, let key, let line):
            let container = try evaluate(base)
            // `message['content']`: the common case, without building the key's value.
            if case .literal(.string(let name)) = key, case .dictionary(let dictionary) = container, let found = dictionary[name] { return found }
            return try JinjaBuiltins.item(of: container, try evaluate(key), environment: environment, line: line)
        case .slice(let base, let start, let stop, let step, let line):
            func bound(_ expression: JinjaExpression?) throws(JinjaError) -> Int? {
                guard let expression else { return nil }
                let value = try evaluate(expression)
                if case .none = value { return nil }
                guard let integer = value.integer else { throw JinjaError(.render, line: line, "slice indices must be integers") }
                return integer
            }
            return try JinjaBuiltins.slice(try evaluate(base), start: try bound(start), stop: try bound(stop), step: try bound(step), line: line)
        case .call(let function, let arguments, let keywords, let line):
            let callee = try evaluate(function)
            var values: [JinjaValue] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try callFunction(callee, arguments: values, keywords: try evaluateKeywords(keywords), line: line)
        case .filter(let base, let call):
            return try applyFilter(call, to: try evaluate(base))
        case .test(let base, let name, let arguments, let negated, let line):
            let value = try evaluate(base)
            var values: [JinjaValue] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return .bool(try JinjaBuiltins.test(name, value, values, line: line) != negated)
        case .unary(let symbol, let operand, let line):
            let value = try evaluate(operand)
            switch symbol {
            case "not": return .bool(!value.isTruthy)
            case "-":
                switch value {
                case .int(let integer): return .int(-integer)
                case .double(let double): return .double(-double)
                case .bool(let bool): return .int(bool ? -1 : 0)
                default: throw JinjaError(.render, line: line, "bad operand type for unary -: \(value.typeName)")
                }
            default:
                guard value.number != nil else { throw JinjaError(.render, line: line, "bad operand type for unary +: \(value.typeName)") }
                return value
            }
        case .binary(let symbol, let left, let right, let line):
            return try JinjaBuiltins.binary(symbol, try evaluate(left), try evaluate(right), line: line)
        case .and(let left, let right):
            let value = try evaluate(left)
            return value.isTruthy ? try evaluate(right) : value
        case .or(let left, let right):
            let value = try evaluate(left)
            return value.isTruthy ? value : try evaluate(right)
        case .conditional(let value, let condition, let otherwise):
            if try evaluate(condition).isTruthy { return try evaluate(value) }
            return try otherwise.map { (expression) throws(JinjaError) in try evaluate(expression) } ?? .undefined("the else branch")
        }
    }

    func callFunction(_ callee: JinjaValue, arguments: [JinjaValue], keywords: [(String, JinjaValue)], line: Int) throws(JinjaError) -> JinjaValue {
        guard case .callable(let callable) = callee else {
            if case .undefined(let name) = callee { throw JinjaError(.render, line: line, "`\(name)` is undefined and cannot be called") }
            throw JinjaError(.render, line: line, "a \(callee.typeName) is not callable")
        }
        do {
            return try callable.call(arguments, keywords)
        } catch let error where error.line == 0 {
            throw JinjaError(error.kind, line: line, error.message)
        }
    }

    func applyFilter(_ call: JinjaFilterCall, to value: JinjaValue) throws(JinjaError) -> JinjaValue {
        var arguments: [JinjaValue] = []
        for argument in call.arguments { arguments.append(try evaluate(argument)) }
        let keywords = try evaluateKeywords(call.keywords)
        return try JinjaFilters.apply(call.name, to: value, arguments: arguments, keywords: keywords, environment: environment, line: call.line)
    }
}
