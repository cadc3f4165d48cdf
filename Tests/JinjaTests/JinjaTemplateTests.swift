import Jinja
import Testing

/// Behaviour the oracle's templates may not reach: errors (with the template's line and the
/// construct's name), whitespace control, scoping, Markup, and Python's value printing.
struct JinjaTemplateTests {
    func render(_ source: String, _ context: [String: JinjaValue] = [:], environment: JinjaTemplate.Environment = .init()) throws(JinjaError) -> String {
        try JinjaTemplate(source, environment: environment).render(context)
    }

    @Test func anUnsupportedStatementNamesItselfAndItsLine() {
        do {
            _ = try JinjaTemplate("a\nb\n{% include 'x.jinja' %}")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unsupported)
            #expect(error.line == 3)
            #expect(error.description == "line 3: unsupported: the `{% include %}` statement")
        }
    }

    @Test func anUnknownFilterIsUnsupportedAtItsLine() {
        #expect(throws: JinjaError.self) { try render("x\n{{ 'a' | frobnicate }}") }
        do {
            _ = try render("x\n{{ 'a' | frobnicate }}")
        } catch {
            #expect(error.description == "line 2: unsupported: the filter `|frobnicate`")
        }
    }

    @Test func raiseExceptionFailsTheRenderWithTheTemplatesMessage() {
        do {
            _ = try render("{% if messages|length == 0 %}{{ raise_exception('no messages') }}{% endif %}", ["messages": .array([])])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .raised)
            #expect(error.message == "no messages")
        }
    }

    @Test func trimAndLstripBlocksRemoveTheBlockLines() throws {
        let source = "<list>\n  {% for x in items %}\n  - {{ x }}\n  {% endfor %}\n</list>\n"
        #expect(try render(source, ["items": .array([.int(1), .int(2)])]) == "<list>\n  - 1\n  - 2\n</list>")
        let plain = JinjaTemplate.Environment(trimBlocks: false, lstripBlocks: false)
        #expect(try render(source, ["items": .array([.int(1)])], environment: plain) == "<list>\n  \n  - 1\n  \n</list>")
    }

    @Test func aLoopsAssignmentsStayInsideButANamespaceCarriesOut() throws {
        let source = "{% set n = 0 %}{% set ns = namespace(n=0) %}{% for x in [1, 2, 3] %}{% set n = n + x %}{% set ns.n = ns.n + x %}{% endfor %}{{ n }} {{ ns.n }}"
        #expect(try render(source) == "0 6")
    }

    @Test func valuesPrintAsPythonPrintsThem() throws {
        #expect(try render("{{ [1, 'a', none, true, 2.5] }} {{ {'k': 'it\\'s'} }} {{ 1e20 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 / 2 }}")
            == "[1, 'a', None, True, 2.5] {'k': \"it's\"} 1e+20 3 -4 3.5")
    }

    @Test func addingAPlainStringToMarkupEscapesIt() throws {
        #expect(try render("{{ '\"a\" & ' + ('<b>' | safe) }}|{{ '\"a\"' ~ ('<b>' | safe) }}") == "&#34;a&#34; &amp; <b>|\"a\"<b>")
    }

    @Test func tojsonFollowsTheFlavor() throws {
        let value: [String: JinjaValue] = ["v": .dictionary(JinjaDictionary([("b", .string("é<")), ("a", .int(1))]))]
        #expect(try render("{{ v | tojson }}", value) == "{\"a\": 1, \"b\": \"\\u00e9\\u003c\"}")
        #expect(try render("{{ v | tojson }}", value, environment: .init(json: .huggingFace)) == "{\"b\": \"é<\", \"a\": 1}")
    }

    @Test func strftimeNowFormatsTheInjectedDate() throws {
        let date = JinjaDate(year: 2024, month: 7, day: 26)
        #expect(try render("{{ strftime_now('%d %b %Y') }} {{ strftime_now('%A %B %-d') if false else strftime_now('%A') }}", ["strftime_now": date.strftimeNow])
            == "26 Jul 2024 Friday")
    }

    // Expected values are what Python's jinja2 3.1.6 prints for the same source.
    @Test func dictionariesKeepIntegerKeysAsPythonDoes() throws {
        #expect(try render("{% set d = {0: 'a', 512: 'b', 1.0: 'c'} %}{% for k, v in d | dictsort %}{{ k + 1 }}={{ v }} {% endfor %}{{ d[512] }}{{ d.get(1) }}{{ 512 in d }}") == "1=a 2.0=c 513=b bcTrue")
        #expect(try render("{{ {2: 'x', 'a': 1} }}") == "{2: 'x', 'a': 1}")
        #expect(try render("{{ {2: 'x'} | tojson }}") == "{\"2\": \"x\"}")
        #expect(throws: JinjaError.self) { try render("{{ {2: 'x', 'a': 1} | dictsort }}") }
    }

    @Test func strFormatFillsPositionalFields() throws {
        #expect(try render("{{ '<{}|{}>{{x}}'.format('a', 2) }}") == "<a|2>{x}")
        #expect(try render("{{ '{1}{0}{1}'.format('a', 'b') }}") == "bab")
        #expect(throws: JinjaError.self) { try render("{{ '{}{0}'.format('a') }}") } // Python: cannot switch numbering
        #expect(throws: JinjaError.self) { try render("{{ '{name}'.format('a') }}") }
    }

    @Test func toJSONTakesTheArgumentsOfTheEnvironmentsFilter() throws {
        let value: [String: JinjaValue] = ["v": .dictionary(JinjaDictionary([("b", .string("ü")), ("a", .int(1))]))]
        #expect(try render("{{ v | tojson(ensure_ascii=True) }}", value, environment: .huggingFace) == "{\"b\": \"\\u00fc\", \"a\": 1}")
        #expect(try render("{{ v | tojson(sort_keys=True, separators=(',', ':')) }}", value, environment: .huggingFace) == "{\"a\":1,\"b\":\"ü\"}")
        do {
            _ = try render("{{ v | tojson(ensure_ascii=False) }}", value, environment: .llamaCppPython)
            Issue.record("jinja2's own tojson takes no ensure_ascii")
        } catch {
            #expect(error.message == "do_tojson() got an unexpected keyword argument 'ensure_ascii'")
        }
    }

    @Test func generationBlocksExistOnlyInTheHuggingFaceEnvironment() throws {
        let source = "{% generation %}answer{% endgeneration %}"
        #expect(try render(source, environment: .huggingFace) == "answer")
        #expect(throws: JinjaError.self) { try render(source, environment: .llamaCppPython) }
    }
}
