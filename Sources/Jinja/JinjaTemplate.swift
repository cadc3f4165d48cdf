/// A parsed Jinja template, rendered as Python's `jinja2` renders it in the environments chat
/// templates run in (`ImmutableSandboxedEnvironment`, usually with `trim_blocks` and
/// `lstrip_blocks`). Parse once, render many times.
public struct JinjaTemplate {
    /// How the environment is set up.
    public struct Environment: Sendable {
        /// How `tojson` writes JSON.
        public enum JSONStyle: Sendable {
            /// Jinja2's own filter (`htmlsafe_json_dumps`): keys sorted, non-ASCII as `\uXXXX`,
            /// and `< > & '` escaped — what llama-cpp-python's server renders with.
            case jinja2
            /// Hugging Face transformers' override: `json.dumps(x, ensure_ascii=False)`, keys in
            /// order, nothing escaped.
            case huggingFace
        }

        public var trimBlocks: Bool
        public var lstripBlocks: Bool
        public var json: JSONStyle
        /// Whether `{% break %}` and `{% continue %}` exist (`jinja2.ext.loopcontrols`: Hugging
        /// Face enables it; a plain environment does not, and the tags are a syntax error there).
        public var loopControls: Bool
        /// Whether `{% generation %}…{% endgeneration %}` exists (transformers' `AssistantTracker`
        /// extension marks assistant text with it; elsewhere the tag is a syntax error).
        public var generationBlocks: Bool

        public init(trimBlocks: Bool = true, lstripBlocks: Bool = true, json: JSONStyle = .jinja2, loopControls: Bool = false, generationBlocks: Bool = false) {
            self.trimBlocks = trimBlocks
            self.lstripBlocks = lstripBlocks
            self.json = json
            self.loopControls = loopControls
            self.generationBlocks = generationBlocks
        }

        /// llama-cpp-python's server: `ImmutableSandboxedEnvironment(trim_blocks=True,
        /// lstrip_blocks=True)` and nothing else — Jinja2's own `tojson`, no extensions.
        public static let llamaCppPython = Environment(json: .jinja2)
        /// Hugging Face transformers' `apply_chat_template`: its `tojson`, the loopcontrols and
        /// `AssistantTracker` (`{% generation %}`) extensions.
        public static let huggingFace = Environment(json: .huggingFace, loopControls: true, generationBlocks: true)
    }

    /// The template's statements, compiled.
    let body: JinjaBlock
    /// The numbers of the names the template uses, and the loop variable's.
    let symbols: [String: Int]
    let loopName: JinjaName
    /// The environment the template was parsed for.
    public let environment: Environment
    /// The bytes of the template's own text and string literals.
    let textBytes: Int

    /// Parses a template.
    public init(_ source: String, environment: Environment = Environment()) throws(JinjaError) {
        let tokens = try JinjaLexer.tokenize(source, trimBlocks: environment.trimBlocks, lstripBlocks: environment.lstripBlocks)
        var parser = JinjaParser(tokens: tokens, environment: environment)
        let compiler = JinjaCompiler()
        body = compiler.compile(try parser.parseBody(until: []).nodes)
        symbols = compiler.symbols
        loopName = compiler.loopName
        self.environment = environment
        textBytes = tokens.reduce(0) { total, token in total + token.textBytes }
    }

    /// Renders the template with `context` as its variables (plus the globals `range`,
    /// `namespace`, `dict`, `raise_exception` unless the context defines them).
    public func render(_ context: [String: JinjaValue]) throws(JinjaError) -> String {
        try render(context, shared: [:])
    }

    /// Renders with `context` over `shared`: variables many renders have in common (built once by
    /// the caller), which the context's own names hide.
    public func render(_ context: [String: JinjaValue], shared: [String: JinjaValue]) throws(JinjaError) -> String {
        try render(variables: context.map { ($0.key, $0.value) }, shared: sharing(shared))
    }

    /// `shared` resolved against this template's names, for `render(variables:shared:textBytes:)`.
    public func sharing(_ shared: [String: JinjaValue]) -> JinjaSharedVariables {
        var bySymbol = [JinjaValue?](repeating: nil, count: symbols.count)
        for (name, symbol) in symbols { bySymbol[symbol] = shared[name] ?? JinjaBuiltins.globals[name] }
        return JinjaSharedVariables(bySymbol: bySymbol)
    }

    /// Renders with `variables` (distinct names; a list, so that a caller with two or three of
    /// them builds no dictionary) over `shared` (made by this template's `sharing(_:)`). `textBytes` is what `JinjaValue.textBytes` says of
    /// the variables, if the caller knows it (it sizes the output once).
    public func render(variables: [(name: String, value: JinjaValue)], shared: JinjaSharedVariables, textBytes given: Int? = nil) throws(JinjaError) -> String {
        let renderer = JinjaRenderer(environment: environment, context: variables, symbols: symbols, loopName: loopName, shared: shared.bySymbol)
        // Room for what a chat template writes: the text it was given and its own text a few times
        // over (once per message). Growing from nothing copies the prompt several times; a fixed
        // large reserve costs more than the render of a short prompt.
        let given = given ?? Self.textBytes(of: variables)
        var output = JinjaOutput(capacity: min(given, Self.reserveLimit) + 4 * textBytes + 256)
        _ = try body.run(renderer, into: &output)
        return output.string
    }

    /// The most output reserved up front; past it, the output grows as it is written.
    static let reserveLimit = 1 << 20

    /// The text in `variables` that sizes a render's output (`JinjaValue.textBytes`, counted up to
    /// the most that is reserved): what `render(variables:shared:textBytes:)` takes.
    public static func textBytes(of variables: [(name: String, value: JinjaValue)]) -> Int {
        variables.reduce(0) { total, variable in total + variable.value.textBytes(limit: reserveLimit) }
    }
}
