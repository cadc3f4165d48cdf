/// An exception the function raises is not documented.
///
/// **Why it matters:** callers can only handle what they know about. A bare `raise` inside
/// `except KeyError:` counts as raising `KeyError`. `NotImplementedError` is exempt in abstract
/// methods and in methods that raise nothing else (the abstract-method convention).
///
/// **Example:** `if n < 0: raise ValueError("negative")` with no `Raises:` entry for `ValueError`.
struct UndocumentedException: Rule {
    static let code = "DH106"
    static let name = "undocumented-exception"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def root(n):\n    ↓\"\"\"Take a root.\n\n    Args:\n        n: The number.\n    \"\"\"\n    if n < 0:\n        raise ValueError(n)\n", message: "`ValueError` is raised on line 8 but not documented"),
        .bad("def load(d, k):\n    ↓\"\"\"Load.\n\n    Args:\n        d: Map.\n        k: Key.\n    \"\"\"\n    try:\n        d[k]\n    except KeyError:\n        raise\n", message: "`KeyError` is raised on line 11 but not documented"),
        .bad("def check(n):\n    ↓\"\"\"Check a digit.\n\n    Args:\n        n: The digit, 0 to 9.\n    \"\"\"\n    if n > 9:\n        raise _DigitError(n)\n", message: "`_DigitError` is raised on line 8 but not documented"),
        .bad("def check(args):\n    ↓\"\"\"Check the arguments.\n\n    Raises a TypeError when there are too many, as Python does.\n    \"\"\"\n    if len(args) > 2:\n        raise TypeError(len(args))\n", message: "`TypeError` is raised on line 7 and named in the prose, but not in a `Raises` section"),
        .good("def root(n):\n    \"\"\"Take a root.\n\n    Args:\n        n: The number.\n\n    Raises:\n        ValueError: If n is negative.\n    \"\"\"\n    if n < 0:\n        raise ValueError(n)\n"),
        .good("def root(n):\n    \"\"\"Take a root.\n\n    Parameters\n    ----------\n    n : float\n        The number.\n\n    Raises\n    ------\n    ValueError:\n        If n is negative.\n    TypeError: If n is not a number.\n    \"\"\"\n    if n < 0:\n        raise ValueError(n)\n    raise TypeError(n)\n", style: .numpy),
        .good("class Shape:\n    \"\"\"A shape.\"\"\"\n    def area(self):\n        \"\"\"Return the area.\"\"\"\n        raise NotImplementedError\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring, !context.skipsSectionChecks else { return [] }
        let documented = Set(docstring.raises.compactMap { $0.name.map(ExceptionName.normalize) })
        let raised = ExceptionName.raised(by: context)
        let line = docstring.sections.first(where: { $0.kind == .raises }).map { context.line($0.line) } ?? context.docstringLine
        var seen: Set<String> = []
        var violations: [Violation] = []
        // Prose that names the exception ("Raises a TypeError if …") documents it for a reader,
        // not for tools: the message says where it belongs.
        var prose: String?
        for (name, raisedLine) in raised where !documented.contains(name) && seen.insert(name).inserted {
            if prose == nil { prose = docstring.prose }
            let message = (prose ?? "").containsName(name)
                ? "`\(name)` is raised on line \(raisedLine) and named in the prose, but not in a `Raises` section"
                : "`\(name)` is raised on line \(raisedLine) but not documented"
            violations.append(Violation(line: line, message: message, subject: name, penalty: 0.2))
        }
        return violations
    }
}

/// How raised and documented exception names are compared.
enum ExceptionName {
    /// `` :exc:`~pkg.Error` `` → `Error`; `errors.Timeout` → `Timeout`.
    static func normalize(_ text: String) -> String {
        // Byte by byte: the marks, the dot and ASCII white space are never part of a multi-byte
        // character. (Other white space around a name would be kept; no source writes it.)
        var name = Substring(text).utf8
        let isSpace = { (byte: UInt8) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        while let first = name.first, isSpace(first) { name.removeFirst() }
        while let last = name.last, isSpace(last) { name.removeLast() }
        if name.first == UInt8(ascii: ":"), let tick = name.firstIndex(of: UInt8(ascii: "`")) {
            name = name[name.index(after: tick)...]
        }
        var bytes = Array(name)
        bytes.removeAll { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "!") }
        let last = bytes.split(separator: UInt8(ascii: ".")).last ?? bytes[...]
        return String(decoding: last, as: UTF8.self)
    }

    /// The exceptions a function raises that need documenting, with their lines.
    static func raised(by context: SymbolContext) -> [(String, Int)] {
        var result: [(String, Int)] = []
        for raise in context.symbol.raises {
            let name = normalize(raise.exception)
            // `raise error` re-raises a variable whose type the code does not show; a private
            // class (`_PrivateError`) is an exception like any other.
            guard let first = name.drop(while: { $0 == "_" }).first, first.isUppercase else { continue }
            result.append((name, raise.line))
        }
        for reraise in context.symbol.reraises {
            guard let handler = reraise.handler else { continue }
            let inner = handler.hasPrefix("(") ? String(handler.dropFirst().dropLast()) : handler
            for part in inner.split(separator: ",") {
                let name = normalize(String(part))
                if let first = name.drop(while: { $0 == "_" }).first, first.isUppercase { result.append((name, reraise.line)) }
            }
        }
        let onlyNotImplemented = result.allSatisfy { $0.0 == "NotImplementedError" }
        if context.isAbstract || (context.symbol.kind == .method && onlyNotImplemented) {
            result.removeAll { $0.0 == "NotImplementedError" }
        }
        return result
    }
}

extension String {
    func trimmingCharacters() -> String {
        var copy = Substring(self)
        while copy.first?.isWhitespace == true { copy.removeFirst() }
        while copy.last?.isWhitespace == true { copy.removeLast() }
        return String(copy)
    }
}
