import Scoring

/// How the text output shows a file's findings: fewer lines than findings, none left unnamed.
///
/// Grouping changes what is printed, never what is found: the JSON, SARIF, JUnit and
/// `--statistics` outputs keep every finding.
/// - Several findings of one rule at one place of one symbol (fifteen undocumented parameters)
///   are one line naming them all, in every text format.
/// - In the concise format, the other findings at that place follow on the same line as
///   `; also DH104 undocumented-return, DH400 brief-for-complexity` (a summary-only docstring
///   says at once what it lacks), and a class's (or function's) members without a docstring
///   are one line at the first of them, naming each with its line.
enum FindingGroups {
    /// The code of a symbol without a docstring.
    static let missingDocstring = "DH100"

    /// One printed line: where, the leading code, and the message.
    struct Line {
        var line: Int
        var column: Int
        var code: String
        var message: String
    }

    /// The lines for one file's findings, sorted by position; `merge` for the concise format.
    static func lines(_ findings: [Finding], merge: Bool) -> [Line] {
        // The findings are read in place through a sorted list of their indices (sorting the
        // findings themselves copied the array and retained every string in it).
        let order = findings.indices.sorted { a, b in
            (findings[a].line, findings[a].column) != (findings[b].line, findings[b].column)
                ? (findings[a].line, findings[a].column) < (findings[b].line, findings[b].column)
                : findings[a].code < findings[b].code
        }
        // Each member's parent, worked out once (DH100 findings are a third of a typical run's).
        var parents = [String?](repeating: nil, count: merge ? order.count : 0)
        var undocumentedMembers: [String: [Int]] = [:]
        if merge {
            for position in order.indices where findings[order[position]].code == missingDocstring
                && findings[order[position]].symbol.utf8.contains(UInt8(ascii: ".")) {
                let parent = parent(of: findings[order[position]].symbol)
                parents[position] = parent
                undocumentedMembers[parent, default: []].append(position)
            }
            undocumentedMembers = undocumentedMembers.filter { $0.value.count > 1 }
        }
        var result: [Line] = []
        result.reserveCapacity(order.count)
        var index = 0
        while index < order.count {
            let first = order[index]
            let (line, column) = (findings[first].line, findings[first].column)
            if merge, let parent = parents[index], let members = undocumentedMembers[parent] {
                index += 1
                guard members[0] == index - 1 else { continue }
                result.append(Line(line: line, column: column, code: findings[first].code,
                                   message: membersMessage(members.map { findings[order[$0]] }, parent: parent)))
                continue
            }
            // Everything of this symbol at this place.
            var end = index + 1
            while end < order.count, findings[order[end]].line == line, findings[order[end]].column == column,
                  findings[order[end]].symbol == findings[first].symbol { end += 1 }
            var parts: [(code: String, message: String)] = []
            var start = index
            while start < end {
                let code = findings[order[start]].code
                var stop = start + 1
                while stop < end, findings[order[stop]].code == code { stop += 1 }
                if stop - start > 1, let rule = RuleCatalog.rule(code: code),
                   let grouped = rule.groupedMessage((start ..< stop).map { findings[order[$0]].message }) {
                    parts.append((code, grouped))
                } else {
                    for position in start ..< stop { parts.append((code, findings[order[position]].message)) }
                }
                start = stop
            }
            if merge, parts.count > 1 {
                let also = parts.dropFirst().map { "\($0.code) \(RuleCatalog.name(code: $0.code))" }
                result.append(Line(line: line, column: column, code: parts[0].code,
                                   message: parts[0].message + "; also " + also.joined(separator: ", ")))
            } else {
                for part in parts { result.append(Line(line: line, column: column, code: part.code, message: part.message)) }
            }
            index = end
        }
        return result
    }

    /// `Outer.method` → `Outer`; `f.<locals>.g` → `f`.
    static func parent(of qualname: String) -> String {
        guard let dot = qualname.utf8.lastIndex(of: 0x2E) else { return "" }
        var head = qualname[..<dot]
        if head.hasSuffix(".<locals>") { head = head.dropLast(9) } else if head == "<locals>" { head = "" }
        return String(head)
    }

    /// "3 members of `BasicAuth` have no docstring: `__init__` (line 132), `auth_flow` (135), …".
    static func membersMessage(_ members: [Finding], parent: String? = nil) -> String {
        var message = "\(members.count) members of `\(parent ?? Self.parent(of: members[0].symbol))` have no docstring: "
        message.reserveCapacity(message.utf8.count + members.count * 24)
        for (offset, finding) in members.enumerated() {
            let symbol = finding.symbol.utf8
            let name = symbol.lastIndex(of: 0x2E).map { finding.symbol[symbol.index(after: $0)...] } ?? Substring(finding.symbol)
            if offset > 0 { message += ", " }
            message += "`"
            message += name
            message += offset == 0 ? "` (line " : "` ("
            message += String(finding.line)
            message += ")"
        }
        return message
    }
}
