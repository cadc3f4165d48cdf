import PythonSyntax

/// An inline suppression comment: `# docharness: ignore[DH101, DH102] reason`, or flake8's and
/// ruff's `# noqa: DH101` / bare `# noqa`.
///
/// It silences the listed codes (all codes when no list is given) for findings on its own line,
/// or for every finding of a symbol when it sits on the symbol's `def`/`class` line. A
/// `docharness: ignore` needs a reason unless `require-suppression-reason = false`: without one it
/// does not apply and is itself reported (DH020). A suppression that silences nothing is reported
/// as unused (DH021) — a `noqa` only when it names DocHarness codes, since a bare `# noqa` or
/// `# noqa: E501` is usually there for another tool. A `noqa` never needs a reason.
public struct Suppression: Sendable, Hashable {
    /// How the comment is written.
    public enum Kind: Sendable, Hashable {
        /// `# docharness: ignore[…] reason`.
        case docharness
        /// `# noqa` or `# noqa: CODES` (codes of other tools dropped).
        case noqa
    }

    /// 1-based line of the comment.
    public var line: Int
    /// Codes or prefixes silenced; empty means every code.
    public var codes: [String]
    /// The reason written after the codes (always empty for `noqa`).
    public var reason: String
    /// How it is written.
    public var kind: Kind = .docharness

    /// Creates a suppression.
    public init(line: Int, codes: [String], reason: String, kind: Kind = .docharness) {
        self.line = line
        self.codes = codes
        self.reason = reason
        self.kind = kind
    }

    /// Whether it applies: a `noqa` always, a `docharness: ignore` when it gives a reason or
    /// reasons are not required.
    public func applies(requireReason: Bool) -> Bool {
        kind == .noqa || !reason.isEmpty || !requireReason
    }

    /// Whether an unused one is worth reporting: a `noqa` only when it names DocHarness codes.
    public var reportsUnused: Bool { kind == .docharness || !codes.isEmpty }

    /// The suppressions in a file's comments.
    public static func parse(_ file: SourceFile) -> [Suppression] {
        guard let text = file.text else { return [] }
        var result: [Suppression] = []
        let marker = Array("docharness:".utf8)
        for comment in file.comments {
            let range = Int(comment.start) + 1 ..< Int(comment.end)
            guard range.count >= 4 else { continue }
            // Most comments are not suppressions: look at the bytes first.
            var start = range.lowerBound
            while start < range.upperBound, text.bytes[start] == 0x20 { start += 1 }
            if start + marker.count <= range.upperBound, text.bytes[start ..< start + marker.count].elementsEqual(marker) {
                if let suppression = parse(comment: text.text(range), line: Int(comment.line)) { result.append(suppression) }
            } else if containsNoqa(text.bytes[range]), let suppression = parseNoqa(comment: text.text(range), line: Int(comment.line)) {
                result.append(suppression)
            }
        }
        return result
    }

    /// Whether the bytes contain `noqa` in any case.
    static func containsNoqa(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        var index = bytes.startIndex
        while index + 4 <= bytes.endIndex {
            if bytes[index] | 0x20 == UInt8(ascii: "n"), bytes[index + 1] | 0x20 == UInt8(ascii: "o"),
               bytes[index + 2] | 0x20 == UInt8(ascii: "q"), bytes[index + 3] | 0x20 == UInt8(ascii: "a") { return true }
            index += 1
        }
        return false
    }

    /// Parses the text after `#` as ruff reads a `noqa` directive: `noqa` at the start of the
    /// comment or after another `#` in it, then optionally `:` and codes separated by commas or
    /// spaces. Codes of other tools are dropped; nil when it names codes but none of DocHarness's
    /// (`# noqa: E501` silences nothing here), or when it is not a directive (`# noqa-like`).
    static func parseNoqa(comment: String, line: Int) -> Suppression? {
        for part in comment.split(separator: "#", omittingEmptySubsequences: false) {
            var rest = part.drop { $0 == " " || $0 == "\t" }
            guard rest.lowercased().hasPrefix("noqa") else { continue }
            rest = rest.dropFirst(4)
            if let next = rest.first, next != ":", !next.isWhitespace { continue }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard rest.first == ":" else { return Suppression(line: line, codes: [], reason: "", kind: .noqa) }
            let words = rest.dropFirst().split { $0 == "," || $0.isWhitespace }
            var codes: [String] = []
            for word in words {
                guard let first = word.first, first.isUppercase, word.contains(where: \.isNumber) else { break }
                codes.append(String(word))
            }
            if codes.isEmpty { return Suppression(line: line, codes: [], reason: "", kind: .noqa) }
            let ours = codes.filter { $0.hasPrefix("DH") }
            return ours.isEmpty ? nil : Suppression(line: line, codes: ours, reason: "", kind: .noqa)
        }
        return nil
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
