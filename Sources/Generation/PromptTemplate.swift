import Foundation

/// A versioned prompt template kept as a file: a `version:` line, then a `--- system` and a
/// `--- user` section whose text holds `{{name}}` placeholders and `{{#name}}…{{/name}}` blocks
/// that are left out when the value is empty.
///
/// Prompts are regression-tested: the requests a template renders are what the replay server
/// matches, so changing one word of a template shows up as unmatched requests in strict replay.
public struct PromptTemplate: Sendable, Hashable {
    /// The template's `version:` (sent nowhere; reported and journaled).
    public let version: String
    /// Where the template was read from.
    public let path: String
    /// The system message's template text.
    public let system: String
    /// The user message's template text.
    public let user: String

    /// The placeholder names a template may use.
    public static let knownNames: Set<String> = [
        "kind", "qualname", "style", "signature", "decorators", "complexity", "complexity_guidance", "raises",
        "existing_docstring", "class_context", "source",
    ]

    /// A template that cannot be used: the file, the line and the fix.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// The template file.
        public var path: String
        /// The 1-based line, when one is to blame.
        public var line: Int?
        /// What is wrong and what to do.
        public var reason: String
        public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)" }
    }

    /// The template bundled with DocHarness.
    public static func bundled() throws(ParseError) -> PromptTemplate {
        guard let url = Bundle.module.url(forResource: "docstring-v1", withExtension: "prompt", subdirectory: "Prompts") else {
            throw ParseError(path: "Prompts/docstring-v1.prompt", line: nil, reason: "the bundled template is missing from the build (reinstall docharness)")
        }
        return try load(path: url.path)
    }

    /// Reads a template file.
    public static func load(path: String) throws(ParseError) -> PromptTemplate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParseError(path: path, line: nil, reason: "cannot be read; check the path given to --prompt-template")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(path: path, line: nil, reason: "is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses template text.
    public static func parse(_ text: String, path: String) throws(ParseError) -> PromptTemplate {
        var version: String?
        var sections: [String: [String]] = [:]
        var current: String?
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = String(rawLine)
            if line.hasPrefix("--- ") {
                let name = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
                guard name == "system" || name == "user" else {
                    throw ParseError(path: path, line: index + 1, reason: "unknown section '\(name)'; sections are '--- system' and '--- user'")
                }
                guard sections[name] == nil else { throw ParseError(path: path, line: index + 1, reason: "section '\(name)' appears twice") }
                current = name
                sections[name] = []
                continue
            }
            if let current {
                sections[current]!.append(line)
            } else if line.hasPrefix("version:") {
                version = line.dropFirst(8).trimmingCharacters(in: .whitespaces)
            } else if !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ParseError(path: path, line: index + 1, reason: "text before the first section; start comments with '#' or add '--- system'")
            }
        }
        guard let version, !version.isEmpty else { throw ParseError(path: path, line: nil, reason: "no 'version:' line before the sections; add one, e.g. 'version: docstring-v2'") }
        guard let system = sections["system"], let user = sections["user"] else {
            throw ParseError(path: path, line: nil, reason: "needs both a '--- system' and a '--- user' section")
        }
        let template = PromptTemplate(version: version, path: path, system: trimmed(system), user: trimmed(user))
        let firstSection = lines.firstIndex { $0.hasPrefix("--- ") } ?? 0
        try template.checkPlaceholders(lines: lines.map(String.init), from: firstSection)
        return template
    }

    private static func trimmed(_ lines: [String]) -> String {
        var lines = lines
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        while lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }

    private func checkPlaceholders(lines: [String], from first: Int) throws(ParseError) {
        for (index, line) in lines.enumerated() where index >= first {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    throw ParseError(path: path, line: index + 1, reason: "'{{' without a closing '}}'")
                }
                var name = rest[open.upperBound ..< close.lowerBound]
                if name.first == "#" || name.first == "/" { name = name.dropFirst() }
                guard Self.knownNames.contains(String(name)) else {
                    throw ParseError(path: path, line: index + 1, reason: "unknown placeholder '\(name)'; known: \(Self.knownNames.sorted().joined(separator: ", "))")
                }
                rest = rest[close.upperBound...]
            }
        }
        for text in [system, user] {
            for name in Self.knownNames where text.contains("{{#\(name)}}") != text.contains("{{/\(name)}}") {
                throw ParseError(path: path, line: nil, reason: "block '\(name)' is opened or closed but not both; pair {{#\(name)}} with {{/\(name)}}")
            }
        }
    }

    /// The system and user messages with `values` filled in; a block whose value is missing or
    /// empty is left out together with the line breaks that surround it.
    public func render(_ values: [String: String]) -> (system: String, user: String) {
        (Self.fill(system, values), Self.fill(user, values))
    }

    static func fill(_ text: String, _ values: [String: String]) -> String {
        var text = text
        for name in knownNames {
            let open = "{{#\(name)}}", close = "{{/\(name)}}"
            while let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound ..< text.endIndex) {
                let isEmpty = (values[name] ?? "").isEmpty
                if isEmpty {
                    var upper = end.upperBound
                    if upper < text.endIndex, text[upper] == "\n" { upper = text.index(after: upper) }
                    text.removeSubrange(start.lowerBound ..< upper)
                } else {
                    var inner = String(text[start.upperBound ..< end.lowerBound])
                    if inner.hasPrefix("\n") { inner.removeFirst() }
                    var upper = end.upperBound
                    if upper < text.endIndex, text[upper] == "\n", inner.hasSuffix("\n") { upper = text.index(after: upper) }
                    text.replaceSubrange(start.lowerBound ..< upper, with: inner)
                }
            }
        }
        // One pass, so a value that itself contains "{{name}}" (source code may) stays as it is.
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound ..< close.lowerBound])
            output += knownNames.contains(name) ? values[name] ?? "" : String(rest[open.lowerBound ..< close.upperBound])
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
    }
}
