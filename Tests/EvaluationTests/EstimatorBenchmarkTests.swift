import DocHarnessTestSupport
import Foundation
import Evaluation
import Generation
import Replay
import Testing
import Tokenization

/// The estimator benchmark on the real recorded traffic: the figures docs/token-counting.md and
/// the README quote.
@Suite("Estimators on real traffic")
struct EstimatorBenchmarkTests {
    /// Hand-written dd-trace fixtures (id `chatcmpl-ai-guard-test`, `prompt_tokens` 20 for a
    /// request with a function definition): not what a server counted.
    static let handWritten = ["openai_chat_completions_post_23dfb471.json", "openai_chat_completions_post_5bb04f9e.json",
                              "openai_chat_completions_post_f9fa0b14.json"]

    @Test("chat: ≥98% exact on plain requests, never more than 1 under; under 5% error with tools or response_format",
          .requires(.sharedCassettes, .vocabularies))
    func chatOnRealTraffic() throws {
        let folder = try #require(TestEnvironment.sharedCassettes, "\(OracleRequirement.sharedCassettes.reason)")
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        try #require((try? store.verify(.o200kBase).get()) != nil && (try? store.verify(.cl100kBase).get()) != nil, "make encodings")
        let cassettes = try CassetteLoader.load(paths: [folder.path]).filter { cassette in !Self.handWritten.contains { cassette.path.hasSuffix($0) } }
        let result = try EstimatorBenchmark(store: store).run(EstimatorSample.samples(from: cassettes))
        let plain = try #require(result.chatByClass["plain"])
        print("chat on real traffic:", result.chatByClass.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.count) exact \($0.value.exact) MAPE \($0.value.meanAbsolutePercentError)% worst under \($0.value.worstUnderEstimate)" })
        #expect(plain.count >= 400)
        #expect(Double(plain.exact) / Double(plain.count) >= 0.98)
        #expect(plain.worstUnderEstimate <= 1)
        let tools = try #require(result.chatByClass["tools"]), format = try #require(result.chatByClass["response_format"])
        let combined = (tools.meanAbsolutePercentError * Double(tools.count) + format.meanAbsolutePercentError * Double(format.count)) / Double(tools.count + format.count)
        #expect(tools.count >= 180 && format.count >= 100)
        #expect(combined < 5, "tools or response_format: \(combined)% mean absolute error")
        #expect(format.worstUnderEstimate <= 12)
        // The text estimators are far off, and the exact chat count leaves the safe zone least often.
        let crossings = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.estimator, $0.safeZoneCrossings) })
        #expect(crossings["chat"]! < crossings["chars/4"]! && crossings["chat"]! <= 5)
    }
}
