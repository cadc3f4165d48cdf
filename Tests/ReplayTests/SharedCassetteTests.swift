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

    /// Both data folders, every file: VCR.py, Ruby VCR, go-vcr, test-proxy, HAR, nock, httprr and
    /// extensionless VCR files all load; none is skipped as not a cassette; the chat, Responses
    /// and Messages interactions are there, with bodies (issue 17: 587 Ruby VCR and 235 test-proxy
    /// files stopped the folder; HAR and httprr files were not even listed).
    @Test("every file of both data folders loads as a cassette", .requires(.sharedCassettes))
    func bothFoldersLoad() throws {
        let root = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)")
        let more = root.deletingLastPathComponent().appendingPathComponent("cassettes-more")
        try #require(FileManager.default.fileExists(atPath: more.path), "../shared/data/cassettes-more is missing")
        let loaded = try SharedCassetteCache.load(paths: [root.path, more.path], strict: false)
        #expect(loaded.skipped.isEmpty, "\(loaded.skipped.prefix(5))")
        #expect(loaded.cassettes.count >= 3_120)
        var chat = 0, responses = 0, messages = 0, bodiless = 0
        for cassette in loaded.cassettes {
            for interaction in cassette.interactions where interaction.request.method == "POST" {
                let path = interaction.request.path.split(separator: "?").first.map(String.init) ?? ""
                if interaction.request.chatRoute != nil { chat += 1 } else if path.hasSuffix("/responses") { responses += 1 } else if path.hasSuffix("/messages") { messages += 1 }
                if case .empty = interaction.request.body { bodiless += 1 }
            }
        }
        #expect(chat >= 2_000 && responses >= 1_000 && messages >= 1_000, "chat \(chat), responses \(responses), messages \(messages)")
        // Recorded without a body: three Azure fixtures (`body: null`), two multipart uploads, one login.
        #expect(bodiless <= 6)
        print("both data folders: \(loaded.cassettes.count) files, \(chat) chat, \(responses) Responses, \(messages) Messages POSTs")
    }
}
