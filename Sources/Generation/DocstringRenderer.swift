import Docstrings
import Foundation

/// Turns a structured answer into docstring text in a project's style: Google (napoleon), NumPy
/// (numpydoc), Sphinx field lists or Epytext. Prose is wrapped to `width` columns.
public struct DocstringRenderer: Sendable {
    /// The style written (`plain` writes Google).
    public var style: DocstringStyle
    /// The widest line, counting the indentation the docstring will get.
    public var width: Int

    /// Creates a renderer.
    public init(style: DocstringStyle, width: Int = 88) {
        self.style = style
        self.width = width
    }

    /// The docstring's value (the text between the quotes), lines without indentation.
    /// `indent` is the width of the indentation it will be written with.
    public func render(_ answer: DocstringAnswer, indent: Int = 0) -> [String] {
        let available = max(40, width - indent)
        var lines = wrap(Self.sentence(answer.summary), width: available - 3)
        let description = answer.description.trimming(" \n")
        if !description.isEmpty {
            lines.append("")
            for (index, paragraph) in description.components(separatedBy: "\n\n").enumerated() {
                if index > 0 { lines.append("") }
                lines += wrap(paragraph, width: available)
            }
        }
        let sections = sectionLines(answer, width: available)
        if !sections.isEmpty {
            lines.append("")
            lines += sections
        }
        return lines
    }

    private func sectionLines(_ answer: DocstringAnswer, width: Int) -> [String] {
        var blocks: [[String]] = []
        let returns = answer.returns.description.isEmpty ? nil : answer.returns
        let yields = answer.yields.description.isEmpty ? nil : answer.yields
        let examples = answer.examples.map { $0.trimming("\n") }.filter { !$0.isEmpty }
        switch style {
        case .google, .plain:
            if !answer.parameters.isEmpty {
                blocks.append(["Args:"] + answer.parameters.flatMap { parameter in
                    hanging("\(parameter.name)\(parameter.type.isEmpty ? "" : " (\(parameter.type))"): ", Self.sentence(parameter.description), indent: "    ", width: width)
                })
            }
            if let returns { blocks.append(["Returns:"] + hanging(returns.type.isEmpty ? "" : "\(returns.type): ", Self.sentence(returns.description), indent: "    ", width: width)) }
            if let yields { blocks.append(["Yields:"] + hanging(yields.type.isEmpty ? "" : "\(yields.type): ", Self.sentence(yields.description), indent: "    ", width: width)) }
            if !answer.raises.isEmpty {
                blocks.append(["Raises:"] + answer.raises.flatMap { hanging("\($0.exception): ", Self.sentence($0.description), indent: "    ", width: width) })
            }
            if !examples.isEmpty { blocks.append(["Examples:"] + examples.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 } }) }
        case .numpy:
            func section(_ title: String, _ body: [String]) -> [String] { [title, String(repeating: "-", count: title.count)] + body }
            func entry(_ head: String, _ text: String) -> [String] { [head] + wrap(Self.sentence(text), width: width - 4).map { "    " + $0 } }
            if !answer.parameters.isEmpty {
                blocks.append(section("Parameters", answer.parameters.flatMap { entry($0.type.isEmpty ? $0.name : "\($0.name) : \($0.type)", $0.description) }))
            }
            if let returns { blocks.append(section("Returns", entry(returns.type.isEmpty ? "object" : returns.type, returns.description))) }
            if let yields { blocks.append(section("Yields", entry(yields.type.isEmpty ? "object" : yields.type, yields.description))) }
            if !answer.raises.isEmpty { blocks.append(section("Raises", answer.raises.flatMap { entry($0.exception, $0.description) })) }
            if !examples.isEmpty { blocks.append(section("Examples", examples.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) })) }
        case .sphinx, .epytext:
            let sphinx = style == .sphinx
            var fields: [String] = []
            for parameter in answer.parameters {
                fields += hanging(sphinx ? ":param \(parameter.name): " : "@param \(parameter.name): ", Self.sentence(parameter.description), indent: "", width: width)
                if !parameter.type.isEmpty { fields.append(sphinx ? ":type \(parameter.name): \(parameter.type)" : "@type \(parameter.name): \(parameter.type)") }
            }
            if let returns {
                fields += hanging(sphinx ? ":returns: " : "@return: ", Self.sentence(returns.description), indent: "", width: width)
                if !returns.type.isEmpty { fields.append(sphinx ? ":rtype: \(returns.type)" : "@rtype: \(returns.type)") }
            }
            if let yields {
                fields += hanging(sphinx ? ":yields: " : "@yield: ", Self.sentence(yields.description), indent: "", width: width)
                if !yields.type.isEmpty, sphinx { fields.append(":ytype: \(yields.type)") }
            }
            for raised in answer.raises {
                fields += hanging(sphinx ? ":raises \(raised.exception): " : "@raise \(raised.exception): ", Self.sentence(raised.description), indent: "", width: width)
            }
            if !examples.isEmpty {
                blocks.append(examples.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""] }.dropLast().map { $0 })
            }
            if !fields.isEmpty { blocks.append(fields) }
        }
        var lines: [String] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { lines.append("") }
            lines += block
        }
        return lines
    }

    /// `indent`, `head`, then the text wrapped; continuation lines get four more columns.
    private func hanging(_ head: String, _ text: String, indent: String, width: Int) -> [String] {
        let words = wrap(text, width: width - indent.count - 4, firstWidth: width - indent.count - head.count)
        guard let first = words.first else { return [indent + head.trimming(" ")] }
        return [indent + head + first] + words.dropFirst().map { indent + "    " + $0 }
    }

    /// Words of `text` in lines of at most `width` characters (a longer word stands alone).
    func wrap(_ text: String, width: Int, firstWidth: Int? = nil) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            let limit = lines.isEmpty ? (firstWidth ?? width) : width
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Text with a capital first letter and a final period (what the style rules expect).
    static func sentence(_ text: String) -> String {
        var text = text.trimming(" \n")
        guard let first = text.first else { return text }
        text = first.uppercased() + text.dropFirst()
        if let last = text.last, !".!?:".contains(last) { text += "." }
        return text
    }
}
