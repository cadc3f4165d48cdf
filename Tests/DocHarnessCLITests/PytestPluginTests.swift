import DocHarnessTestSupport
import Foundation
import Testing

/// The pytest plugin (`python/pytest-docharness`) on its sample suite with the official `openai`
/// (chat completions, Responses) and `anthropic` (Messages) SDKs, from the SDK venv
/// (Tests/Oracles/pytest_plugin_oracle.py): installed by pip, it replays the committed cassettes
/// strictly, gives each of two tests with identical requests its own answer even when one runs
/// alone, fails on unused recordings when asked, names a missing cassette, records just the missing
/// ones in `new_episodes`, and records the whole suite from nothing as the committed cassettes were.
@Suite("pytest plugin", .serialized)
struct PytestPluginTests {
    static let cassettes = ["shared/colour.json", "test_apis/test_claude.json", "test_apis/test_claude_again.json", "test_apis/test_claude_streamed.json",
                            "test_apis/test_responses.json", "test_apis/test_responses_streamed.json", "test_colours/test_first.json",
                            "test_colours/test_fixture.json", "test_colours/test_parametrized[a+b_c].json", "test_colours/test_parametrized[dark red].json",
                            "test_colours/test_second.json", "test_colours/test_streamed.json"]

    @Test("replays committed cassettes, keeps identical requests apart, reports unused and missing cassettes, records what is missing", .requires(.sdkPython))
    func sampleSuite() throws {
        let python = try #require(TestEnvironment.sdkPython, "\(OracleRequirement.sdkPython.reason)")
        let oracle = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/pytest_plugin_oracle.py").path
        let run = try ProcessRunner.run(python, [oracle, TestEnvironment.docharness.path])
        try #require(run.status == 0, "\(run.standardError)")
        let result = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let install = try #require(result["install"] as? [String: Any])
        try #require(install["status"] as? Int == 0, "pip could not install the plugin: \(install["output"] ?? "")")
        #expect(result["committed"] as? [String] == Self.cassettes)
        #expect(result["cassettes"] as? [String] == Self.cassettes)
        #expect(result["differs_from_committed"] as? [String] == [], "recorded now ≠ committed (DOCHARNESS_UPDATE_SAMPLE_CASSETTES=1 re-records them)")
        let runs = try #require(result["runs"] as? [String: [String: Any]])
        func check(_ name: String, status: Int, upstream: Int, contains texts: [String] = []) {
            let entry = runs[name] ?? [:]
            let output = entry["output"] as? String ?? ""
            #expect(entry["status"] as? Int == status, "\(name): \(output)")
            #expect(entry["upstream_requests"] as? Int == upstream, "\(name): requests that reached the API")
            for text in texts { #expect(output.contains(text), "\(name) should say \(text): \(output)") }
        }
        check("replay", status: 0, upstream: 0, contains: ["12 passed", "0 of 12 recordings never served"])
        check("replay_one", status: 0, upstream: 0, contains: ["1 passed"])
        check("replay_unused", status: 1, upstream: 0, contains: ["11 of 12 recordings never served", "unused: ", "test_second.json:"])
        check("replay_missing", status: 1, upstream: 0, contains: ["the cassette `test_colours/test_first` has no recordings"])
        check("record_missing", status: 0, upstream: 2, contains: ["12 passed", "recorded 2"])
        check("replay_again", status: 0, upstream: 0, contains: ["12 passed", "0 of 12 recordings never served"])
        check("record", status: 0, upstream: 12, contains: ["12 passed", "recorded 12"])
    }
}
