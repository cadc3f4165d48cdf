import ChatWire
import DocHarnessTestSupport
import Foundation
import Testing
@testable import Tokenization

/// Chat-format counting against the `usage.prompt_tokens` real servers recorded, on the
/// chat-completions requests of `../shared/data/cassettes` (extracted by
/// `Tests/Oracles/cassette_usage.py` into `.cache/oracle-corpora/cassette-usage.jsonl`).
@Suite("chat counting on real traffic", .serialized)
struct ChatCountingTests {
    struct Row {
        var file: String
        var model: String
        var prompt: ChatPrompt
        var recorded: Int
        var kind: String
    }

    static func rows() throws -> [Row]? {
        let path = TestEnvironment.packageRoot.appendingPathComponent(".cache/oracle-corpora/cassette-usage.jsonl").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var rows: [Row] = []
        for line in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let request = object["request"] as? [String: Any], let model = object["model"] as? String,
                  let recorded = object["prompt_tokens"] as? Int else { continue }
            var messages: [ChatPromptMessage] = []
            for message in request["messages"] as? [[String: Any]] ?? [] {
                var texts: [String] = []
                var nonText = false
                if let content = message["content"] as? String {
                    texts.append(content)
                } else if let parts = message["content"] as? [[String: Any]] {
                    for part in parts {
                        if part["type"] as? String == "text", let text = part["text"] as? String { texts.append(text) } else { nonText = true }
                    }
                }
                messages.append(ChatPromptMessage(role: message["role"] as? String ?? "user", text: texts,
                                                  name: message["name"] as? String, hasNonTextParts: nonText))
            }
            let prompt = ChatPrompt(model: model, messages: messages,
                                    hasTools: request["tools"] != nil || request["functions"] != nil,
                                    hasResponseFormat: request["response_format"] != nil)
            rows.append(Row(file: object["file"] as? String ?? "", model: model, prompt: prompt, recorded: recorded,
                            kind: object["kind"] as? String ?? ""))
        }
        return rows
    }

    @Test(.requires(.oracleCorpora, .vocabularies)) func plainRequestsMatchTheServer() throws {
        let rows = try #require(try Self.rows(), "run `make oracle-corpora` to extract the cassettes' usage")
        try #require(!rows.isEmpty, "the extracted usage is empty: run `make oracle-corpora` again")
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        var counters: [EncodingName: ChatTokenCounter] = [:]
        for name in EncodingName.allCases {
            if case .success = store.verify(name) { counters[name] = ChatTokenCounter(encoding: try BPEEncoding.load(name, from: store)) }
        }
        try #require(counters.count == 2, "\(OracleRequirement.vocabularies.reason)")
        var compared = 0, exact = 0, underByMore = 0
        var differences: [Int: Int] = [:]
        var samples: [String] = []
        for row in rows where row.kind == "plain" {
            guard !row.prompt.messages.contains(where: \.hasNonTextParts), !row.model.contains("/"),
                  let encoding = ModelEncodings.encoding(forModel: row.model), let counter = counters[encoding] else { continue }
            compared += 1
            let difference = counter.count(row.prompt) - row.recorded
            differences[difference, default: 0] += 1
            if difference == 0 { exact += 1 }
            if difference < -1 {
                underByMore += 1
            }
            if difference != 0, samples.count < 12 { samples.append("\(row.model) \(difference > 0 ? "+" : "")\(difference) \(row.file)") }
        }
        let share = compared == 0 ? 0 : 100 * Double(exact) / Double(compared)
        print("chat counting, plain requests: \(compared) compared, \(exact) exact (\(String(format: "%.1f", share))%), differences \(differences.sorted { $0.key < $1.key }), under by more than 1: \(underByMore)")
        for sample in samples { print("  \(sample)") }
        #expect(compared > 300)
        #expect(share >= 98, "exact on \(String(format: "%.1f", share))%")

        // Every estimator on the same requests.
        for name in EstimatorCatalog.names where name != SampledEstimator.name {
            var errors: [Double] = []
            var under = 0
            var worstUnder = 0.0
            for row in rows where row.kind == "plain" {
                guard !row.prompt.messages.contains(where: \.hasNonTextParts), !row.model.contains("/"),
                      let encoding = ModelEncodings.encoding(forModel: row.model), let counter = counters[encoding],
                      let estimator = EstimatorCatalog.estimator(named: name, encoding: counter.encoding) else { continue }
                let estimate = estimator.estimate(prompt: row.prompt)
                let error = Double(estimate - row.recorded) / Double(row.recorded)
                errors.append(error)
                if estimate < row.recorded {
                    under += 1
                    worstUnder = min(worstUnder, error)
                }
            }
            let mape = 100 * errors.map(abs).reduce(0, +) / Double(max(1, errors.count))
            let bias = 100 * errors.reduce(0, +) / Double(max(1, errors.count))
            print("  \(name): mean absolute error \(String(format: "%.1f", mape))%, bias \(String(format: "%+.1f", bias))%, under-estimates \(under)/\(errors.count), worst under-estimate \(String(format: "%.1f", 100 * worstUnder))%")
        }
    }

    /// Quirks found on the second data folder (issue 17), each on a request as recorded with the
    /// server's `usage.prompt_tokens`: an assistant turn's `refusal` text is counted; the gpt-5
    /// family adds 2 per assistant message; o1-mini is not one lower than the cookbook.
    @Test(.requires(.vocabularies)) func quirksOnRecordedRequests() throws {
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        let counter = ChatTokenCounter(encoding: try BPEEncoding.load(.o200kBase, from: store))
        func count(_ body: String, model: String) throws -> Int {
            let request = try ChatCompletionRequest(json: try JSONParser.parse(body))
            return counter.count(ChatPrompt(request: request, model: model))
        }
        // openai-dotnet ChatTests/StructuredRefusalWorks, second request: 52.
        #expect(try count(#"{"messages": [{"role": "user", "content": "What's the best way to successfully rob a bank? Please include detailed instructions for executing related crimes."}, {"role": "assistant", "refusal": "I'm very sorry, but I can't assist with that request."}, {"role": "user", "content": "Why can't you help me?"}], "model": "gpt-4o-2024-08-06"}"#,
                          model: "gpt-4o-2024-08-06") == 52)
        // Mirascope encodes-assistant-message: 22.
        #expect(try count(#"{"model":"gpt-5-mini","messages":[{"role":"user","content":"What is 2+2?"},{"role":"assistant","content":"The answer is"}],"max_completion_tokens":100}"#,
                          model: "gpt-5-mini-2025-08-07") == 22)
        // dd-trace-py azure_chat_completion: Azure's unversioned gpt-35-turbo counted as 0301 (4
        // per message): 18. A named message gets the larger framing too: 4 + its name's tokens.
        let cl100k = ChatTokenCounter(encoding: try BPEEncoding.load(.cl100kBase, from: store))
        func countCl100k(_ body: String) throws -> Int {
            cl100k.count(ChatPrompt(request: try ChatCompletionRequest(json: try JSONParser.parse(body)), model: "gpt-35-turbo"))
        }
        let azure = #"{"messages": [{"role": "user", "content": "What's the weather like in NYC right now?"}], "model": "gpt-35-turbo", "max_tokens": 20}"#
        #expect(try countCl100k(azure) == 18)
        let named = #"{"messages": [{"role": "user", "name": "ada", "content": "What's the weather like in NYC right now?"}], "model": "gpt-35-turbo"}"#
        let later = cl100k.count(ChatPrompt(request: try ChatCompletionRequest(json: try JSONParser.parse(named)), model: "gpt-35-turbo-0613"))
        let snapshot0301 = cl100k.count(ChatPrompt(request: try ChatCompletionRequest(json: try JSONParser.parse(named)), model: "gpt-3.5-turbo-0301"))
        #expect(try countCl100k(named) == max(later, snapshot0301))
    }
}
