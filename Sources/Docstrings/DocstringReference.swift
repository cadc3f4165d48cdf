/// A cross-reference a docstring makes to a Python object: a Sphinx role (`` :func:`load` ``,
/// `` :py:meth:`~pkg.Reader.read` ``, `` :class:`the reader <Reader>` ``) or an entry of a
/// `See Also` section (NumPy's `load, save : Read and write.`).
public struct DocstringReference: Sendable, Hashable {
    /// The target as a dotted name, without `~`, `!`, a leading `.` or a trailing `()`.
    public var target: String
    /// The role (`func`, `meth`, `class`, …), or `see also`.
    public var kind: String
    /// 0-based line offset in the docstring.
    public var line: Int

    /// Creates a reference.
    public init(target: String, kind: String, line: Int) {
        self.target = target
        self.kind = kind
        self.line = line
    }

    /// The roles that name Python objects (Sphinx's Python domain, with or without `py:`).
    public static let roles: Set<String> = ["func", "meth", "class", "exc", "attr", "data", "obj", "const", "mod"]

    /// Every reference in a docstring's value (`raw`), whose sections `docstring` holds.
    public static func find(in raw: String, docstring: Docstring) -> [DocstringReference] {
        // On the bytes: this reads every line of every docstring, and what it looks for is ASCII.
        let lines = raw.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map(Substring.init)
        var references: [DocstringReference] = []
        // `.. versionchanged::`, `.. deprecated::` and `.. versionremoved::` blocks speak of
        // what was: "The :meth:`linked` function was removed".
        var historyIndent: Int?
        for (offset, line) in lines.enumerated() {
            let bytes = line.utf8
            let indent = bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count
            let text = bytes.dropFirst(indent)
            if let open = historyIndent {
                if text.isEmpty || indent > open { continue }
                historyIndent = nil
            }
            if text.starts(with: ".. versionchanged::".utf8) || text.starts(with: ".. deprecated::".utf8) || text.starts(with: ".. versionremoved::".utf8) {
                historyIndent = indent
                continue
            }
            if Self.hasRole(bytes) { references += roles(in: Array(bytes), line: offset) }
        }
        for section in docstring.sections where section.kind == .seeAlso {
            references += seeAlso(lines, header: section.line, underlined: section.underlineLength != nil,
                                  next: docstring.sections.first { $0.line > section.line }?.line ?? lines.count)
        }
        return references
    }

    /// Whether a line has `:` followed by a backtick, where a role ends.
    private static func hasRole(_ line: Substring.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if byte == UInt8(ascii: "`"), previous == UInt8(ascii: ":") { return true }
            previous = byte
        }
        return false
    }

    /// `:role:`target`` and `:py:role:`target`` in one line.
    static func roles(in bytes: [UInt8], line: Int) -> [DocstringReference] {
        var result: [DocstringReference] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "`") else { index += 1; continue }
            // The role name ends here; read it backwards to its opening colon.
            var start = index
            while start > 0, bytes[start - 1] != UInt8(ascii: ":"), bytes[start - 1] != UInt8(ascii: " ") { start -= 1 }
            guard start > 0, bytes[start - 1] == UInt8(ascii: ":"),
                  let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "`")) else { index += 2; continue }
            let role = String(decoding: bytes[start ..< index], as: UTF8.self)
            let text = String(decoding: bytes[(index + 2) ..< close], as: UTF8.self)
            index = close + 1
            guard roles.contains(role), let target = Self.target(text) else { continue }
            // `:py:func:` names its domain; `:c:func:` is another language's.
            var domainStart = start - 1
            while domainStart > 0, bytes[domainStart - 1] != UInt8(ascii: ":"), bytes[domainStart - 1] != UInt8(ascii: " ") { domainStart -= 1 }
            let domain = domainStart > 0 && bytes[domainStart - 1] == UInt8(ascii: ":")
                ? String(decoding: bytes[domainStart ..< (start - 1)], as: UTF8.self) : nil
            if domain == nil || domain == "py" {
                result.append(DocstringReference(target: target, kind: role, line: line))
            }
        }
        return result
    }

    /// The entries of a `See Also` section: lines at the section's own indentation that are
    /// names (`a, b` or `a : what it does`); prose lines are not references and are skipped.
    static func seeAlso(_ lines: [Substring], header: Int, underlined: Bool, next: Int) -> [DocstringReference] {
        let first = header + (underlined ? 2 : 1)
        guard first < next else { return [] }
        let body = (first ..< min(next, lines.count)).filter { !lines[$0].allSatisfy(\.isWhitespace) }
        func indentation(_ line: Substring) -> Int { line.prefix { $0 == " " || $0 == "\t" }.count }
        guard let entryIndent = body.map({ indentation(lines[$0]) }).min() else { return [] }
        var result: [DocstringReference] = []
        for offset in body where indentation(lines[offset]) == entryIndent {
            let line = lines[offset].trimmingCharacters()
            guard !line.contains(":`") else { continue }  // roles are read above
            // NumPy's `name : what` or Google's `name: what`.
            let names = line.firstRange(of: " :").map { String(line[..<$0.lowerBound]) }
                ?? line.firstIndex(of: ":").map { String(line[..<$0]) } ?? line
            let targets = names.split(separator: ",").map { Self.target(String($0).trimmingCharacters()) }
            guard !targets.isEmpty, targets.allSatisfy({ $0 != nil }) else { continue }
            result += targets.map { DocstringReference(target: $0!, kind: "see also", line: offset) }
        }
        return result
    }

    /// The dotted name a role's text or an entry names, nil when it is not one.
    static func target(_ text: String) -> String? {
        var name = Substring(text)
        if let open = name.lastIndex(of: "<"), name.hasSuffix(">") { name = name[name.index(after: open) ..< name.index(before: name.endIndex)] }
        name = name.drop { $0 == "~" || $0 == "!" || $0 == "." }
        if name.hasSuffix("()") { name = name.dropLast(2) }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ part in
            guard let first = part.first, first == "_" || first.isLetter else { return false }
            return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        }) else { return nil }
        return String(name)
    }
}
