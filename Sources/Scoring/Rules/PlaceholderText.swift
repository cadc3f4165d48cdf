/// The docstring contains placeholder text from a template or a note left for later.
///
/// **Why it matters:** IDE templates (`_summary_`, `[description]`, `Description of x`) and
/// `TODO`/`FIXME` markers look like documentation to a coverage counter but say nothing; they are
/// the first thing a generated or rushed docstring leaves behind.
///
/// **Example:** `"""_summary_\n\n    Args:\n        x (_type_): _description_\n    """`.
struct PlaceholderText: Rule {
    static let code = "DH205"
    static let name = "placeholder-text"
    static let dimension = Dimension.clarity
    static let examples: [RuleExample] = [
        .bad("def f(x):\n    ↓\"\"\"_summary_\n\n    Args:\n    ↓    x (_type_): _description_\n    \"\"\"\n", messages: ["the summary is placeholder text (`_summary_`); write what this does", "`x` is described by placeholder text (`_description_`)"]),
        .bad("def f():\n    ↓\"\"\"TODO: write this.\"\"\"\n", message: "the summary is placeholder text (`TODO`); write what this does"),
        .bad("def f(x):\n    \"\"\"Scale a vector.\n\n    ↓:param x: Description of x.\n    \"\"\"\n", message: "`x` is described by placeholder text (`Description of x.`)"),
        .good("def f(x):\n    \"\"\"Scale a vector.\n\n    Args:\n        x (float): The factor; 1 keeps the length.\n    \"\"\"\n"),
        .good("def namespaces(obj, parent=None):\n    \"\"\"Build the namespaces for evaluating annotations.\n\n    Args:\n        obj: The function.\n        parent: The class's namespace; its `__type_params__` are read too.\n    \"\"\"\n"),
        .good("def track(items, description='Working'):\n    \"\"\"Show progress over items.\n\n    Args:\n        items: What to iterate over.\n        description: Description of the task, shown beside the bar.\n    \"\"\"\n"),
    ]

    /// Template leftovers, matched case-insensitively anywhere in a text.
    static let templateMarkers = [
        "_summary_", "_description_", "_type_", "_extended_summary_", "[summary]", "[description]", "[type]",
        "[extended_summary]", "<description>", "<summary>", "insert description here", "lorem ipsum",
        "summary line.", "short description", "add description", "write description", "docstring here",
    ]

    /// Words that mark unfinished text when written in capitals.
    static let markers = ["TODO", "FIXME", "XXX", "TBD"]

    static let templateMarkerBytes: [[UInt8]] = templateMarkers.map { Array($0.utf8) }

    /// Marker indices by their first byte, one bit per marker, so one pass over the text finds
    /// them all (a flat table: no inner array to retain at every byte).
    static let markersByFirstByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        for (index, marker) in templateMarkerBytes.enumerated() { table[Int(marker[0])] |= 1 << UInt32(index) }
        return table
    }()
    static let markerBytes: [[UInt8]] = markers.map { Array($0.utf8) }

    /// The placeholder found in `text`, or nil. Works on the UTF-8 bytes without copying them:
    /// this runs on every description of every docstring.
    static func placeholder(in text: String, name: String?) -> String? {
        var text = text
        let table = markersByFirstByte, templateMarkerBytes = templateMarkerBytes
        let found: String? = text.withUTF8 { bytes in
            var position = 0
            while position < bytes.count {
                var candidates = table[Int(lower(bytes[position]))]
                while candidates != 0 {
                    let index = candidates.trailingZeroBitCount
                    candidates &= candidates - 1
                    let marker = templateMarkerBytes[index]
                    guard position + marker.count <= bytes.count else { continue }
                    var offset = 1
                    while offset < marker.count, lower(bytes[position + offset]) == marker[offset] { offset += 1 }
                    guard offset == marker.count else { continue }
                    // `_type_` is a template's word, not part of a name (`__type_params__`).
                    if marker[0] == UInt8(ascii: "_"), position > 0, bytes[position - 1].isIdentifierByte { continue }
                    if marker[marker.count - 1] == UInt8(ascii: "_"), position + marker.count < bytes.count,
                       bytes[position + marker.count].isIdentifierByte { continue }
                    return templateMarkers[index]
                }
                position += 1
            }
            // Capitalised markers as whole words.
            var start = 0
            while start < bytes.count {
                while start < bytes.count, !isASCIILetter(bytes[start]) { start += 1 }
                var end = start
                while end < bytes.count, isASCIILetter(bytes[end]) { end += 1 }
                if end - start >= 3, end - start <= 5,
                   let index = markerBytes.firstIndex(where: { $0.elementsEqual(bytes[start ..< end]) }) {
                    return markers[index]
                }
                start = end
            }
            return nil
        }
        if let found { return found }
        guard containsIgnoringCase(text, "description of ") || (name != nil && containsIgnoringCase(text, " parameter")) else { return nil }
        let trimmed = text.lowercased().trimmingCharacters().filter { $0 != "`" && $0 != "." }
        if let name, trimmed == "description of \(name.lowercased())" || trimmed == "the \(name.lowercased()) parameter" {
            return text.trimmingCharacters()
        }
        // What templates write: "Description of x", "Description of parameter x", "Description of
        // the return value" — not a description that happens to begin so ("Description of task
        // shown next to the bar", for a parameter named `description`).
        guard trimmed.hasPrefix("description of ") else { return nil }
        let subject = trimmed.dropFirst("description of ".count)
        let templated = ["return value", "the return value", "returned value", "returned object", "the returned object"]
            + (name.map { ["parameter \($0.lowercased())", "the parameter \($0.lowercased())", "argument \($0.lowercased())"] } ?? [])
        return templated.contains(String(subject)) ? "Description of …" : nil
    }

    static func containsIgnoringCase(_ text: String, _ needle: String) -> Bool {
        var text = text
        return text.withUTF8 { containsIgnoringCase($0, Array(needle.utf8)) }
    }

    /// Whether `haystack`, ASCII-lowercased, contains `needle` (lowercase already).
    static func containsIgnoringCase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        let last = haystack.count - needle.count
        var index = 0
        while index <= last {
            if lower(haystack[index]) == first {
                var offset = 1
                while offset < needle.count, lower(haystack[index + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    func check(_ context: SymbolContext) -> [Violation] {
        guard let docstring = context.docstring else { return [] }
        var violations: [Violation] = []
        if let summary = docstring.summary, let found = Self.placeholder(in: summary.text, name: nil) {
            violations.append(Violation(line: context.line(summary.line),
                                        message: "the summary is placeholder text (`\(found)`); write what this does",
                                        subject: "summary", penalty: 0.7))
        }
        if let description = docstring.description, let found = Self.placeholder(in: description.text, name: nil) {
            violations.append(Violation(line: context.line(description.line),
                                        message: "the description contains placeholder text (`\(found)`)", subject: "description", penalty: 0.3))
        }
        let items = docstring.parameters + docstring.returns + docstring.yields + docstring.raises + docstring.attributes
        for item in items {
            let text = item.description + " " + (item.type ?? "")
            if let found = Self.placeholder(in: text, name: item.name) {
                violations.append(Violation(line: context.line(item.line),
                                            message: "`\(item.name ?? item.type ?? "entry")` is described by placeholder text (`\(found)`)",
                                            subject: item.name ?? "item@\(item.line)", penalty: 0.3))
            }
        }
        return violations
    }
}
