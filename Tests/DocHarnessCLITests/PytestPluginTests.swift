import DocHarnessTestSupport
import Foundation
import Testing

/// The pytest plugin (`python/pytest-docharness`) on its sample suite with the official `openai`
/// SDK (Tests/Oracles/pytest_plugin_oracle.py): installed by pip, it records each test into its own
/// cassette from a counting stand-in for the API, replays them offline, gives each of two tests
/// with identical requests its own answer even when one runs alone, fails on unused recordings
/// when asked, and names a missing cassette.
@Suite("pytest plugin", .serialized)
struct PytestPluginTests {
    @Test("records per test, replays offline, keeps identical requests apart, reports unused and missing cassettes", .requires(.oraclePython))
    func sampleSuite() throws {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let oracle = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/pytest_plugin_oracle.py").path
        let run = try ProcessRunner.run(python, [oracle, TestEnvironment.docharness.path])
        try #require(run.status == 0, "\(run.standardError)")
        let result = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let install = try #require(result["install"] as? [String: Any])
        try #require(install["status"] as? Int == 0, "pip could not install the plugin: \(install["output"] ?? "")")
        #expect(result["cassettes"] as? [String] == ["shared/colour.json", "test_colours/test_first.json", "test_colours/test_fixture.json",
                                                     "test_colours/test_parametrized[a+b_c].json", "test_colours/test_parametrized[dark red].json",
                                                     "test_colours/test_second.json", "test_colours/test_streamed.json"])
        let runs = try #require(result["runs"] as? [String: [String: Any]])
        func check(_ name: String, status: Int, upstream: Int, contains texts: [String] = []) {
            let entry = runs[name] ?? [:]
            let output = entry["output"] as? String ?? ""
            #expect(entry["status"] as? Int == status, "\(name): \(output)")
            #expect(entry["upstream_requests"] as? Int == upstream, "\(name): requests that reached the API")
            for text in texts { #expect(output.contains(text), "\(name) should say \(text): \(output)") }
        }
        check("record", status: 0, upstream: 7, contains: ["7 passed", "recorded 7"])
        check("replay", status: 0, upstream: 0, contains: ["7 passed", "0 of 7 recordings never served"])
        check("replay_one", status: 0, upstream: 0, contains: ["1 passed"])
        check("replay_unused", status: 1, upstream: 0, contains: ["6 of 7 recordings never served", "unused: ", "test_second.json:"])
        check("replay_missing", status: 1, upstream: 0, contains: ["the cassette `test_colours/test_first` has no recordings"])
    }
}
