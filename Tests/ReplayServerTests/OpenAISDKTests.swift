import DocHarnessTestSupport
import Foundation
import Replay
import ReplayServer
import Testing
import Tokenization

/// The oracle of the replay server: the official `openai` Python SDK, over a real socket, against
/// a server embedded in this process on an ephemeral port.
@Suite("openai SDK against the replay server", .requires(.oraclePython))
struct OpenAISDKTests {
    static let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/ReplayServerTests/Fixtures")

    @Test("plain, streaming with usage, tools, response_format, Azure, a 429 retried, an unmatched prompt, a dropped stream, the context cliff")
    func sdkScenarios() async throws {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let cassette = try CassetteLoader.load(file: Self.fixtures.appendingPathComponent("sdk-scenarios.json").path)
        let plan = try FaultPlan.parse(Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("sdk-faults.json"))), file: "sdk-faults.json")
        let service = ReplayService(configuration: ReplayServerConfiguration(cassettes: [cassette], faultPlan: plan, vocabularies: VocabularyStore(environment: ProcessInfo.processInfo.environment)))
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/openai_client.py").path
        let result = try await InProcessReplayServer.with(service) { baseURL in try await ProcessRunner.runDetached(python, [script, baseURL]) }
        let counts = service.counters.snapshot
        #expect(result.status == 0, "\(result.standardError)")
        guard result.status == 0 else { return }
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])

        let plain = try #require(output["plain"] as? [String: Any])
        #expect(plain["content"] as? String == "Hello!")
        #expect(plain["prompt_tokens"] as? Int == 13)
        let stream = try #require(output["stream"] as? [String: Any])
        #expect(stream["content"] as? String == "Hello!")
        #expect(stream["prompt_tokens"] as? Int == 13)
        #expect(stream["chunks"] as? Int == 5)
        let tools = try #require(output["tools"] as? [String: Any])
        #expect(tools["name"] as? String == "get_weather")
        #expect((tools["arguments"] as? [String: String]) == ["city": "Paris"])
        #expect((output["response_format"] as? [String: String]) == ["summary": "Return the sum of a and b."])
        #expect((output["azure"] as? [String: String]) == ["content": "Hello from Azure!"])
        let retry = try #require(output["retry"] as? [String: Any])
        #expect(retry["content"] as? String == "Hello after a retry!")
        #expect(retry["retries_taken"] as? Int == 1)
        #expect((retry["seconds"] as? Double ?? 0) >= 0.3, "the SDK waited for retry-after-ms")
        let unmatched = try #require(output["unmatched"] as? [String: Any])
        #expect(unmatched["status"] as? Int == 400)
        #expect(unmatched["code"] as? String == "unmatched_request")
        let message = unmatched["message"] as? String ?? ""
        #expect(message.contains("Nearest recorded request: \(cassette.path):"))
        #expect(message.contains("-    Say hello in one word.\n+    Say hello in two words."))
        let dropped = try #require(output["dropped"] as? [String: Any])
        #expect(dropped["raised"] is String, "a stream cut after two events must raise in the client")
        let context = try #require(output["context"] as? [String: Any])
        #expect(context["code"] as? String == "context_length_exceeded")
        #expect((context["message"] as? String ?? "").contains("This model's maximum context length is 50 tokens. However, you requested 113 tokens (13 in the messages, 100 in the completion)."))
        #expect((output["episodes"] as? [String]) == ["One.", "Two."])

        #expect(counts[.matched] == 9)
        #expect(counts[.unmatched] == 1)
        #expect(counts[.faulted] == 2)
        #expect(counts[.contextLengthExceeded] == 1)
    }
}
