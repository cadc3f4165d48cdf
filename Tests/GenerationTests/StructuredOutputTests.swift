import ChatWire
@testable import Generation
import Testing

@Suite("Structured output forms")
struct StructuredOutputTests {
    static func request() -> ChatCompletionRequest {
        ChatCompletionRequest(model: "m", messages: [.text("system", "Be precise."), .text("user", "Document f.")])
    }

    @Test("each form asks for the schema its own way, and falls back json_schema → json_object → prompt")
    func forms() throws {
        var schema = Self.request()
        StructuredOutput.jsonSchema.apply(to: &schema)
        #expect(schema.responseFormat?.type == "json_schema")
        var object = Self.request()
        StructuredOutput.jsonObject.apply(to: &object)
        #expect(object.responseFormat?.type == "json_object")
        #expect(object.responseFormat?.additionalFields.first { $0.key == "schema" }?.value == DocstringAnswer.schema)
        var prompt = Self.request()
        StructuredOutput.prompt.apply(to: &prompt)
        #expect(prompt.responseFormat == nil)
        guard case .text(let system)? = prompt.messages.first?.content else { Issue.record("no system text"); return }
        #expect(system.hasPrefix("Be precise.\n\nAnswer with one JSON object") && system.hasSuffix(JSONWriter.string(DocstringAnswer.schema)))
        #expect(StructuredOutput.jsonSchema.fallback == .jsonObject && StructuredOutput.jsonObject.fallback == .prompt && StructuredOutput.prompt.fallback == nil)
    }

    @Test("a refusal that names response_format or the form moves on; other failures do not")
    func refusals() {
        let llamaCpp = GenerationFailure.exhausted(attempts: 6, lastReason: "HTTP 500: 1 validation error: {'loc': ('body', 'response_format', 'type'), 'input': 'json_schema'}")
        #expect(StructuredOutput.jsonSchema.isRefused(by: llamaCpp))
        #expect(StructuredOutput.jsonObject.isRefused(by: .rejected(status: 400, code: nil, message: "json_object is not supported")))
        #expect(!StructuredOutput.jsonSchema.isRefused(by: .rejected(status: 401, code: "invalid_api_key", message: "Incorrect API key")))
        #expect(!StructuredOutput.jsonSchema.isRefused(by: .invalidAnswer(reason: "not JSON")))
    }

    @Test("a repair request shows the model its answer and what was wrong, without the old max_tokens")
    func repair() {
        var request = Self.request()
        request.maxTokens = 500
        let repaired = DocstringGenerator.repairRequest(request, answer: "{\"summary\": 1}", rejection: .init(problems: ["/summary: expected string, found number"]))
        #expect(repaired.maxTokens == nil)
        #expect(repaired.messages.count == 4)
        #expect(repaired.messages[2].role == "assistant")
        guard case .text(let text)? = repaired.messages[3].content else { Issue.record("no repair text"); return }
        #expect(text.contains("/summary: expected string, found number"))
    }
}
