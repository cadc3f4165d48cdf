import ChatWire
import DocHarnessTestSupport
import Foundation
import Replay
import Testing

/// `serve --convert-streams` for the Responses and Messages APIs, on every recorded answer of
/// `../shared/data/cassettes-more`: a JSON answer made into events and read back is the same
/// value, and a recorded stream read as one body, made into events and read back, too.
@Suite("Responses and Messages stream conversion")
struct StreamConversionTests {
    @Test("every recorded Responses and Messages answer converts both ways and back to the same value", .requires(.sharedCassettes))
    func roundTripOnRealTraffic() throws {
        let root = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)").deletingLastPathComponent().appendingPathComponent("cassettes-more")
        try #require(FileManager.default.fileExists(atPath: root.path), "../shared/data/cassettes-more is missing")
        var counts: [String: Int] = [:]
        var failures: [String] = []
        for cassette in try SharedCassetteCache.load(paths: [root.path], strict: false).cassettes {
            for (index, interaction) in cassette.interactions.enumerated() where interaction.response.status == 200 {
                guard let api = WireAPI(path: interaction.request.path), api != .chatCompletions else { continue }
                let source = "\(cassette.path)#\(index)"
                do {
                    switch interaction.response.body {
                    case .json(let value):
                        let back = api == .responses
                            ? try ResponsesStreamConversion.response(from: try ResponsesStreamConversion.events(from: value))
                            : try MessagesStreamConversion.message(from: try MessagesStreamConversion.events(from: value))
                        if !back.isEquivalent(to: value) { failures.append("\(source): JSON → events → JSON differs") }
                        counts["\(api.rawValue) JSON", default: 0] += 1
                    case .events(let events):
                        let whole = api == .responses ? try ResponsesStreamConversion.response(from: events) : try MessagesStreamConversion.message(from: events)
                        let back = api == .responses
                            ? try ResponsesStreamConversion.response(from: try ResponsesStreamConversion.events(from: whole))
                            : try MessagesStreamConversion.message(from: try MessagesStreamConversion.events(from: whole))
                        if !back.isEquivalent(to: whole) { failures.append("\(source): stream → JSON → events → JSON differs") }
                        counts["\(api.rawValue) stream", default: 0] += 1
                    default: continue
                    }
                } catch {
                    failures.append("\(source): \(error)")
                }
            }
        }
        print("stream conversion round trips:", counts.sorted { $0.key < $1.key })
        #expect((counts["Responses JSON"] ?? 0) >= 300 && (counts["Messages JSON"] ?? 0) >= 300)
        #expect((counts["Responses stream"] ?? 0) >= 200 && (counts["Messages stream"] ?? 0) >= 250)
        #expect(failures.isEmpty, "\(failures.count) failed, first: \(failures.prefix(5))")
    }
}
