import DocHarnessTestSupport
import Foundation
import Replay
import ReplayServer
import Testing
import Tokenization

/// Every chat-completions interaction of `../shared/data/cassettes`, sent back over HTTP as it was
/// recorded, is answered with the recorded response: the same JSON value or the same events.
/// The requests and the expected answers are read by `Tests/Oracles/replay_oracle.py` with PyYAML,
/// independently of DocHarness's own reader.
@Suite("Shared cassettes over HTTP")
struct SharedCassetteReplayTests {
    @Test("all 1,092 recorded chat completions replay byte-equivalent", .requires(.oraclePython, .sharedCassettes))
    func everyInteractionOverHTTP() async throws {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let root = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)")
        let cassettes = try CassetteLoader.load(paths: [root.path])
        let service = ReplayService(configuration: ReplayServerConfiguration(cassettes: cassettes, vocabularies: VocabularyStore(environment: ProcessInfo.processInfo.environment)))
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/replay_oracle.py").path
        let result = try await InProcessReplayServer.with(service) { baseURL in try await ProcessRunner.runDetached(python, [script, root.path, baseURL]) }
        #expect(result.status == 0, "\(result.standardError)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let counts = try #require(output["counts"] as? [String: Int])
        #expect(counts["chat"] == 1092)
        #expect(counts["mismatch"] == 0, "\(output["mismatches"] ?? "")")
        #expect(counts["events_equal"] == 74)
        print("replay over HTTP: \(counts)")
    }
}
