/// Jinja2's grammar, over `JinjaLexer`'s tokens: statements nest until their `end…` tag;
/// expressions by Jinja2's precedence (conditional, or, and, not, comparison, `+ -`, `~`,
/// `* / // %`, `**`, unary, then postfix members, calls, filters and tests).
struct JinjaParser {
    typealias Token = JinjaLexer.Token
    let tokens: [Token]
    let loopControls: Bool
    let generationBlocks: Bool
    var index = 0

    init(tokens: [Token], environment: JinjaTemplate.Environment) {
        self.tokens = tokens
        self.loopControls = environment.loopControls
        generationBlocks = environment.generationBlocks
    }

    var current: Token? { index < tokens.count ? tokens[index] : nil }
    var line: Int { current?.line ?? tokens.last?.line ?? 1 }

    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(symbol) = current?.kind { return true }
        return false
    }

    func isName(_ name: String) -> Bool {
        if case .name(name) = current?.kind { return true }
        return false
    }

    mutating func expectSymbol(_ symbol: String) throws(JinjaError) {
        guard isSymbol(symbol) else { throw JinjaError(.syntax, line: line, "expected `\(symbol)`, found \(describe(current))") }
        index += 1
    }

    mutating func expectName() throws(JinjaError) -> String {
        guard case .name(let name) = current?.kind else { throw JinjaError(.syntax, line: line, "expected a name, found \(describe(current))") }
        index += 1
        return name
    }

    mutating func expectBlockEnd() throws(JinjaError) {
        guard case .blockEnd = current?.kind else { throw JinjaError(.syntax, line: line, "expected `%}`, found \(describe(current))") }
        index += 1
    }

    func describe(_ token: Token?) -> String {
        switch token?.kind {
        case nil: "the end of the template"
        case .text: "text"
        case .variableBegin: "`{{`"
        case .variableEnd: "`}}`"
        case .blockBegin: "`{%`"
        case .blockEnd: "`%}`"
        case .name(let name): "`\(name)`"
        case .string(let value): JinjaValue.pythonRepr(value)
        case .integer(let value): "\(value)"
        case .float(let value): "\(value)"
        case .symbol(let symbol): "`\(symbol)`"
        }
    }

    // MARK: Statements

    /// Parses nodes until a block tag whose keyword is in `terminators` (left unconsumed, its
    /// `{%` consumed) or the end.
    mutating func parseBody(until terminators: Set<String>) throws(JinjaError) -> (nodes: [JinjaNode], terminator: String?) {
        var nodes: [JinjaNode] = []
        while let token = current {
            switch token.kind {
            case .text(let text):
                nodes.append(.text(text))
                index += 1
            case .variableBegin:
                index += 1
                let expression = try parseExpression()
                guard case .variableEnd = current?.kind else { throw JinjaError(.syntax, line: line, "expected `}}`, found \(describe(current))") }
                index += 1
                nodes.append(.output(expression, line: token.line))
            case .blockBegin:
                index += 1
                guard case .name(let keyword) = current?.kind else { throw JinjaError(.syntax, line: line, "expected a statement after `{%`") }
                if terminators.contains(keyword) { return (nodes, keyword) }
                index += 1
                nodes.append(try parseStatement(keyword, line: token.line))
            default:
                throw JinjaError(.syntax, line: token.line, "unexpected \(describe(token))")
            }
        }
        if !terminators.isEmpty {
            throw JinjaError(.syntax, line: line, "the template ends where `\(terminators.sorted().joined(separator: "` or `"))` was expected")
        }
        return (nodes, nil)
    }

    mutating func parseStatement(_ keyword: String, line: Int) throws(JinjaError) -> JinjaNode {
        switch keyword {
        case "if": return try parseIf(line: line)
        case "for": return try parseFor(line: line)
        case "set": return try parseSet(line: line)
        case "macro": return try parseMacro(line: line)
        case "call":
            let callee = try parseExpression()
            try expectBlockEnd()
            let body = try parseBody(until: ["endcall"])
            index += 1
            try expectBlockEnd()
            return .callBlock(callee, body: body.nodes, line: line)
        case "filter":
            var filters: [JinjaFilterCall] = []
            repeat {
                if isSymbol("|") { index += 1 }
                filters.append(try parseFilterCall(line: line))
            } while isSymbol("|")
            try expectBlockEnd()
            let body = try parseBody(until: ["endfilter"])
            index += 1
            try expectBlockEnd()
            return .filterBlock(filters, body: body.nodes, line: line)
        case "break" where loopControls:
            try expectBlockEnd()
            return .loopBreak(line: line)
        case "continue" where loopControls:
            try expectBlockEnd()
            return .loopContinue(line: line)
        case "generation" where generationBlocks:
            // Hugging Face's marker for assistant-generated text: renders its body unchanged.
            try expectBlockEnd()
            let body = try parseBody(until: ["endgeneration"])
            index += 1
            try expectBlockEnd()
            return .filterBlock([], body: body.nodes, line: line)
        case "include", "import", "from", "extends", "block", "with", "autoescape", "do":
            throw JinjaError(.unsupported, line: line, "the `{% \(keyword) %}` statement")
        case "break", "continue":
            throw JinjaError(.syntax, line: line, "`{% \(keyword) %}` needs the loopcontrols extension, which this environment does not enable")
        case "generation":
            throw JinjaError(.syntax, line: line, "`{% generation %}` is transformers' AssistantTracker extension, which this environment does not enable (use the hf flavor)")
        default:
            throw JinjaError(.syntax, line: line, "unknown statement `{% \(keyword) %}`")
        }
    }

    mutating func parseIf(line: Int) throws(JinjaError) -> JinjaNode {
        var branches: [(JinjaExpression, [JinjaNode])] = []
        var condition = try parseExpression()
        try expectBlockEnd()
        while true {
            let body = try parseBody(until: ["elif", "else", "endif"])
            branches.append((condition, body.nodes))
            index += 1
            switch body.terminator {
            case "elif":
                condition = try parseExpression()
                try expectBlockEnd()
            case "else":
                try expectBlockEnd()
                let otherwise = try parseBody(until: ["endif"])
                index += 1
                try expectBlockEnd()
                return .ifChain(branches, otherwise: otherwise.nodes, line: line)
            default:
                try expectBlockEnd()
                return .ifChain(branches, otherwise: [], line: line)
            }
        }
    }

    mutating func parseFor(line: Int) throws(JinjaError) -> JinjaNode {
        var targets = [try expectName()]
        while isSymbol(",") {
            index += 1
            targets.append(try expectName())
        }
        guard isName("in") else { throw JinjaError(.syntax, line: self.line, "expected `in` in a for loop") }
        index += 1
        let iterable = try parseExpression(allowConditional: false)
        var filter: JinjaExpression?
        if isName("if") {
            index += 1
            filter = try parseExpression(allowConditional: false)
        }
        if isName("recursive") { throw JinjaError(.unsupported, line: line, "a `recursive` for loop") }
        try expectBlockEnd()
        let body = try parseBody(until: ["else", "endfor"])
        index += 1
        var otherwise: [JinjaNode] = []
        if body.terminator == "else" {
            try expectBlockEnd()
            otherwise = try parseBody(until: ["endfor"]).nodes
            index += 1
        }
        try expectBlockEnd()
        return .forLoop(targets: targets, iterable: iterable, filter: filter, body: body.nodes, otherwise: otherwise, line: line)
    }

    mutating func parseSet(line: Int) throws(JinjaError) -> JinjaNode {
        let first = try expectName()
        if isSymbol(".") {
            index += 1
            let attribute = try expectName()
            try expectSymbol("=")
            let value = try parseExpression()
            try expectBlockEnd()
            return .set(target: .attribute(object: first, name: attribute), value: value, line: line)
        }
        var names = [first]
        while isSymbol(",") {
            index += 1
            names.append(try expectName())
        }
        if isSymbol("=") {
            index += 1
            var value = try parseExpression()
            if isSymbol(",") {
                var items = [value]
                while isSymbol(",") {
                    index += 1
                    items.append(try parseExpression())
                }
                value = .tuple(items)
            }
            try expectBlockEnd()
            return .set(target: .names(names), value: value, line: line)
        }
        var filters: [JinjaFilterCall] = []
        while isSymbol("|") {
            index += 1
            filters.append(try parseFilterCall(line: line))
        }
        try expectBlockEnd()
        let body = try parseBody(until: ["endset"])
        index += 1
        try expectBlockEnd()
        return .setBlock(name: first, body: body.nodes, filters: filters, line: line)
    }

    mutating func parseMacro(line: Int) throws(JinjaError) -> JinjaNode {
        let name = try expectName()
        try expectSymbol("(")
        var parameters: [(String, JinjaExpression?)] = []
        while !isSymbol(")") {
            let parameter = try expectName()
            var defaultValue: JinjaExpression?
            if isSymbol("=") {
                index += 1
                defaultValue = try parseExpression()
            }
            parameters.append((parameter, defaultValue))
            if isSymbol(",") { index += 1 } else { break }
        }
        try expectSymbol(")")
        try expectBlockEnd()
        let body = try parseBody(until: ["endmacro"])
        index += 1
        if case .name = current?.kind { index += 1 } // {% endmacro name %}
        try expectBlockEnd()
        return .macro(name: name, parameters: parameters, body: body.nodes, line: line)
    }

    // MARK: Expressions

    mutating func parseExpression(allowConditional: Bool = true) throws(JinjaError) -> JinjaExpression {
        var expression = try parseOr()
        while allowConditional, isName("if") {
            index += 1
            let condition = try parseOr()
            var otherwise: JinjaExpression?
            if isName("else") {
                index += 1
                otherwise = try parseExpression()
            }
            expression = .conditional(expression, condition: condition, otherwise: otherwise)
        }
        return expression
    }

    mutating func parseOr() throws(JinjaError) -> JinjaExpression {
        var left = try parseAnd()
        while isName("or") {
            index += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(JinjaError) -> JinjaExpression {
        var left = try parseNot()
        while isName("and") {
            index += 1
            left = .and(left, try parseNot())
        }
        return left
    }

    mutating func parseNot() throws(JinjaError) -> JinjaExpression {
        if isName("not") {
            let line = self.line
            index += 1
            return .unary("not", try parseNot(), line: line)
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(JinjaError) -> JinjaExpression {
        var left = try parseMath1()
        while true {
            let line = self.line
            if case .symbol(let symbol) = current?.kind, ["==", "!=", "<", ">", "<=", ">="].contains(symbol) {
                index += 1
                left = .binary(symbol, left, try parseMath1(), line: line)
            } else if isName("in") {
                index += 1
                left = .binary("in", left, try parseMath1(), line: line)
            } else if isName("not"), index + 1 < tokens.count, case .name("in") = tokens[index + 1].kind {
                index += 2
                left = .binary("not in", left, try parseMath1(), line: line)
            } else {
                return left
            }
        }
    }

    mutating func parseMath1() throws(JinjaError) -> JinjaExpression {
        var left = try parseConcat()
        while case .symbol(let symbol) = current?.kind, symbol == "+" || symbol == "-" {
            let line = self.line
            index += 1
            left = .binary(symbol, left, try parseConcat(), line: line)
        }
        return left
    }

    mutating func parseConcat() throws(JinjaError) -> JinjaExpression {
        var left = try parseMath2()
        while isSymbol("~") {
            let line = self.line
            index += 1
            left = .binary("~", left, try parseMath2(), line: line)
        }
        return left
    }

    mutating func parseMath2() throws(JinjaError) -> JinjaExpression {
        var left = try parsePower()
        while case .symbol(let symbol) = current?.kind, ["*", "/", "//", "%"].contains(symbol) {
            let line = self.line
            index += 1
            left = .binary(symbol, left, try parsePower(), line: line)
        }
        return left
    }

    mutating func parsePower() throws(JinjaError) -> JinjaExpression {
        var left = try parseUnary()
        while isSymbol("**") {
            let line = self.line
            index += 1
            left = .binary("**", left, try parseUnary(), line: line)
        }
        return left
    }

    mutating func parseUnary(withFilter: Bool = true) throws(JinjaError) -> JinjaExpression {
        let line = self.line
        var expression: JinjaExpression
        if isSymbol("-") || isSymbol("+") {
            guard case .symbol(let symbol) = current?.kind else { fatalError("checked above") }
            index += 1
            expression = .unary(symbol, try parseUnary(withFilter: false), line: line)
        } else {
            expression = try parsePostfix(try parsePrimary())
        }
        if withFilter { expression = try parseFiltersAndTests(expression) }
        return expression
    }

    mutating func parsePrimary() throws(JinjaError) -> JinjaExpression {
        guard let token = current else { throw JinjaError(.syntax, line: line, "expected an expression, found the end of the template") }
        index += 1
        switch token.kind {
        case .name(let name):
            switch name {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None": return .literal(.none)
            default: return .name(name, line: token.line)
            }
        case .string(var value):
            while case .string(let next) = current?.kind {
                value += next
                index += 1
            }
            return .literal(.string(value))
        case .integer(let value): return .literal(.int(value))
        case .float(let value): return .literal(.double(value))
        case .symbol("("):
            if isSymbol(")") {
                index += 1
                return .tuple([])
            }
            let first = try parseExpression()
            if isSymbol(",") {
                var items = [first]
                while isSymbol(",") {
                    index += 1
                    if isSymbol(")") { break }
                    items.append(try parseExpression())
                }
                try expectSymbol(")")
                return .tuple(items)
            }
            try expectSymbol(")")
            return first
        case .symbol("["):
            var items: [JinjaExpression] = []
            while !isSymbol("]") {
                items.append(try parseExpression())
                if isSymbol(",") { index += 1 } else { break }
            }
            try expectSymbol("]")
            return .list(items)
        case .symbol("{"):
            var pairs: [(JinjaExpression, JinjaExpression)] = []
            while !isSymbol("}") {
                let key = try parseExpression()
                try expectSymbol(":")
                pairs.append((key, try parseExpression()))
                if isSymbol(",") { index += 1 } else { break }
            }
            try expectSymbol("}")
            return .dictionary(pairs)
        default:
            throw JinjaError(.syntax, line: token.line, "unexpected \(describe(token)) in an expression")
        }
    }

    mutating func parsePostfix(_ base: JinjaExpression) throws(JinjaError) -> JinjaExpression {
        var expression = base
        while true {
            let line = self.line
            if isSymbol(".") {
                index += 1
                switch current?.kind {
                case .name(let name):
                    index += 1
                    expression = .attribute(expression, name, line: line)
                case .integer(let value):
                    index += 1
                    expression = .subscriptItem(expression, .literal(.int(value)), line: line)
                default:
                    throw JinjaError(.syntax, line: line, "expected a name after `.`")
                }
            } else if isSymbol("[") {
                index += 1
                expression = try parseSubscript(expression, line: line)
            } else if isSymbol("(") {
                index += 1
                let (arguments, keywords) = try parseArguments()
                expression = .call(expression, arguments: arguments, keywords: keywords, line: line)
            } else {
                return expression
            }
        }
    }

    mutating func parseSubscript(_ base: JinjaExpression, line: Int) throws(JinjaError) -> JinjaExpression {
        var parts: [JinjaExpression?] = [nil]
        var isSlice = false
        while !isSymbol("]") {
            if isSymbol(":") {
                index += 1
                isSlice = true
                parts.append(nil)
            } else {
                guard parts[parts.count - 1] == nil else { throw JinjaError(.syntax, line: line, "expected `:` or `]` in a subscript") }
                parts[parts.count - 1] = try parseExpression()
            }
        }
        try expectSymbol("]")
        if !isSlice {
            guard let item = parts[0] else { throw JinjaError(.syntax, line: line, "an empty subscript") }
            return .subscriptItem(base, item, line: line)
        }
        guard parts.count <= 3 else { throw JinjaError(.syntax, line: line, "a slice with more than two `:`") }
        return .slice(base, start: parts[0], stop: parts.count > 1 ? parts[1] : nil, step: parts.count > 2 ? parts[2] : nil, line: line)
    }

    /// Call arguments after `(`, through `)`.
    mutating func parseArguments() throws(JinjaError) -> ([JinjaExpression], [(String, JinjaExpression)]) {
        var arguments: [JinjaExpression] = []
        var keywords: [(String, JinjaExpression)] = []
        while !isSymbol(")") {
            if case .name(let name) = current?.kind, index + 1 < tokens.count, case .symbol("=") = tokens[index + 1].kind {
                index += 2
                keywords.append((name, try parseExpression()))
            } else {
                if isSymbol("*") || isSymbol("**") { throw JinjaError(.unsupported, line: line, "`*args` / `**kwargs` in a call") }
                arguments.append(try parseExpression())
            }
            if isSymbol(",") { index += 1 } else { break }
        }
        try expectSymbol(")")
        return (arguments, keywords)
    }

    mutating func parseFilterCall(line: Int) throws(JinjaError) -> JinjaFilterCall {
        var name = try expectName()
        while isSymbol(".") {
            index += 1
            name += "." + (try expectName())
        }
        var call = JinjaFilterCall(name: name, arguments: [], keywords: [], line: line)
        if isSymbol("(") {
            index += 1
            (call.arguments, call.keywords) = try parseArguments()
        }
        return call
    }

    mutating func parseFiltersAndTests(_ base: JinjaExpression) throws(JinjaError) -> JinjaExpression {
        var expression = base
        while true {
            let line = self.line
            if isSymbol("|") {
                index += 1
                expression = .filter(expression, try parseFilterCall(line: line))
            } else if isName("is") {
                index += 1
                var negated = false
                if isName("not") {
                    negated = true
                    index += 1
                }
                let name: String
                switch current?.kind {
                case .name(let value): name = value
                default: throw JinjaError(.syntax, line: line, "expected a test name after `is`")
                }
                index += 1
                var arguments: [JinjaExpression] = []
                if isSymbol("(") {
                    index += 1
                    arguments = try parseArguments().0
                } else if let token = current, Self.startsTestArgument(token.kind) {
                    arguments = [try parsePostfix(try parsePrimary())]
                }
                expression = .test(expression, name: name, arguments: arguments, negated: negated, line: line)
            } else {
                return expression
            }
        }
    }

    /// Whether a token can begin the one bare argument of a test (`is divisibleby 3`, `is sameas x`).
    static func startsTestArgument(_ kind: JinjaLexer.Kind) -> Bool {
        switch kind {
        case .string, .integer, .float: true
        case .name(let name): !["and", "or", "else", "if", "in", "is", "not"].contains(name)
        case .symbol("["), .symbol("{"): true
        default: false
        }
    }
}
