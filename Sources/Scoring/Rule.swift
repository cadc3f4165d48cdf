import Docstrings
import PythonSyntax

/// A docstring check with a stable code.
///
/// Each rule lives in its own file under `Rules/`, with a doc comment in three parts (what it
/// checks, why it matters, an example), and `examples` that the tests run; `docs/rules.md` is
/// generated from those files.
public protocol Rule: Sendable {
    /// The stable code, `DH` and three digits; the first digit is the dimension.
    static var code: String { get }
    /// A kebab-case name (`undocumented-parameter`).
    static var name: String { get }
    /// The dimension the rule's findings lower.
    static var dimension: Dimension { get }
    /// Python sources that trigger the rule and sources that do not.
    static var examples: [RuleExample] { get }
    /// Creates the rule.
    init()
    /// Checks one documented symbol.
    func check(_ context: SymbolContext) -> [Violation]
    /// The one line that stands for several findings of the rule at one place of one symbol
    /// (`check`'s text output shows one line for fifteen undocumented parameters; the JSON, SARIF
    /// and statistics keep every finding), made from their messages; nil when the rule's findings
    /// are shown one by one.
    static func groupedMessage(_ messages: [String]) -> String?
}

extension Rule {
    /// Findings shown one by one.
    public static func groupedMessage(_ messages: [String]) -> String? { nil }
}

/// A rule whose findings `check --fix` can mend: mechanically and with certainty, by editing the
/// docstring literal's lines and nothing else.
public protocol FixableRule: Rule {
    /// The edits that mend every finding of the rule in the symbol's docstring (they do not
    /// overlap); empty when there is nothing certain to do.
    func fix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit]
    /// Edits that mend what `fix` leaves because they may change what the docstring says
    /// (`--unsafe-fixes`, as ruff calls them): tried only when `fix` has nothing to do.
    func unsafeFix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit]
}

extension FixableRule {
    /// No unsafe fix.
    public func unsafeFix(_ context: SymbolContext, literal: DocstringLiteral, lines: SourceLines) -> [LineEdit] { [] }
}

/// The first `quoted` name in each message, for grouped messages: "parameter `y` is not
/// documented" → y.
public func quotedNames(_ messages: [String]) -> String {
    var names = ""
    for message in messages {
        if !names.isEmpty { names += ", " }
        let utf8 = message.utf8
        // The first backticked name, found on the bytes: this runs for every grouped line.
        if let open = utf8.firstIndex(of: 0x60), let close = utf8[utf8.index(after: open)...].firstIndex(of: 0x60) {
            names += message[open ... close]
        } else {
            names += message
        }
    }
    return names
}

/// What a rule reports; the scorer adds the code, path and symbol.
public struct Violation: Sendable, Hashable {
    /// 1-based source line.
    public var line: Int
    /// What is wrong and what to write instead.
    public var message: String
    /// What the violation is about (parameter, exception), for the fingerprint; empty when the
    /// rule fires at most once per symbol.
    public var subject: String
    /// The share of the dimension's score it takes away, 0–1.
    public var penalty: Double

    /// Creates a violation.
    public init(line: Int, message: String, subject: String = "", penalty: Double) {
        self.line = line
        self.message = message
        self.subject = subject
        self.penalty = penalty
    }
}

/// A Python source that does or does not trigger a rule, checked by the tests. In an example
/// that triggers, `↓` marks where each finding of the rule is reported (as SwiftLint's examples
/// do) and `messages` says what each one says, in source order.
public struct RuleExample: Sendable {
    /// Whether the rule must fire on `source`.
    public var triggers: Bool
    /// The example as written, with its `↓` markers.
    public var markedSource: String
    /// The messages of the findings, in source order (empty for an example that does not trigger).
    public var messages: [String]
    /// The project style to check it with (nil: detected).
    public var style: DocstringStyle?
    /// For a `FixableRule`: the source after `check --fix` (nil: not checked).
    public var fixed: String?
    /// For a `FixableRule`: the source after `check --fix --unsafe-fixes` (nil: as `fixed`).
    public var unsafeFixed: String?

    /// A small Python module: `markedSource` without the markers.
    public var source: String { markedSource.filter { $0 != "↓" } }

    /// The 1-based line and column of each marker, in source order.
    public var markers: [(line: Int, column: Int)] {
        var found: [(Int, Int)] = []
        var line = 1, column = 1
        for character in markedSource {
            if character == "↓" {
                found.append((line, column))
            } else if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return found
    }

    /// An example the rule must fire on, at each `↓`, with `message`; `fixed` is what `--fix`
    /// makes of it.
    public static func bad(_ source: String, style: DocstringStyle? = nil, message: String, fixed: String? = nil, unsafeFixed: String? = nil) -> RuleExample {
        RuleExample(triggers: true, markedSource: source, messages: Array(repeating: message, count: max(1, source.filter { $0 == "↓" }.count)), style: style,
                    fixed: fixed, unsafeFixed: unsafeFixed)
    }

    /// An example the rule must fire on, at each `↓`, with these messages in source order.
    public static func bad(_ source: String, style: DocstringStyle? = nil, messages: [String]) -> RuleExample {
        RuleExample(triggers: true, markedSource: source, messages: messages, style: style)
    }

    /// An example the rule must not fire on.
    public static func good(_ source: String, style: DocstringStyle? = nil) -> RuleExample {
        RuleExample(triggers: false, markedSource: source, messages: [], style: style)
    }
}

extension Rule {
    /// The code, name and dimension of an instance's type.
    public var code: String { Self.code }
}
