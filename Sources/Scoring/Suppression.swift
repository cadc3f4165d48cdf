import PythonSyntax

/// An inline `# docharness: ignore[DH101, DH102] reason` comment.
///
/// It silences the listed codes (all codes when no list is given) for findings on its own line,
/// or for every finding of a symbol when it sits on the symbol's `def`/`class` line. A reason is
/// required: a suppression without one does not apply and is itself reported (DH020), and a
/// suppression that silences nothing is reported as unused (DH021).
public struct Suppression: Sendable, Hashable {
    /// 1-based line of the comment.
    public var line: Int
    /// Codes or prefixes silenced; empty means every code.
    public var codes: [String]
    /// The reason written after the codes.
    public var reason: String

    /// The suppressions in a file's comments.
    public static func parse(_ file: SourceFile) -> [Suppression] {
        guard let text = file.text else { return [] }
        var result: [Suppression] = []
        let marker = Array("docharness:".utf8)
        for comment in file.comments {
            // Most comments are not suppressions: look for the marker in the bytes first.
            let range = Int(comment.start) + 1 ..< Int(comment.end)
            guard range.count >= marker.count else { continue }
            var start = range.lowerBound
            while start < range.upperBound, text.bytes[start] == 0x20 { start += 1 }
            guard start + marker.count <= range.upperBound,
                  text.bytes[start ..< start + marker.count].elementsEqual(marker) else { continue }
            let body = text.text(range)
            guard let suppression = parse(comment: body, line: Int(comment.line)) else { continue }
            result.append(suppression)
        }
        return result
    }

    /// Parses the text after `#`; nil when it is not a DocHarness suppression.
    static func parse(comment: String, line: Int) -> Suppression? {
        var rest = Substring(comment).drop { $0 == " " }
        guard rest.hasPrefix("docharness:") else { return nil }
        rest = rest.dropFirst("docharness:".count).drop { $0 == " " }
        guard rest.hasPrefix("ignore") else { return nil }
        rest = rest.dropFirst("ignore".count)
        var codes: [String] = []
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            codes = rest[rest.index(after: rest.startIndex) ..< close].split(separator: ",").map {
                String($0.filter { !$0.isWhitespace })
            }.filter { !$0.isEmpty }
            rest = rest[rest.index(after: close)...]
        }
        var reason = String(rest.drop { $0 == " " || $0 == ":" || $0 == "-" || $0 == "—" })
        while reason.last == " " { reason.removeLast() }
        return Suppression(line: line, codes: codes, reason: reason)
    }

    /// Whether it silences `code`.
    public func covers(_ code: String) -> Bool {
        codes.isEmpty || codes.contains { code.hasPrefix($0) }
    }
}

/// Findings about suppression comments themselves.
public enum SuppressionFinding {
    case missingReason, unused

    /// The finding's code.
    public var code: String {
        switch self {
        case .missingReason: "DH020"
        case .unused: "DH021"
        }
    }

    /// The finding's rule name.
    public var name: String {
        switch self {
        case .missingReason: "suppression-without-reason"
        case .unused: "unused-suppression"
        }
    }
}
