/// A parameter's documented default differs from the default in the signature.
///
/// **Why it matters:** "Defaults to 10." on a parameter whose default became 30 is a claim the code
/// contradicts; callers who rely on it get another behaviour. The rule reads the default a
/// description or a NumPy type states — "defaults to X", "default: X", "default is X",
/// "(default X)", "default=X", opening a sentence, a parenthesis or a clause (not "the server's
/// default is 60") — and compares it with the signature's when both are literals
/// (numbers, quoted strings, `True`, `False`, `None`): `10` equals `10.0` and `1e1`, `'utf-8'`
/// equals "utf-8", a documented `"\\n"` (reST's spelling) equals `"\n"`, and backticks or quotes
/// around the documented value are ignored. A signature default of `None` or any expression (a
/// constant, a call) is not compared: the function often computes the real default ("Defaults to
/// 30 seconds" for `timeout=None`).
///
/// **Example:** `def wait(timeout=30):` documenting `timeout: Seconds to wait. Defaults to 10.`
struct StaleDefault: Rule {
    static let code = "DH110"
    static let name = "stale-default"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def wait(timeout=30):\n    \"\"\"Wait for the job.\n\n    Args:\n    ↓    timeout: Seconds to wait. Defaults to 10.\n    \"\"\"\n",
             message: "`timeout` is documented to default to 10, but its default is 30; correct the docstring"),
        .bad("def read(path, encoding='utf-8'):\n    \"\"\"Read a file.\n\n    Parameters\n    ----------\n    path : str\n        Where the file is.\n    ↓encoding : str, default 'latin-1'\n        How its bytes are decoded.\n    \"\"\"\n",
             message: "`encoding` is documented to default to 'latin-1', but its default is 'utf-8'; correct the docstring"),
        .good("def wait(timeout=30.0):\n    \"\"\"Wait for the job.\n\n    Args:\n        timeout: Seconds to wait. Defaults to ``30``.\n    \"\"\"\n"),
        .good("def echo(text, end=\"\\n\"):\n    r\"\"\"Print text.\n\n    Args:\n        text: What to print.\n        end: Written after it. Defaults to \"\\\\n\".\n    \"\"\"\n"),
        .good("def wait(timeout=None):\n    \"\"\"Wait for the job.\n\n    Args:\n        timeout: Seconds to wait. Defaults to 30 seconds.\n    \"\"\"\n"),
    ]

    func check(_ context: SymbolContext) -> [Violation] {
        guard context.isFunction, let docstring = context.docstring else { return [] }
        var defaults: [String: String] = [:]
        for parameter in context.symbol.parameters {
            if let value = parameter.default, let literal = Self.literal(value), literal != .none { defaults[parameter.name] = value }
        }
        guard !defaults.isEmpty else { return [] }
        var violations: [Violation] = []
        var seen: Set<String> = []
        for item in docstring.parameters {
            guard let raw = item.name else { continue }
            let name = ParameterName.normalize(raw)
            guard let actual = defaults[name], seen.insert(name).inserted,
                  let documented = Self.documentedDefault(in: (item.type ?? "") + "\n" + item.description),
                  let claimed = Self.literal(documented), let real = Self.literal(actual),
                  !Self.spellings(of: claimed).contains(real) else { continue }
            violations.append(Violation(line: context.line(item.line),
                                        message: "`\(name)` is documented to default to \(documented), but its default is \(actual); correct the docstring",
                                        subject: name, penalty: 0.15))
        }
        return violations
    }

    /// A literal's value, for comparing a signature's default with a documented one.
    enum Literal: Equatable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case none
    }

    /// The values a documented literal may stand for: itself, and for a string with a doubled
    /// backslash, the string with it single — `"\\n"` in a docstring is reStructuredText's way
    /// (or a raw docstring's) of showing the `"\n"` a signature writes.
    static func spellings(of literal: Literal) -> [Literal] {
        guard case .text(let text) = literal, text.contains("\\\\") else { return [literal] }
        return [literal, .text(text.replacingOccurrences(of: "\\\\", with: "\\"))]
    }

    /// The value of `text` when it is a literal: a number (with `_` separators, a sign), a string
    /// in single or double quotes (as written, escapes and all), `True`/`False`/`None` (any
    /// case when documented); nil otherwise.
    static func literal(_ text: String) -> Literal? {
        // Every default of every documented function comes here: ASCII (nearly all of them) is
        // read byte by byte, anything else as Characters, to the same answer.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return characterLiteral(text) }
        var value = Substring(text).utf8
        while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
        while value.count >= 2, value.first == UInt8(ascii: "`"), value.last == UInt8(ascii: "`") { value = value.dropFirst().dropLast() }
        if value.count >= 2, let first = value.first, first == UInt8(ascii: "'") || first == UInt8(ascii: "\""), value.last == first {
            return .text(String(Substring(value.dropFirst().dropLast())))
        }
        if value.count == 4 || value.count == 5 {
            switch String(decoding: value.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self) {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "none": return Literal.none
            default: break
            }
        }
        let digits = value.filter { $0 != UInt8(ascii: "_") }
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard let first = digits.first, isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "."),
              digits.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              let number = Double(String(decoding: digits, as: UTF8.self)) else { return nil }
        return .number(number)
    }

    /// `literal(_:)` for text with characters beyond ASCII.
    static func characterLiteral(_ text: String) -> Literal? {
        var value = text.trimmingCharacters(in: .whitespaces)
        while value.count >= 2, value.first == "`", value.last == "`" { value = String(value.dropFirst().dropLast()) }
        if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
            return .text(String(value.dropFirst().dropLast()))
        }
        switch value.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "none": return Literal.none
        default: break
        }
        let digits = value.replacingOccurrences(of: "_", with: "")
        guard let first = digits.first, first.isNumber || first == "-" || first == "+" || first == ".",
              digits.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }), let number = Double(digits) else { return nil }
        return .number(number)
    }

    /// The default a description states, as written (backticks kept off), or nil.
    static func documentedDefault(in text: String) -> String? {
        // Every marker has "default" in it; most descriptions have none (a byte scan, no lowercasing).
        guard PlaceholderText.containsIgnoringCase(text, "default") else { return nil }
        let lowered = text.lowercased()
        let markers = ["defaults to ", "default to ", "default value is ", "default is ", "default: ", "default=", "default ", "defaults: "]
        var best: (start: String.Index, value: String)?
        for marker in markers {
            var searchStart = lowered.startIndex
            while let range = lowered.range(of: marker, range: searchStart ..< lowered.endIndex) {
                searchStart = range.upperBound
                // The parameter's own default: the marker opens a sentence, a parenthesis or a
                // clause ("Defaults to 10.", "(default: 10)", "int, default 10"), not "the
                // server's default is 60".
                let before = lowered[..<range.lowerBound].reversed().first { $0 != " " && $0 != "\t" }
                if let before, !".(,;:\n".contains(before) { continue }
                let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
                let rest = text[text.index(text.startIndex, offsetBy: offset)...]
                guard let value = firstValue(rest) else { continue }
                if best == nil || range.lowerBound < best!.start { best = (range.lowerBound, value) }
                break
            }
        }
        return best?.value
    }

    /// The first token of `text` that could be a value: a quoted string, or a run up to
    /// whitespace or a closing `)` `,` `;`, without a sentence's final period.
    static func firstValue(_ text: Substring) -> String? {
        var rest = text.drop { $0 == " " }
        while rest.first == "`" { rest = rest.dropFirst() }
        guard let first = rest.first else { return nil }
        if first == "'" || first == "\"" {
            guard let end = rest.dropFirst().firstIndex(of: first) else { return nil }
            return String(rest[...end])
        }
        var token = String(rest.prefix { !$0.isWhitespace && $0 != ")" && $0 != "," && $0 != ";" && $0 != "`" })
        while let last = token.last, last == "." || last == ":", token.count > 1 { token.removeLast() }
        return token.isEmpty ? nil : token
    }
}
