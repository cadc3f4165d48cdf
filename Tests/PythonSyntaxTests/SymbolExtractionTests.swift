import Testing
@testable import PythonSyntax

@Suite("Symbols")
struct SymbolExtractionTests {
    func symbols(_ source: String) -> [Symbol] {
        let file = SourceFile.parse(source: source)
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        return file.symbols
    }

    func symbol(_ qualname: String, in source: String) -> Symbol? {
        symbols(source).first { $0.qualname == qualname }
    }

    @Test("qualified names follow __qualname__, through blocks, classes and functions")
    func qualnames() {
        let source = """
            class A:
                if True:
                    def m(self):
                        class B:
                            def n(self): pass
                        def inner(): pass
            try:
                def f(): pass
            except ImportError:
                async def f(): pass
            """
        #expect(symbols(source).map(\.qualname) == ["<module>", "A", "A.m", "A.m.<locals>.B", "A.m.<locals>.B.n",
                                                    "A.m.<locals>.inner", "f", "f"])
        #expect(symbols(source).map(\.kind) == [.module, .class, .method, .class, .method, .function, .function, .function])
    }

    @Test("Python 3.12: type statements, generic functions and classes, match")
    func python312() throws {
        let source = """
            type Pair[T] = tuple[T, T]

            class Box[T: (int, str), *Ts, **P](Base[T]):
                def get[U](self, default: U = None) -> T | U:
                    match self.value:
                        case {"k": v} if v:
                            def found(): return v
                            return found()
                        case _:
                            raise LookupError(f"{self.value!r}")
            """
        let get = try #require(symbol("Box.get", in: source))
        #expect(get.parameters.map(\.name) == ["self", "default"])
        #expect(get.parameters[1].annotation == "U" && get.parameters[1].default == "None")
        #expect(get.returns == "T | U")
        #expect(get.raises == [RaisedException(exception: "LookupError", line: 10)])
        #expect(get.returnsValue)
        #expect(get.complexity == 1, "mccabe treats match as one simple statement")
        #expect(symbol("Box.get.<locals>.found", in: source) != nil)
        #expect(symbol("Box", in: source)?.bases == ["Base[T]"])
    }

    @Test("parameters: every kind, annotations and defaults as written")
    func parameters() throws {
        let function = try #require(symbol("f", in: "def f(a, /, b: int = (1), *args: *Ts, c=lambda x, y: x, **kw: Any): ...\n"))
        #expect(function.parameters == [
            Parameter(name: "a", kind: .positionalOnly),
            Parameter(name: "b", kind: .positionalOrKeyword, annotation: "int", default: "1"),
            Parameter(name: "args", kind: .varPositional, annotation: "*Ts"),
            Parameter(name: "c", kind: .keywordOnly, default: "lambda x, y: x"),
            Parameter(name: "kw", kind: .varKeyword, annotation: "Any"),
        ])
    }

    @Test("docstrings: escapes processed, concatenation, raw, not f-strings or bytes")
    func docstrings() {
        #expect(symbol("f", in: "def f():\n    'a\\tb' \"c\\N{BULLET}\"\n")?.docstring == "a\tbc•")
        #expect(symbol("f", in: "def f():\n    r'a\\tb'\n")?.docstring == "a\\tb")
        #expect(symbol("f", in: "def f():\n    (\n     'a'\n     'b')\n")?.docstring == "ab")
        #expect(symbol("f", in: "def f():\n    f'a'\n")?.docstring == nil)
        #expect(symbol("f", in: "def f():\n    b'a'\n")?.docstring == nil)
        #expect(symbol("f", in: "def f(): 'inline'; return 1\n")?.docstring == "inline")
        #expect(symbol("<module>", in: "\n\n'''Module.'''\n")?.docstringLine == 3)
    }

    @Test("body facts belong to the own scope only")
    func bodyFacts() throws {
        let source = """
            def outer(x):
                def inner():
                    yield 1
                    return 2
                key = lambda: (yield)
                try:
                    pass
                except (KeyError, IndexError):
                    raise
                except Exception as error:
                    raise error
                raise Wrapped(x).with_traceback(None) from None
                return None
            """
        let outer = try #require(symbol("outer", in: source))
        #expect(!outer.yields)
        #expect(!outer.returnsValue)
        #expect(outer.reraises == [Reraise(handler: "(KeyError, IndexError)", line: 9)])
        #expect(outer.raises.map(\.exception) == ["error", "Wrapped(x).with_traceback"])
        #expect(symbol("outer.<locals>.inner", in: source)?.yields == true)
    }

    /// Each `elif` copied every clause before it: 40,000 took 10 s, 200,000 never finished
    /// (issue 23). Linear now; a regression shows as a suite that crawls.
    @Test("a 40,000-branch elif chain parses in one pass")
    func longElifChains() {
        var lines = ["def f(x):", "    if x == 0:", "        return 0"]
        for value in 1 ..< 40_000 { lines += ["    elif x == \(value):", "        return \(value)"] }
        let file = SourceFile.parse(source: lines.joined(separator: "\n") + "\n")
        #expect(file.isValid)
        #expect(file.symbols.first { $0.qualname == "f" }?.complexity == 40_001)
    }

    @Test("complexity as mccabe computes it", arguments: [
        ("def f():\n    return 1\n", 1),
        ("def f(x):\n    if x:\n        pass\n    elif x > 1:\n        pass\n    else:\n        pass\n", 3),
        ("def f(x):\n    for i in x:\n        while i:\n            pass\n    else:\n        pass\n", 3),
        ("def f():\n    try:\n        pass\n    except A:\n        pass\n    except B:\n        pass\n    finally:\n        if x: pass\n", 4),
        ("def f():\n    def g():\n        if x: pass\n    return g\n", 3),
        ("def f():\n    with a:\n        if b: pass\n    x = [i for i in y if i] or (a and b)\n", 2),
        ("def f():\n    try:\n        pass\n    except* A:\n        if x: pass\n", 1),
    ])
    func complexity(source: String, expected: Int) {
        #expect(symbol("f", in: source)?.complexity == expected)
    }

    @Test("end lines cover the whole body, multi-line strings included")
    func endLines() {
        let source = "def f():\n    x = '''a\n    b'''\n\n# trailing comment\n"
        #expect(symbol("f", in: source)?.endLine == 3)
    }

    @Test("structural syntax errors give a diagnostic and no symbols", arguments: [
        ("  x = 1\n", "unexpected indent"),
        ("def f():\nreturn 1\n", "expected an indented block after 'function definition' statement on line 1"),
        ("else:\n    pass\n", "invalid syntax"),
        ("print 'hello'\n", "Missing parentheses in call to 'print'. Did you mean print(...)?"),
        ("def f()\n    pass\n", "expected ':'"),
    ])
    func structuralErrors(source: String, message: String) {
        let file = SourceFile.parse(source: source)
        #expect(file.symbols.isEmpty)
        #expect(file.diagnostics.first?.message == message)
        #expect(file.diagnostics.first?.code == .syntaxError)
    }

    @Test("soft keywords stay names where they are names")
    func softKeywords() {
        let source = "match = re.match(p, s)\ncase = 1\ntype = 2\nmatch[x]: int = 3\nprint(match, case, type)\n"
        #expect(SourceFile.parse(source: source).diagnostics.isEmpty)
    }

    @Test("relative imports: dots are not an Ellipsis operand")
    func relativeImports() {
        let source = "from ...error import E\nfrom ....a.b import c\nfrom . import d\nx = ...\n"
        #expect(SourceFile.parse(source: source).diagnostics.isEmpty)
    }
}
