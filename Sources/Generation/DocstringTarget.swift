import Docstrings
import Foundation
import PythonSyntax
import Tokenization

/// One function, method or class to write a docstring for, with everything a prompt says of it.
public struct DocstringTarget: Sendable, Hashable {
    /// The file, as given.
    public var path: String
    /// The symbol.
    public var symbol: Symbol
    /// `def …:` (with decorators) as written, up to the colon that opens the body.
    public var signature: String
    /// The symbol's source lines, dedented.
    public var source: String
    /// The enclosing class: its header, docstring summary, attributes and method signatures.
    public var classContext: String?
    /// The project's docstring style.
    public var style: DocstringStyle

    /// A stable identity within a run: `path::qualname`.
    public var identifier: String { "\(path)::\(symbol.qualname)" }

    /// SHA-256 of what the prompt says of the symbol (signature, source, class context), in hex:
    /// a journal entry made for other source is not resumed (the symbol changed since).
    public var sourceHash: String {
        var hash = SHA256()
        hash.update(signature.utf8)
        hash.update([0])
        hash.update(source.utf8)
        hash.update([0])
        hash.update((classContext ?? "").utf8)
        return hash.finalizeHex()
    }

    /// The targets of a parsed file: every function, method and class, in source order.
    /// Nested functions are left out (their docstrings are rarely read).
    public static func targets(in file: SourceFile, style: DocstringStyle) -> [DocstringTarget] {
        guard let text = file.text else { return [] }
        var targets: [DocstringTarget] = []
        for symbol in file.symbols where symbol.kind != .module {
            let parent = file.symbols.last { $0.kind == .class && symbol.qualname.hasPrefix($0.qualname + ".") && !symbol.qualname.dropFirst($0.qualname.count + 1).contains(".") }
            if symbol.qualname.contains("."), parent == nil, symbol.kind != .class { continue }
            if symbol.kind == .class, symbol.qualname.contains(".") { continue }
            targets.append(DocstringTarget(
                path: file.path, symbol: symbol, signature: signature(of: symbol, in: text), source: source(of: symbol, in: text),
                classContext: parent.map { classContext(of: $0, in: file, text: text) }, style: style
            ))
        }
        return targets
    }

    /// The lines of a symbol from its first decorator to the line that ends its header.
    static func signature(of symbol: Symbol, in text: SourceText) -> String {
        var first = symbol.line
        while first > 1, text.line(first - 1).trimming(" \t\r").hasPrefix("@") { first -= 1 }
        var last = symbol.line
        var depth = 0
        lineLoop: for number in symbol.line ... max(symbol.line, symbol.endLine) {
            last = number
            for character in text.line(number) {
                switch character {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth -= 1
                case "#": break
                default: continue
                }
            }
            if depth <= 0, text.line(number).trimming(" \t\r").hasSuffix(":") { break lineLoop }
        }
        return dedent((first ... last).map { text.line($0).trimmingTrailing() })
    }

    /// The symbol's whole source, dedented.
    static func source(of symbol: Symbol, in text: SourceText) -> String {
        var first = symbol.line
        while first > 1, text.line(first - 1).trimming(" \t\r").hasPrefix("@") { first -= 1 }
        return dedent((first ... max(first, symbol.endLine)).map { text.line($0).trimmingTrailing() })
    }

    /// A short view of a class: its header, the first line of its docstring, its attributes and
    /// the signatures of its methods.
    static func classContext(of owner: Symbol, in file: SourceFile, text: SourceText) -> String {
        var lines = [signature(of: owner, in: text)]
        if let summary = owner.docstring?.split(separator: "\n").first {
            lines.append("    \"\"\"\(summary.trimmingCharacters(in: .whitespaces))\"\"\"")
        }
        for attribute in owner.attributes { lines.append("    \(text.line(attribute.line).trimming(" \t\r"))") }
        for method in file.symbols where method.kind == .method && method.qualname.hasPrefix(owner.qualname + ".")
            && !method.qualname.dropFirst(owner.qualname.count + 1).contains(".") {
            let header = signature(of: method, in: text).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            lines.append(header + " ...")
        }
        return lines.joined(separator: "\n")
    }

    static func dedent(_ lines: [String]) -> String {
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
        let common = indents.min() ?? 0
        return lines.map { String($0.dropFirst(min(common, $0.prefix { $0 == " " || $0 == "\t" }.count))) }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailing() -> String {
        var view = Substring(self)
        while let last = view.last, last == " " || last == "\t" || last == "\r" { view = view.dropLast() }
        return String(view)
    }

    func trimming(_ characters: String) -> String {
        let set = Set(characters)
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
