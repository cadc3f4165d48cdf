/// A parameter's documented type contradicts its annotation.
///
/// **Why it matters:** `timeout (str)` over `timeout: float` tells a caller to pass the wrong kind
/// of value; one of the two was not updated when the other changed. The rule compares only what it
/// can compare without guessing: the documented type and the annotation must each name only
/// built-in kinds — `str`, `bytes`, numbers (`int`, `float`, `complex`, `bool`, one family: an
/// `int` is a valid `float`), sequences (`list`, `tuple`, `set`, `frozenset`, one family: prose
/// says "list" for any of them), `dict` — with `None`, "optional", "or", "of" and `typing`'s
/// spellings (`List[str]`, `Optional[int]`, `Dict`) read as such, and share none of them.
/// A class, a protocol, `Any`, "array-like", "callable" or "path" on either side is not compared.
///
/// **Example:** `def wait(timeout: float):` documenting `timeout (str): Seconds to wait.`
struct ContradictedType: Rule {
    static let code = "DH111"
    static let name = "contradicted-type"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def wait(timeout: float):\n    \"\"\"Wait for the job.\n\n    Args:\n    ↓    timeout (str): Seconds to wait.\n    \"\"\"\n",
             message: "`timeout` is documented as `str` but annotated `float`; correct one of them"),
        .bad("def tag(names: dict[str, int]):\n    \"\"\"Tag the names.\n\n    Parameters\n    ----------\n    ↓names : list of str\n        What to tag.\n    \"\"\"\n",
             message: "`names` is documented as `list of str` but annotated `dict[str, int]`; correct one of them"),
        .good("def wait(timeout: float, retries: Optional[int] = None):\n    \"\"\"Wait for the job.\n\n    Args:\n        timeout (int): Seconds to wait.\n        retries (int, optional): How often to retry.\n    \"\"\"\n"),
        .good("def read(path: Union[str, Path], rows: Sequence[int]):\n    \"\"\"Read rows.\n\n    Args:\n        path (path-like): Where the file is.\n        rows (list of int): Which rows.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring else { return [] }
        var annotations: [String: String] = [:]
        for parameter in context.symbol.parameters {
            if let annotation = parameter.annotation { annotations[parameter.name] = annotation }
        }
        guard !annotations.isEmpty else { return [] }
        var violations: [Violation] = []
        var seen: Set<String> = []
        for item in docstring.parameters {
            guard let raw = item.name, let type = item.type else { continue }
            let name = ParameterName.normalize(raw)
            guard var annotation = annotations[name] else { continue }
            let documented = type.trimmingWhitespaces
            guard !documented.isEmpty, seen.insert(name).inserted else { continue }
            // A forward reference: `"Optional[int]"`.
            if annotation.count >= 2, let quote = annotation.first, quote == "\"" || quote == "'", annotation.last == quote {
                annotation = String(annotation.dropFirst().dropLast())
            }
            guard let claimed = Self.kinds(documented), let real = Self.kinds(annotation), claimed.isDisjoint(with: real) else { continue }
            violations.append(Violation(line: context.line(item.line),
                                        message: "`\(name)` is documented as `\(documented)` but annotated `\(annotation)`; correct one of them",
                                        subject: name, penalty: 0.15))
        }
        return violations
    }

    /// The built-in kinds of value a type names.
    enum Kind: Hashable {
        case text, bytes, number, sequence, mapping
    }

    /// The words that name a kind.
    static let kindWords: [String: Kind] = [
        "str": .text, "string": .text,
        "bytes": .bytes,
        "int": .number, "integer": .number, "float": .number, "complex": .number, "bool": .number, "boolean": .number,
        "number": .number,
        "list": .sequence, "tuple": .sequence, "set": .sequence, "frozenset": .sequence,
        "dict": .mapping, "dictionary": .mapping,
    ]

    /// Words that say nothing of the kind (`None`, "optional", "of"…).
    static let fillerWords: Set<String> = ["none", "nonetype", "optional", "or", "of", "union", "default", "typing", "t"]

    /// The kinds a type says a value is — its outermost kinds: `Optional[List[str]]` and "list of
    /// str" are sequences, `int or None` a number — or nil when it names anything this rule does
    /// not compare (a class, `Any`, "array-like", a quoted literal) or no kind at all.
    static func kinds(_ type: String) -> Set<Kind>? {
        var kinds: Set<Kind> = []
        var word = ""
        // For each open `[`: whether the word before it only wraps (`Optional[`, `Union[`).
        var wrappers: [Bool] = []
        var lastWord = ""
        // After "of" (prose: "list of str") the words name elements, until "or" or a comma.
        var inElements = false
        func finish() -> Bool {
            defer { word = "" }
            guard !word.isEmpty else { return true }
            let lowered = word.lowercased()
            lastWord = lowered
            // A literal default written into the type (`int, default 10`) is not a kind.
            if lowered.first?.isNumber == true { return true }
            if lowered == "of" { inElements = true }
            if lowered == "or" { inElements = false }
            if fillerWords.contains(lowered) { return true }
            guard let kind = kindWords[lowered] else { return false }
            if !inElements, wrappers.allSatisfy({ $0 }) { kinds.insert(kind) }
            return true
        }
        for character in type {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
                continue
            }
            if character == "." {
                // `typing.List`, `t.Optional`: the last component names the type.
                word = ""
                continue
            }
            guard "[](),|: \t\n".contains(character) else {
                // Quotes, `-` ("array-like"), `*`, `=`: not a spelling this rule reads.
                return nil
            }
            let hadWord = !word.isEmpty
            guard finish() else { return nil }
            switch character {
            case "[":
                wrappers.append(hadWord && (lastWord == "optional" || lastWord == "union"))
            case "]":
                guard !wrappers.isEmpty else { return nil }
                wrappers.removeLast()
            case ",", "|":
                if wrappers.isEmpty { inElements = false }
            default:
                break
            }
        }
        guard finish(), wrappers.isEmpty, !kinds.isEmpty else { return nil }
        return kinds
    }
}
