import ChatWire
import DocHarnessTestSupport
import Foundation
import Testing
@testable import Replay

/// The real-world test set: every chat-completions interaction of `../shared/data/cassettes`
/// must load, and sent back as recorded, must be answered by its own recorded response.
@Suite("Shared cassettes")
struct SharedCassetteTests {
    @Test("every chat-completions interaction loads and replays its own episode", .requires(.sharedCassettes))
    func everyInteractionReplays() throws {
        let root = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)")
        let files = try CassetteLoader.files(under: root.path)
        #expect(files.count == 866)
        var chat = 0
        var withUsage = 0
        var streamed = 0
        var azure = 0
        for file in files {
            let cassette = try CassetteLoader.load(file: file)
            let engine = ReplayEngine(cassettes: [cassette])
            for (index, interaction) in cassette.interactions.enumerated() {
                guard let route = interaction.request.chatRoute else { continue }
                chat += 1
                if case .azure = route { azure += 1 }
                if interaction.response.body.isEventStream { streamed += 1 }
                if interaction.response.status == 200, interaction.response.body.usage != nil { withUsage += 1 }
                switch engine.replay(interaction.request) {
                case .matched(let answer, let match):
                    #expect(answer.response == interaction.response, "\(cassette.source(of: index))")
                    #expect(match.source.index == index || cassette.interactions[match.source.index].request == interaction.request)
                case .unmatched(let unmatched):
                    Issue.record("\(cassette.source(of: index)) did not match: \(unmatched.diff)")
                }
            }
        }
        #expect(chat == 1092)
        #expect(withUsage >= 990)
        #expect(streamed >= 70)
        #expect(azure >= 33)
        print("shared cassettes: \(files.count) files, \(chat) chat-completions interactions (\(withUsage) with usage, \(streamed) streamed, \(azure) Azure)")
    }
}
