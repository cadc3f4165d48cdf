import Testing
@testable import PythonSyntax

@Suite("Tokenizer")
struct TokenizerTests {
    func kinds(_ source: String) -> [Token.Kind] {
        Tokenizer.tokenize(DecodedSource(text: source)).tokens.map(\.kind)
    }

    func strings(_ source: String) -> [String] {
        let decoded = DecodedSource(text: source)
        return Tokenizer.tokenize(decoded).tokens.filter { $0.kind == .string }
            .map { String(decoding: decoded.bytes[Int($0.start) ..< Int($0.end)], as: UTF8.self) }
    }

    @Test("every string prefix and triple quotes make one token")
    func prefixes() {
        let source = #"x = (r'\d', b"a", Rb'''b''', u"c", f"{x}", rF"{y}\n", BR"z", """doc "q" """)"# + "\n"
        #expect(strings(source) == [#"r'\d'"#, #"b"a""#, "Rb'''b'''", #"u"c""#, #"f"{x}""#, #"rF"{y}\n""#, #"BR"z""#, #""""doc "q" """"#])
    }

    @Test("PEP 701: an f-string may reuse its quotes inside replacement fields")
    func nestedFStrings() {
        let source = #"s = f"{d["key"]} {f"{x:{width}}"!r:>{n}} {'}'}"# + "\"\n"
        #expect(strings(source).count == 1)
        #expect(Tokenizer.tokenize(DecodedSource(text: source)).error == nil)
    }

    @Test("brackets join lines, backslashes continue them, comments are kept aside")
    func lineJoining() {
        let stream = Tokenizer.tokenize(DecodedSource(text: "x = (1,\n  2)  # two\ny = 1 + \\\n    2\n"))
        #expect(stream.tokens.filter { $0.kind == .newline }.count == 2)
        #expect(stream.tokens.filter { $0.kind == .indent }.isEmpty)
        #expect(stream.comments.count == 1)
    }

    @Test("tabs indent to multiples of eight and mixing them inconsistently is a TabError")
    func tabs() {
        #expect(kinds("if x:\n\ty = 1\n\tz = 2\n").filter { $0 == .indent }.count == 1)
        let mixed = Tokenizer.tokenize(DecodedSource(text: "if x:\n        a = 1\n\tb = 2\n"))
        #expect(mixed.error?.message == "inconsistent use of tabs and spaces in indentation")
    }

    @Test("a form feed resets the indentation column")
    func formFeed() {
        #expect(Tokenizer.tokenize(DecodedSource(text: "x = 1\n\u{0C}\ny = 2\n")).error == nil)
    }

    @Test("CPython's tokenizer errors", arguments: [
        ("s = 'abc\n", "unterminated string literal (detected at line 1)", 1),
        ("s = '''abc\n", "unterminated triple-quoted string literal (detected at line 2)", 1),
        ("x = (1,\n", "'(' was never closed", 1),
        ("x = 1)\n", "unmatched ')'", 1),
        ("x = (1]\n", "closing parenthesis ']' does not match opening parenthesis '('", 1),
        ("x = 0777\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1),
        ("x = 1abc\n", "invalid decimal literal", 1),
        ("x = 1 $ 2\n", "invalid syntax", 1),
        ("a€ = 1\n", "invalid character '€' (U+20AC)", 1),
        ("x = f'{a}}'\n", "f-string: single '}' is not allowed", 1),
        ("if x:\n    a\n  b\n", "unindent does not match any outer indentation level", 3),
    ])
    func errors(source: String, message: String, line: Int) {
        let error = Tokenizer.tokenize(DecodedSource(text: source)).error
        #expect(error?.message == message)
        #expect(error?.line == line)
    }

    @Test("numbers may be followed directly by a keyword")
    func numberThenKeyword() {
        #expect(Tokenizer.tokenize(DecodedSource(text: "x = 1if y else 2\nz = 0x1f + 1_000.5e-3j\n")).error == nil)
    }
}
