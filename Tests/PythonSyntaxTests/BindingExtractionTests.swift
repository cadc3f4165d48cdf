import Testing
@testable import PythonSyntax

/// What a module binds (for DH112's cross-references) and which keywords a function reads from
/// its `**kwargs` (for DH102).
@Suite("Bindings")
struct BindingExtractionTests {
    func symbol(_ qualname: String, in source: String) -> Symbol? {
        let file = SourceFile.parse(source: source)
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        return file.symbols.first { $0.qualname == qualname }
    }

    @Test("a module binds its imports and module-level assignments, in blocks too, not inside definitions")
    func moduleBindings() throws {
        let source = """
            import os.path
            import numpy as np, json
            from .io import (read as load, write)
            from helpers import *
            X = Y = 1
            a, (b, *c) = 1, (2, 3)
            T: int
            obj.attr = 3
            items[0] = 4
            try:
                import yaml
            except ImportError:
                yaml = None
            def f():
                local = 1
            class C:
                inside = 2
            """
        let module = try #require(symbol("<module>", in: source))
        #expect(module.attributes.map(\.name) == ["os", "np", "json", "load", "write", "*", "X", "Y", "a", "T", "yaml"])
    }

    @Test("a module __getattr__ provides the names it compares with (PEP 562)")
    func moduleGetattr() throws {
        let source = "def __getattr__(name):\n    if name == \"OldDict\":\n        return _NewDict\n    raise AttributeError(f\"no {name}\")\n"
        let module = try #require(symbol("<module>", in: source))
        #expect(module.attributes.map(\.name) == ["OldDict"])
    }

    @Test("literal keys read from **kwargs are listed; any other use means any keyword")
    func keywordsRead() {
        func keywords(_ body: String) -> [String]? {
            symbol("f", in: "def f(a, **options):\n" + body)?.keywordsRead
        }
        #expect(keywords("    x = options.get('speed', 1)\n    if 'mode' in options: pass\n    return options['unit'], options.pop(\"size\")\n")
                == ["speed", "mode", "unit", "size"])
        #expect(keywords("    return a\n") == [])
        #expect(keywords("    return g(a, **options)\n") == nil)
        #expect(keywords("    for key in options: pass\n") == nil)
        #expect(keywords("    return options[key]\n") == nil)
        #expect(keywords("    \"\"\"Doc.\"\"\"\n    raise NotImplementedError\n") == nil)
        #expect(keywords("    return self.options.get('x')\n") == [])
        #expect(symbol("g", in: "def g(a):\n    return a\n")?.keywordsRead == nil)
    }
}
