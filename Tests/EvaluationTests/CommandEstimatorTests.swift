import DocHarnessTestSupport
import Evaluation
import Foundation
import Replay
import Testing
import Tokenization

/// `bench estimators --estimator-command`: a team's own estimator as a program, measured in the
/// same table as the built-in ones.
@Suite("Estimator commands", .requires(.vocabularies))
struct CommandEstimatorTests {
    static let samples: [EstimatorSample] = {
        let cassettes = (try? CassetteLoader.load(paths: [TestEnvironment.packageRoot.appendingPathComponent("corpora/cassettes").path])) ?? []
        return EstimatorSample.samples(from: cassettes)
    }()

    static func benchmark() -> EstimatorBenchmark {
        EstimatorBenchmark(store: VocabularyStore(environment: ProcessInfo.processInfo.environment))
    }

    @Test("a command's counts get a row of their own, after the built-in estimators, measured against the recorded usage")
    func measuresACommand() throws {
        try #require(!Self.samples.isEmpty)
        // Counts each request's characters of message content / 4 (the seeds' estimator), by line.
        let command = #"python3 -c 'import sys, json; [print(sum(len(m.get("content") or "") for m in json.loads(l)["messages"]) // 4) for l in sys.stdin]'"#
        let result = try Self.benchmark().run(Self.samples, commands: [CommandEstimator(command: command)])
        let row = try #require(result.rows.last)
        #expect(row.estimator == "command: " + command)
        #expect(row.count == result.measured)
        let expected = Self.samples.map { sample -> Double in
            let characters = sample.request.messages.reduce(0) { total, message in
                if case .text(let text)? = message.content { return total + text.count } else { return total }
            }
            return abs(Double(characters / 4 - sample.recordedPromptTokens)) / Double(sample.recordedPromptTokens) * 100
        }
        #expect(abs(row.meanAbsolutePercentError - expected.reduce(0, +) / Double(expected.count)) < 0.01)
    }

    @Test("a command that fails, or writes too few counts or a word, is an error that says what to write")
    func refusesBadOutput() throws {
        let requests = Self.samples.prefix(3).map(\.request)
        #expect(throws: CommandEstimator.Failure.self) { try CommandEstimator(command: "exit 3").estimates(Array(requests)) }
        do {
            _ = try CommandEstimator(command: "head -n 1 >/dev/null; echo 5").estimates(Array(requests))
            Issue.record("too few counts were accepted")
        } catch {
            #expect(error.description.contains("wrote 1 counts for 3 requests"))
        }
        do {
            _ = try CommandEstimator(command: "cat >/dev/null; printf '1\\nmany\\n3\\n'").estimates(Array(requests))
            Issue.record("a word was accepted as a count")
        } catch {
            #expect(error.description.contains("output line 2 is 'many'"))
        }
    }
}
