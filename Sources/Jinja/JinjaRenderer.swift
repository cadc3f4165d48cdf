/// Runs a compiled template (`JinjaCompiler`): scopes as Jinja2 keeps them (a for loop's assignments stay inside it; a
/// macro sees the template's top level and its parameters), `loop`, `break`/`continue`.
final class JinjaRenderer {
    let environment: JinjaTemplate.Environment
    /// The variables in scope, innermost last: each frame's bindings one after another in one
    /// array, found by scanning from the end for the
    /// name's number. A template binds a handful of names per frame, so a scan beats a dictionary
    /// per frame: no hashing, and one allocation for the whole render instead of one per loop.
    /// Read and written on every name; one renderer runs on one thread, so the dynamic
    /// exclusivity checks a class property gets are skipped.
    @exclusivity(unchecked) var bindings: [(symbol: Int, value: JinjaValue)]
    /// Where the innermost frame begins, and where the first loop's frame began (the end of the
    /// template's top level, which a macro sees) while any loop runs. Frames nest as the loops
    /// that open them do, so each loop keeps the start it replaced on the call stack.
    @exclusivity(unchecked) var frameStart = 0
    @exclusivity(unchecked) var topLevelEnd: Int?
    /// By name number, what a name no frame binds stands for: a variable every render shares
    /// (tokens, dates, server settings), else a built-in global; nil for neither.
    let shared: [JinjaValue?]
    /// The loop variable's name.
    let loopName: JinjaName

    enum Flow {
        case normal, breakLoop, continueLoop
    }

    /// A renderer whose top frame is `context` (its names numbered by `symbols`; a name the
    /// template never uses is left out); `shared` answers names no scope has.
    init(environment: JinjaTemplate.Environment, context: [(name: String, value: JinjaValue)], symbols: [String: Int],
         loopName: JinjaName, shared: [JinjaValue?]) {
        self.environment = environment
        bindings = []
        bindings.reserveCapacity(context.count + 16)
        for (name, value) in context {
            if let symbol = symbols[name] { bindings.append((symbol, value)) }
        }
        self.shared = shared
        self.loopName = loopName
    }

    func lookup(_ name: JinjaName) -> JinjaValue {
        // Scanned through a buffer pointer: indexing the class's array property directly retains
        // and releases its storage at every probe.
        let found = bindings.withUnsafeBufferPointer { frames -> JinjaValue? in
            var index = frames.count - 1
            while index >= 0 {
                if frames[index].symbol == name.symbol { return frames[index].value }
                index -= 1
            }
            return nil
        }
        return found ?? shared[name.symbol] ?? .undefined(name.text)
    }

    /// Binds `name` in the innermost frame.
    func assign(_ name: JinjaName, _ value: JinjaValue) {
        let start = frameStart
        let replaced = bindings.withUnsafeMutableBufferPointer { frames -> Bool in
            var index = frames.count - 1
            while index >= start {
                if frames[index].symbol == name.symbol {
                    frames[index].value = value
                    return true
                }
                index -= 1
            }
            return false
        }
        if !replaced { bindings.append((name.symbol, value)) }
    }

    /// Runs `body` in a frame of its own (a for loop's): what it binds is dropped after.
    func inFrame<Result>(_ body: () throws(JinjaError) -> Result) throws(JinjaError) -> Result {
        let (savedStart, savedEnd) = (frameStart, topLevelEnd)
        frameStart = bindings.count
        if topLevelEnd == nil { topLevelEnd = frameStart }
        defer {
            bindings.removeSubrange(frameStart...)
            (frameStart, topLevelEnd) = (savedStart, savedEnd)
        }
        return try body()
    }

    /// A compiled `{% for %}`.
    struct CompiledLoop {
        let targets: [JinjaName]
        let iterable: JinjaEvaluation
        let filter: JinjaEvaluation?
        let body: JinjaBlock
        let otherwise: JinjaBlock
        let line: Int
    }

    /// A compiled `{% macro %}` (or the body of a `{% call %}` block, as `caller`).
    struct CompiledMacro {
        let name: String
        let parameters: [(JinjaName, JinjaEvaluation?)]
        let body: JinjaBlock
        let line: Int
        let caller: JinjaName
        let varargs: JinjaName
    }

    func run(_ loop: CompiledLoop, into output: inout JinjaOutput) throws(JinjaError) -> Flow {
        let source = try loop.iterable(self)
        let items = try JinjaBuiltins.iterate(source, line: loop.line)
        return try inFrame { () throws(JinjaError) -> Flow in try run(loop, over: items, into: &output) }
    }

    /// The loop over its items, in the loop's frame.
    private func run(_ loop: CompiledLoop, over items: [JinjaValue], into output: inout JinjaOutput) throws(JinjaError) -> Flow {
        var items = items
        func bind(_ item: JinjaValue) throws(JinjaError) {
            if loop.targets.count == 1 {
                assign(loop.targets[0], item)
            } else {
                let parts = try JinjaBuiltins.iterate(item, line: loop.line)
                guard parts.count == loop.targets.count else {
                    throw JinjaError(.render, line: loop.line, "cannot unpack \(parts.count) values into \(loop.targets.count) loop names")
                }
                for (name, part) in zip(loop.targets, parts) { assign(name, part) }
            }
        }
        if let filter = loop.filter {
            var kept: [JinjaValue] = []
            for item in items {
                try bind(item)
                if try filter(self).isTruthy { kept.append(item) }
            }
            items = kept
        }
        if items.isEmpty { return try loop.otherwise.run(self, into: &output) }
        for index in items.indices {
            try bind(items[index])
            assign(loopName, .loop(JinjaLoop(items: items, index: index)))
            if try loop.body.run(self, into: &output) == .breakLoop { break }
        }
        return .normal
    }

    /// `{% set a = value %}`, `{% set a, b = value %}`.
    func set(_ names: [JinjaName], _ value: JinjaValue, line: Int) throws(JinjaError) {
        guard names.count != 1 else { return assign(names[0], value) }
        let items = try JinjaBuiltins.iterate(value, line: line)
        guard items.count == names.count else {
            throw JinjaError(.render, line: line, "cannot unpack \(items.count) values into \(names.count) names")
        }
        for (name, item) in zip(names, items) { assign(name, item) }
    }

    /// `{% set object.attribute = value %}`.
    func set(_ object: JinjaName, attribute: String, _ value: JinjaValue, line: Int) throws(JinjaError) {
        guard case .namespace(let namespace) = lookup(object) else {
            throw JinjaError(.render, line: line, "cannot assign an attribute of `\(object.text)`: only a namespace() has assignable attributes")
        }
        namespace.attributes[attribute] = value
    }

    /// What a block writes, through `filters` (`{% set x %}…{% endset %}`, `{% filter %}`).
    func capture(_ body: JinjaBlock, filters: [JinjaCompiledFilter]) throws(JinjaError) -> JinjaValue {
        var captured = JinjaOutput()
        _ = try body.run(self, into: &captured)
        var value = JinjaValue.string(captured.string)
        for filter in filters { value = try apply(filter, to: value) }
        return value
    }

    func callable(_ macro: CompiledMacro) -> JinjaCallable {
        JinjaCallable(name: macro.name) { [unowned self] arguments, keywords throws(JinjaError) in
            var frame: [(symbol: Int, value: JinjaValue)] = []
            for (position, (parameter, defaultValue)) in macro.parameters.enumerated() {
                let value: JinjaValue
                if position < arguments.count {
                    value = arguments[position]
                } else if let keyword = keywords.first(where: { $0.0 == parameter.text }) {
                    value = keyword.1
                } else if let defaultValue {
                    value = try defaultValue(self)
                } else {
                    value = .undefined(parameter.text)
                }
                frame.append((parameter.symbol, value))
            }
            if let caller = keywords.first(where: { $0.0 == "caller" }) { frame.append((macro.caller.symbol, caller.1)) }
            frame.append((macro.varargs.symbol, .array(Array(arguments.dropFirst(macro.parameters.count)))))
            // The body sees the template's top level and its parameters, not the caller's loops.
            let (savedBindings, savedStart, savedEnd) = (self.bindings, self.frameStart, self.topLevelEnd)
            let topCount = savedEnd ?? savedBindings.count
            self.bindings = Array(savedBindings[..<topCount])
            (self.frameStart, self.topLevelEnd) = (topCount, topCount)
            // A later binding of a name hides an earlier one (a parameter named `caller`, say),
            // as the dictionary of names it was in Jinja2 keeps the last.
            self.bindings.append(contentsOf: frame)
            defer { (self.bindings, self.frameStart, self.topLevelEnd) = (savedBindings, savedStart, savedEnd) }
            var output = JinjaOutput()
            _ = try macro.body.run(self, into: &output)
            return .string(output.string)
        }
    }

    // MARK: Expressions

    func evaluate(_ expressions: [JinjaEvaluation]) throws(JinjaError) -> [JinjaValue] {
        var values: [JinjaValue] = []
        values.reserveCapacity(expressions.count)
        for expression in expressions { values.append(try expression(self)) }
        return values
    }

    func evaluate(_ keywords: [(String, JinjaEvaluation)]) throws(JinjaError) -> [(String, JinjaValue)] {
        var values: [(String, JinjaValue)] = []
        for (name, expression) in keywords { values.append((name, try expression(self))) }
        return values
    }

    func call(_ callee: JinjaValue, arguments: [JinjaValue], keywords: [(String, JinjaValue)], line: Int) throws(JinjaError) -> JinjaValue {
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

    func apply(_ filter: JinjaCompiledFilter, to value: JinjaValue) throws(JinjaError) -> JinjaValue {
        let arguments = try evaluate(filter.arguments)
        let keywords = try evaluate(filter.keywords)
        return try JinjaFilters.apply(filter.name, to: value, arguments: arguments, keywords: keywords, environment: environment, line: filter.line)
    }
}
