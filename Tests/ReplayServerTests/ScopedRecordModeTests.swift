import ChatWire
import DocHarnessTestSupport
import Foundation
import Replay
import Testing
import Tokenization
@testable import ReplayServer

/// VCR.py's record modes per scope, in front of a real upstream socket (a lenient replay server
/// standing in for the API): each scope records into its own cassette file, which then replays
/// strictly, scope by scope.
@Suite("Scoped record modes")
struct ScopedRecordModeTests {
    static func recording(_ mode: RecordMode, upstream: String, root: String, cassettes: [Cassette] = []) -> ReplayService {
        var configuration = ReplayServerConfiguration(cassettes: cassettes, vocabularies: VocabularyStore(environment: [:]))
        configuration.cassetteRoots = [root]
        configuration.scopeRecording = ScopeRecording(mode: mode, template: RecordingConfiguration(upstream: upstream, cassetteFile: ""))
        return ReplayService(configuration: configuration)
    }

    static func prompt(_ text: String) -> String {
        #"{"messages":[{"role":"user","content":"\#(text)"}],"model":"gpt-4o-mini"}"#
    }

    @Test("new_episodes records each scope into its own file; once records only new cassettes; all replaces; the files replay by scope")
    func recordModesPerScope() async throws {
        let (upstreamService, _) = try RecordModeTests.lenientUpstream()
        let root = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try await InProcessReplayServer.with(upstreamService) { upstream in
            let service = Self.recording(.newEpisodes, upstream: upstream, root: root.path)
            for (scope, text) in [("tests/test_one", "first"), ("tests/test_two", "first"), ("tests/test_two", "second")] {
                let (status, _, answer) = await ScopedReplayTests.post(service, "/c/\(scope)/v1/chat/completions", body: Self.prompt(text))
                #expect(status == 200)
                #expect(answer.headers["x-docharness-recorded"] == root.path + "/\(scope).json")
            }
            await service.shutdown()
        }
        let one = try CassetteLoader.load(file: root.path + "/tests/test_one.json")
        let two = try CassetteLoader.load(file: root.path + "/tests/test_two.json")
        #expect(one.interactions.count == 1 && two.interactions.count == 2)

        // Replay, strict: each scope from its own file; a request test_one never made is a miss.
        let loaded = try CassetteLoader.load(paths: [root.path])
        var configuration = ReplayServerConfiguration(cassettes: loaded, vocabularies: VocabularyStore(environment: [:]))
        configuration.cassetteRoots = [root.path]
        let replay = ReplayService(configuration: configuration)
        #expect(await ScopedReplayTests.post(replay, "/c/tests/test_one/v1/chat/completions", body: Self.prompt("first")).0 == 200)
        #expect(await ScopedReplayTests.post(replay, "/c/tests/test_one/v1/chat/completions", body: Self.prompt("second")).0 == 400)
        #expect(await ScopedReplayTests.post(replay, "/c/tests/test_two/v1/chat/completions", body: Self.prompt("second")).0 == 200)

        try await InProcessReplayServer.with(upstreamService) { upstream in
            // once: test_one exists, so a new request there is a miss; a new cassette records.
            let once = Self.recording(.once, upstream: upstream, root: root.path, cassettes: loaded)
            #expect(await ScopedReplayTests.post(once, "/c/tests/test_one/v1/chat/completions", body: Self.prompt("third")).0 == 400)
            #expect(await ScopedReplayTests.post(once, "/c/tests/test_one/v1/chat/completions", body: Self.prompt("first")).0 == 200)
            #expect(await ScopedReplayTests.post(once, "/c/tests/test_three/v1/chat/completions", body: Self.prompt("third")).2.headers["x-docharness-recorded"] != nil)
            await once.shutdown()
            // all: test_two is recorded again from scratch: a request it holds goes upstream anyway.
            let all = Self.recording(.all, upstream: upstream, root: root.path, cassettes: loaded)
            let again = await ScopedReplayTests.post(all, "/c/tests/test_two/v1/chat/completions", body: Self.prompt("second"))
            #expect(again.2.headers["x-docharness-recorded"] == root.path + "/tests/test_two.json")
            await all.shutdown()
        }
        #expect(try CassetteLoader.load(file: root.path + "/tests/test_three.json").interactions.count == 1)
        #expect(try CassetteLoader.load(file: root.path + "/tests/test_one.json").interactions.count == 1, "once left it alone")
        let replaced = try CassetteLoader.load(file: root.path + "/tests/test_two.json")
        #expect(replaced.interactions.count == 1, "all replaced the file")
    }
}
