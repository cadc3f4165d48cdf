/// A function's summary does not start with a verb in the imperative mood.
///
/// **Why it matters:** PEP 257 asks for "Return the path", not "Returns the path": it reads as a
/// command to the function and keeps every summary in one voice. Properties are exempt, since
/// they describe a value. Google-style projects are exempt too: the Google style guide allows
/// descriptive summaries ("Fetches rows…"), and ruff and pydocstyle turn D401 off for it. Extra
/// verbs can be added with `rules.imperative-verbs`.
///
/// **Example:** `"""Returns the path."""`, `"""Getting the path."""`.
struct NonImperativeSummary: Rule {
    static let code = "DH203"
    static let name = "non-imperative-summary"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def path():\n    ↓\"\"\"Returns the path.\"\"\"\n", message: "the summary starts with \"Returns\"; use the imperative mood: \"Return\""),
        .bad("def path():\n    ↓\"\"\"Getting the path.\"\"\"\n", message: "the summary starts with \"Getting\"; use the imperative mood: \"Get\""),
        .good("def path():\n    \"\"\"Return the path.\"\"\"\n"),
        .good("def status():\n    \"\"\"Status of the job, as text.\"\"\"\n"),
        .good("def path():\n    \"\"\"Returns the path.\"\"\"\n", style: .google),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, !context.isProperty, context.projectStyle != .google,
              let summary = context.docstring?.summary else { return [] }
        let word = summary.text.prefix { $0 != " " && $0 != "\n" }
        guard !word.isEmpty else { return [] }
        let lower = word.lowercased().filter(\.isLetter)
        guard let base = ImperativeMood.baseForm(of: lower, extra: context.options.imperativeVerbs) else { return [] }
        return [Violation(line: context.line(summary.line),
                          message: "the summary starts with \"\(word)\"; use the imperative mood: \"\(base.prefix(1).uppercased() + base.dropFirst())\"",
                          penalty: 0.15)]
    }
}

/// Verbs and their non-imperative forms.
enum ImperativeMood {
    /// Base forms of verbs that start function summaries.
    static let verbs: Set<String> = [
        "accept", "access", "accumulate", "acquire", "activate", "add", "adjust", "advance", "aggregate", "allocate",
        "allow", "alter", "analyze", "annotate", "append", "apply", "approve", "archive", "assert", "assign",
        "attach", "attempt", "authenticate", "authorize", "await", "begin", "bind", "block", "build", "cache",
        "calculate", "call", "cancel", "capture", "cast", "change", "check", "choose", "clean", "clear", "clip",
        "clone", "close", "collect", "combine", "commit", "compare", "compile", "complete", "compose", "compress",
        "compute", "concatenate", "configure", "confirm", "connect", "consume", "contain", "convert", "copy",
        "count", "create", "decode", "decompress", "decorate", "decrement", "decrypt", "define", "delete",
        "deliver", "deny", "deploy", "describe", "deserialize", "destroy", "detach", "detect", "determine",
        "disable", "discard", "disconnect", "dispatch", "display", "divide", "do", "download", "draw", "drop",
        "dump", "emit", "enable", "encode", "encrypt", "end", "ensure", "enter", "enqueue", "estimate",
        "evaluate", "execute", "exit", "expand", "expect", "export", "expose", "extend", "extract", "fail",
        "fetch", "fill", "filter", "finalize", "find", "finish", "fire", "fit", "fix", "flatten", "flush",
        "fold", "force", "format", "forward", "free", "freeze", "gather", "generate", "get", "give", "group",
        "guess", "handle", "hash", "hide", "hold", "identify", "ignore", "implement", "import", "include",
        "increment", "index", "infer", "initialize", "initialise", "inject", "insert", "inspect", "install",
        "instantiate", "interpolate", "interpret", "invalidate", "invoke", "isolate", "iterate", "join", "keep",
        "kill", "launch", "list", "listen", "load", "locate", "lock", "log", "look", "lookup", "make", "map",
        "mark", "match", "measure", "merge", "migrate", "mock", "modify", "monitor", "mount", "move", "multiply",
        "normalize", "normalise", "notify", "obtain", "open", "optimize", "order", "output", "override", "pack",
        "pad", "paint", "parse", "pass", "patch", "pause", "perform", "persist", "pick", "ping", "place", "plot",
        "poll", "pop", "populate", "post", "predict", "prepare", "prepend", "preprocess", "preserve", "print",
        "process", "produce", "project", "prompt", "propagate", "provide", "prune", "publish", "pull", "push",
        "put", "query", "queue", "quit", "raise", "randomize", "read", "rebuild", "receive", "record", "recover",
        "redirect", "reduce", "refresh", "register", "reject", "release", "reload", "remove", "rename", "render",
        "reorder", "repeat", "replace", "reply", "report", "represent", "request", "require", "reset", "resize",
        "resolve", "respond", "restart", "restore", "restrict", "resume", "retrieve", "retry", "return", "reverse",
        "revert", "rewrite", "roll", "rotate", "round", "route", "run", "sample", "sanitize", "save", "scale",
        "scan", "schedule", "score", "search", "select", "send", "serialize", "serve", "set", "setup", "shift",
        "show", "shuffle", "shut", "sign", "simulate", "skip", "sleep", "slice", "sort", "spawn", "specify",
        "split", "start", "stop", "store", "stream", "strip", "submit", "subscribe", "subtract", "suppress",
        "swap", "switch", "sync", "synchronize", "take", "tear", "terminate", "test", "throw", "toggle",
        "tokenize", "track", "train", "transform", "translate", "traverse", "trigger", "trim", "truncate", "try",
        "turn", "undo", "unlock", "unpack", "unregister", "unsubscribe", "update", "upgrade", "upload", "use",
        "validate", "verify", "view", "visit", "wait", "walk", "warn", "watch", "wrap", "write", "yield", "zip",
    ]

    /// The base form when `word` is a third-person (`returns`) or gerund (`returning`) form of a
    /// known verb; nil when the word is imperative or not a known verb.
    static func baseForm(of word: String, extra: [String]) -> String? {
        func known(_ candidate: String) -> Bool { verbs.contains(candidate) || extra.contains(candidate) }
        if known(word) { return nil }
        var candidates: [String] = []
        if word.hasSuffix("ies") { candidates.append(String(word.dropLast(3)) + "y") }
        if word.hasSuffix("es") { candidates.append(String(word.dropLast(2))) }
        if word.hasSuffix("s") { candidates.append(String(word.dropLast())) }
        if word.hasSuffix("ing") {
            let stem = String(word.dropLast(3))
            candidates += [stem, stem + "e"]
            if stem.count >= 2, stem.last == stem.dropLast().last { candidates.append(String(stem.dropLast())) }
        }
        return candidates.first(where: known)
    }
}
