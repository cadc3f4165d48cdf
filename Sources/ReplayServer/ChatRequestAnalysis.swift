import ChatWire
import Replay
import Synchronization

/// What the server derives from a chat request body before answering: the parsed JSON, the
/// typed request, the matching key, the model (the deployment for Azure when the body names
/// none), its context window, and its prompt tokens when the cliff or a tokens-per-minute limit
/// needs them.
struct ChatRequestAnalysis: Sendable {
    let value: JSONValue
    let chat: ChatCompletionRequest
    let key: RequestKey
    let model: String
    let window: Int?
    let promptTokensIfNeeded: Int?
}

/// Remembers the analysis of recent request bodies, so a body sent again (retries, test suites
/// run again, load tests) is not parsed and canonicalized again. Bounded: emptied when full.
final class ChatRequestAnalysisCache: Sendable {
    private struct Entry: Hashable, Sendable {
        let path: String
        let body: [UInt8]

        func hash(into hasher: inout Hasher) {
            hasher.combine(path)
            body.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private let entries = Mutex<[Entry: ChatRequestAnalysis]>([:])
    private let capacity: Int

    init(capacity: Int = 1_024) {
        self.capacity = capacity
    }

    func analysis(path: String, body: [UInt8]) -> ChatRequestAnalysis? {
        entries.withLock { $0[Entry(path: path, body: body)] }
    }

    func store(_ analysis: ChatRequestAnalysis, path: String, body: [UInt8]) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[Entry(path: path, body: body)] = analysis
        }
    }
}
