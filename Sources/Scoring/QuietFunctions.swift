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
        // Each defined name gets a number; per name, whether every definition could be quiet
        // (raises nothing itself, is not abstract, its calls are known) and whom they call.
        var numbers: [String: Int] = [:]
        var eligible: [Bool] = []
        var callees: [[String]] = []
        for file in files {
            let symbols = file.symbols
            for index in symbols.indices where symbols[index].kind == .function || symbols[index].kind == .method {
                let name = symbols[index].name
                let number: Int
                if let known = numbers[name] {
                    number = known
                } else {
                    number = eligible.count
                    numbers[name] = number
                    eligible.append(true)
                    callees.append([])
                }
                guard eligible[number] else { continue }
                if let called = symbols[index].calledNames, symbols[index].raises.isEmpty, symbols[index].reraises.isEmpty,
                   !symbols[index].decorators.contains(where: { $0.hasSuffix("abstractmethod") }) {
                    callees[number] += called
                } else {
                    eligible[number] = false
                    callees[number] = []
                }
            }
        }
        // A call to a name defined nowhere in the run is never quiet (-1).
        let calleeNumbers = callees.map { $0.map { numbers[$0] ?? -1 } }
        // Round 0 takes the functions that call nothing; each later round those whose callees
        // are all quiet by the round before. A quiet name stays quiet, so only the rest are tried.
        var quiet = [Bool](repeating: false, count: eligible.count)
        for _ in 0 ... depth {
            let known = quiet
            for number in eligible.indices where eligible[number] && !known[number] {
                quiet[number] = calleeNumbers[number].allSatisfy { $0 >= 0 && known[$0] }
            }
        }
        names = Set(numbers.lazy.filter { quiet[$0.value] }.map(\.key))
    }
}
