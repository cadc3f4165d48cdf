import ChatWire
import Foundation
import Generation
import PythonSyntax
import Synchronization
import Testing

@Suite("Safe-zone budget")
struct SafeZoneBudgetTests {
    /// A prompt whose units weigh: base, class context, source.
    func decide(prompt: Int, classContext: Int = 0, source: Int = 0) -> SafeZoneBudget.Decision {
        SafeZoneBudget().decide(droppable: [.classContext, .source]) { dropped in
            prompt + (dropped.contains(.classContext) ? 0 : classContext) + (dropped.contains(.source) ? 0 : source)
        }
    }

    @Test("prompt + max_tokens never crosses 22,800, at every size the issue lists",
          arguments: [25, 100, 1_000, 5_000, 10_000, 15_000, 20_000, 22_000, 22_500])
    func neverCrosses(size: Int) {
        switch decide(prompt: size) {
        case .send(let maxTokens, let estimated, let dropped, let mustTrim):
            #expect(estimated + maxTokens + 100 == 22_800)
            // Dropping weighs nothing here, so units go only when the minimum does not fit.
            #expect(dropped == (maxTokens < 500 ? [.classContext, .source] : []))
            #expect(mustTrim == (maxTokens < 500))
            #expect(size <= 22_600)
        case .skip(let estimated, _):
            #expect(estimated == size)
            Issue.record("a \(size)-token prompt still has room")
        }
    }

    @Test("drops class context, then the body, until 500 tokens fit")
    func dropsUnitsInOrder() {
        // 20,000 + 1,000 class + 1,500 body = 22,500: 200 left → drop class (1,200 left).
        guard case .send(let maxTokens, _, let dropped, let mustTrim) = decide(prompt: 20_000, classContext: 1_000, source: 1_500) else { Issue.record("skipped"); return }
        #expect(dropped == [.classContext])
        #expect(maxTokens == 1_200)
        #expect(!mustTrim)
        // Dropping the class is not enough: the body goes too.
        guard case .send(let second, _, let droppedBoth, _) = decide(prompt: 21_900, classContext: 100, source: 700) else { Issue.record("skipped"); return }
        #expect(droppedBoth == [.classContext, .source])
        #expect(second == 800)
    }

    @Test("sends what is left with an error when the minimum cannot fit; skips when nothing is left")
    func trimsOrSkips() {
        guard case .send(let maxTokens, _, _, let mustTrim) = decide(prompt: 22_500, source: 300) else { Issue.record("skipped"); return }
        #expect(maxTokens == 200)
        #expect(mustTrim)
        guard case .skip(let estimated, let dropped) = decide(prompt: 22_700, classContext: 50, source: 50) else { Issue.record("sent"); return }
        #expect(estimated == 22_700)
        #expect(dropped == [.classContext, .source])
    }
}

@Suite("Answer schema, template, journal")
struct AnswerTemplateJournalTests {
    @Test("answers are validated against the schema; violations name the member")
    func schema() throws {
        let good = DocstringAnswer(summary: "Add two numbers.", parameters: [.init(name: "a", type: "int", description: "First.")])
        #expect(try DocstringAnswer.parse(JSONWriter.string(good.json)) == good)
        #expect(throws: DocstringAnswer.Rejection.self) { try DocstringAnswer.parse(#"{"summary":""}"#) }
        let violations = JSONSchemaValidator(schema: DocstringAnswer.schema).violations(of: try JSONParser.parse(
            #"{"summary":"S.","description":"","parameters":[{"name":"a","type":1,"description":"x"}],"returns":{"type":"","description":""},"yields":{"type":"","description":""},"raises":[],"examples":[],"extra":1}"#))
        #expect(violations.map(\.description) == ["/parameters/0/type: expected string, found number", "/extra: member not allowed by the schema"])
    }

    @Test("the bundled template renders; empty blocks vanish; a value holding {{…}} stays as it is")
    func template() throws {
        let template = try PromptTemplate.bundled()
        #expect(template.version == "docstring-v1")
        let (system, user) = template.render(["kind": "function", "qualname": "f", "style": "google", "signature": "def f(): # {{kind}}",
                                              "complexity": "1", "source": "def f():\n    return '{{qualname}}'"])
        #expect(system.hasPrefix("You are"))
        #expect(user.contains("def f(): # {{kind}}"))
        #expect(user.contains("return '{{qualname}}'"))
        #expect(!user.contains("Decorators") && !user.contains("It belongs to this class"))
        #expect(throws: PromptTemplate.ParseError.self) { try PromptTemplate.parse("version: x\n--- system\n{{nope}}\n--- user\nu", path: "t.prompt") }
        do {
            _ = try PromptTemplate.parse("version: x\n--- system\n{{nope}}\n--- user\nu", path: "t.prompt")
        } catch {
            #expect(error.description == "t.prompt:3: unknown placeholder 'nope'; known: class_context, complexity, complexity_guidance, decorators, existing_docstring, kind, qualname, raises, signature, source, style")
        }
    }

    @Test("the journal survives a torn last line and resumes after it")
    func journal() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)").path
        let path = folder + "/run.jsonl"
        let entry = JournalEntry(target: "a.py::f", outcome: .generated, templateVersion: "v", model: "m", request: nil, estimatedPromptTokens: 10,
                                 estimator: "chat", maxTokens: 100, droppedUnits: [], mustTrim: false, answer: DocstringAnswer(summary: "S."),
                                 promptTokens: 10, completionTokens: 5, attempts: 1, rateLimited: 0, serverErrors: 0, transportErrors: 0, latency: 0.01, failure: nil)
        do {
            let journal = try GenerationJournal(path: path)
            try await journal.append(entry)
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"target":"a.py::g","outc"#.utf8))
        try handle.close()
        do {
            let reopened = try GenerationJournal(path: path)
            #expect(reopened.previous.keys.sorted() == ["a.py::f"])
            var second = entry
            second.target = "a.py::g"
            try await reopened.append(second)
            // Two runs on one journal interleaved their lines and the next run refused the file,
            // losing all progress (issue 23): the second one now stops at once.
            do {
                _ = try GenerationJournal(path: path)
                Issue.record("a second run opened a journal in use")
            } catch {
                #expect(error.reason.hasPrefix("another docharness run is using this journal"))
            }
            try await reopened.append(entry)
            withExtendedLifetime(reopened) {}
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(try GenerationJournal(path: path).previous.count == 2)
        try? FileManager.default.removeItem(atPath: folder)
    }
}

@Suite("Rendering and insertion")
struct RenderingTests {
    static let answer = DocstringAnswer(
        summary: "compute the total price", description: "Prices are in cents.",
        parameters: [.init(name: "items", type: "list[Item]", description: "the items"), .init(name: "tax", type: "float", description: "the rate")],
        returns: .init(type: "int", description: "the total in cents"), raises: [.init(exception: "ValueError", description: "if tax is negative")])

    @Test("Google, NumPy and Sphinx renderings")
    func styles() {
        #expect(DocstringRenderer(style: .google).render(Self.answer) == [
            "Compute the total price.", "", "Prices are in cents.", "", "Args:", "    items (list[Item]): The items.", "    tax (float): The rate.", "",
            "Returns:", "    int: The total in cents.", "", "Raises:", "    ValueError: If tax is negative.",
        ])
        #expect(DocstringRenderer(style: .numpy).render(Self.answer) == [
            "Compute the total price.", "", "Prices are in cents.", "", "Parameters", "----------", "items : list[Item]", "    The items.", "tax : float",
            "    The rate.", "", "Returns", "-------", "int", "    The total in cents.", "", "Raises", "------", "ValueError", "    If tax is negative.",
        ])
        #expect(DocstringRenderer(style: .sphinx).render(Self.answer) == [
            "Compute the total price.", "", "Prices are in cents.", "", ":param items: The items.", ":type items: list[Item]", ":param tax: The rate.",
            ":type tax: float", ":returns: The total in cents.", ":rtype: int", ":raises ValueError: If tax is negative.",
        ])
    }

    @Test("insertion keeps CRLF, tabs and every other byte; replacement swaps only the literal")
    func insertion() throws {
        let source = "import os\r\n\r\nclass A:\r\n\tdef f(self, items,\r\n\t      tax):\r\n\t\t# body\r\n\t\treturn 1\r\n\r\ndef g():\r\n    \"\"\"Old.\r\n\r\n    More.\r\n    \"\"\"\r\n    return 2\r\n"
        let bytes = Array(source.utf8)
        let file = SourceFile.parse(bytes: bytes, path: "t.py")
        let method = try #require(file.symbols.first { $0.qualname == "A.f" })
        let function = try #require(file.symbols.first { $0.qualname == "g" })
        let patched = try DocstringPatch.apply([(method, ["Do it."]), (function, ["New.", "", "Args:", "    x: Y."])], to: bytes, file: file)
        let expected = "import os\r\n\r\nclass A:\r\n\tdef f(self, items,\r\n\t      tax):\r\n\t\t\"\"\"Do it.\"\"\"\r\n\t\t# body\r\n\t\treturn 1\r\n\r\ndef g():\r\n    \"\"\"New.\r\n\r\n    Args:\r\n        x: Y.\r\n    \"\"\"\r\n    return 2\r\n"
        #expect(String(decoding: patched, as: UTF8.self) == expected)
        let reparsed = SourceFile.parse(bytes: patched, path: "t.py")
        #expect(reparsed.isValid)
        #expect(reparsed.symbols.first { $0.qualname == "A.f" }?.docstring == "Do it.")
    }

    /// `generate --apply` on a file edited during the run applied the edits at stale line numbers:
    /// the file no longer parsed and code was gone, exit 0 (issue 23).
    @Test("write-back refuses a file edited since it was parsed, and a refused edit keeps the others")
    func writeBackIsSafe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("writeback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = "def f(x):\n    return x\n\n\ndef g(): return 1\n\n\ndef h(y):\n    return y\n"
        func entry(_ qualname: String, _ summary: String) -> JournalEntry {
            JournalEntry(target: "t.py::" + qualname, outcome: .generated, templateVersion: "v", model: "m", request: nil, estimatedPromptTokens: 1,
                         estimator: "chat", maxTokens: 1, droppedUnits: [], mustTrim: false, answer: DocstringAnswer(summary: summary),
                         promptTokens: 1, completionTokens: 1, attempts: 1, rateLimited: 0, serverErrors: 0, transportErrors: 0, latency: 0, failure: nil)
        }
        let path = folder.appendingPathComponent("t.py").path
        try Data(source.utf8).write(to: URL(fileURLWithPath: path))
        let file = SourceFile.read(path: path)
        let targets = DocstringTarget.targets(in: file, style: .google)
        let edits = DocstringEdits(targets: targets, entries: targets.map { entry($0.symbol.qualname, "Do \($0.symbol.qualname).") })

        // Six lines added at the top while the run was waiting on the model.
        let edited = "import os\nimport re\nimport sys\n\n\n\n" + source
        try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        let stale = edits.writeBack([file], apply: true) { _ in }
        #expect(stale.count == 1 && stale[0].contains("changed since it was read"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == edited)

        // Unchanged: `g` (body on its definition line) is refused, `f` and `h` are applied.
        try Data(source.utf8).write(to: URL(fileURLWithPath: path))
        let problems = edits.writeBack([file], apply: true) { _ in }
        #expect(problems.count == 1 && problems[0].contains("the body is on the definition's line"))
        let written = SourceFile.read(path: path)
        #expect(written.isValid)
        #expect(written.symbols.first { $0.qualname == "f" }?.docstring == "Do f.")
        #expect(written.symbols.first { $0.qualname == "h" }?.docstring == "Do h.")
    }

    @Test("a file whose docstrings open with the quotes alone keeps that convention")
    func summaryOnNextLine() throws {
        let source = "def f():\n    \"\"\"\n    Old.\n\n    More.\n    \"\"\"\n\n\ndef g(x):\n    return x\n"
        let bytes = Array(source.utf8)
        let file = SourceFile.parse(bytes: bytes, path: "n.py")
        let g = try #require(file.symbols.first { $0.qualname == "g" })
        let patched = try DocstringPatch.apply([(g, ["Return x.", "", "Parameters", "----------", "x : int", "    The value."])], to: bytes, file: file)
        #expect(String(decoding: patched, as: UTF8.self).hasSuffix("def g(x):\n    \"\"\"\n    Return x.\n\n    Parameters\n    ----------\n    x : int\n        The value.\n    \"\"\"\n    return x\n"))
    }

    @Test("a Latin-1 file stays Latin-1")
    func latin1() throws {
        var bytes = Array("# -*- coding: latin-1 -*-\ndef f():\n    return 'caf".utf8) + [0xE9] + Array("'\n".utf8)
        let file = SourceFile.parse(bytes: bytes, path: "l.py")
        let symbol = try #require(file.symbols.first { $0.qualname == "f" })
        let patched = try DocstringPatch.apply([(symbol, ["Return café."])], to: bytes, file: file)
        bytes.insert(contentsOf: Array("    \"\"\"Return caf".utf8) + [0xE9] + Array(".\"\"\"\n".utf8), at: 35)
        #expect(patched == bytes)
    }
}
