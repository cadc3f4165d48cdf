import DocHarnessTestSupport
import Foundation
import Replay
import Synchronization
import ReplayServer
import Testing
import Tokenization

/// Every chat-completions interaction of `../shared/data/cassettes`, sent back over HTTP as it was
/// recorded, is answered with the recorded response: the same JSON value or the same events.
/// The requests and the expected answers are read by `Tests/Oracles/replay_oracle.py` with PyYAML,
/// independently of DocHarness's own reader. In `../shared/data/cassettes-more` every Responses API
/// and Messages API interaction (and every chat completion) that reader can read replays the same
/// way, each from its own file (`/c/FILE/`): identical requests recorded in several files no longer
/// answer for one another. The official SDKs read the Responses and Messages answers back as their
/// callers would (`Tests/Oracles/sdk_replay_new_apis.py`, from the SDK venv).
@Suite("Shared cassettes over HTTP")
struct SharedCassetteReplayTests {
    @Test("all 1,092 recorded chat completions replay byte-equivalent", .requires(.oraclePython, .sharedCassettes))
    func everyInteractionOverHTTP() async throws {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let root = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)")
        let cassettes = try SharedCassetteCache.load(paths: [root.path])
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

    @Test("every Responses, Messages and chat interaction of cassettes-more replays byte-equivalent, each from its own file",
          .requires(.oraclePython, .sharedCassettes), arguments: [("responses", 572, 223), ("messages", 679, 298), ("chat", 950, 272)])
    func moreInteractionsScoped(api: String, interactions: Int, streams: Int) async throws {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let root = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)").deletingLastPathComponent().appendingPathComponent("cassettes-more")
        try #require(FileManager.default.fileExists(atPath: root.path), "\(root.path) is missing (../shared/data/cassettes-more)")
        let service = try Self.moreService(root: root.path)
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/replay_oracle.py").path
        let result = try await InProcessReplayServer.with(service) { baseURL in
            try await ProcessRunner.runDetached(python, [script, root.path, baseURL, "--api", api, "--scoped"])
        }
        #expect(result.status == 0, "\(result.standardError)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let counts = try #require(output["counts"] as? [String: Int])
        print("\(api) over HTTP, scoped: \(counts)")
        #expect(counts["chat"] == interactions)
        #expect(counts["events_equal"] == streams, "streams compared event by event, names included")
        #expect(counts["mismatch"] == 0, "\(output["mismatches"] ?? "")")
    }

    @Test("the official openai (chat, responses) and anthropic (messages) SDKs get every recorded answer back, streams chunk by chunk or event by event",
          .requires(.sdkPython, .sharedCassettes),
          arguments: [("cassettes-more", 913, 553, 672, 779), ("cassettes", 1_029, 76, 99, 88)])
    func officialSDKs(folder: String, chat: Int, responses: Int, messages: Int, streams: Int) async throws {
        let python = try #require(TestEnvironment.sdkPython, "\(OracleRequirement.sdkPython.reason)")
        let root = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)").deletingLastPathComponent().appendingPathComponent(folder)
        try #require(FileManager.default.fileExists(atPath: root.path), "\(root.path) is missing (../shared/data/\(folder))")
        // A service of its own: the replay oracle's runs advance the shared one's episodes.
        let service = try Self.service(root: root.path)
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/sdk_replay_new_apis.py").path
        let result = try await InProcessReplayServer.with(service) { baseURL in
            try await ProcessRunner.runDetached(python, [script, root.path, baseURL])
        }
        #expect(result.status == 0, "\(result.standardError)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let counts = try #require(output["counts"] as? [String: Int])
        print("official SDKs over HTTP, \(folder), scoped: \(counts)")
        #expect(counts["chat"] == chat && counts["chat_equal"] == chat)
        #expect(counts["responses"] == responses && counts["responses_equal"] == responses)
        #expect(counts["messages"] == messages && counts["messages_equal"] == messages)
        #expect(counts["streams"] == streams)
        #expect(counts["mismatch"] == 0, "\(output["mismatches"] ?? "")")
    }

    /// One service over cassettes-more for the three runs of the replay oracle.
    static func moreService(root: String) throws -> ReplayService {
        try moreServiceCache.withLock { cache in
            if let service = cache { return service }
            let service = try Self.service(root: root)
            cache = service
            return service
        }
    }

    /// A new service over a data folder, each file its own scope (the files are loaded once per
    /// test process).
    static func service(root: String) throws -> ReplayService {
        let cassettes = try SharedCassetteCache.load(paths: [root])
        var configuration = ReplayServerConfiguration(cassettes: cassettes, vocabularies: VocabularyStore(environment: ProcessInfo.processInfo.environment))
        configuration.cassetteRoots = [root]
        return ReplayService(configuration: configuration)
    }

    static let moreServiceCache = Mutex<ReplayService?>(nil)
}
