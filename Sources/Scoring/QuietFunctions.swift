import PythonSyntax

/// The names of the run's functions that certainly raise nothing: no `raise` of their own, and
/// every call they make is to such a function by name (`helper()`, `self.helper()`), followed a
/// bounded number of calls deep. A name defined more than once is quiet only when every
/// definition is. What DH109 needs to tell "documents an exception nothing raises" from "documents
/// what a callee raises".
public final class QuietFunctions: Sendable {
    /// Quiet function and method names.
    public let names: Set<String>

    /// The quiet functions of `files`, following calls `depth` deep.
    public init(files: [SourceFile], depth: Int = 3) {
        var definitions: [String: [Symbol]] = [:]
        for file in files {
            for symbol in file.symbols where symbol.kind == .function || symbol.kind == .method {
                definitions[symbol.name, default: []].append(symbol)
            }
        }
        var quiet: Set<String> = []
        for _ in 0 ... depth {
            let known = quiet
            quiet = Set(definitions.filter { _, symbols in
                symbols.allSatisfy { symbol in
                    symbol.raises.isEmpty && symbol.reraises.isEmpty && !symbol.decorators.contains { $0.hasSuffix("abstractmethod") }
                        && (symbol.calledNames?.allSatisfy(known.contains) ?? false)
                }
            }.keys)
        }
        names = quiet
    }
}
