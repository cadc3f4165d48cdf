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
/// run again, load tests) is not parsed and canonicalized again. Bounded in bytes, not entries:
/// an analysis costs about 12 times its body (the body, its parsed JSON, the typed request, the
/// canonical key), so the cache counts 12 × body bytes against `capacityBytes` and is emptied when
/// full; a body larger than a sixteenth of it is not kept at all. (Bounded by count, 53 distinct
/// 7.5 MiB requests held 6 GB.)
final class ChatRequestAnalysisCache: Sendable {
    private struct Entry: Hashable, Sendable {
        let path: String
        let body: [UInt8]

        func hash(into hasher: inout Hasher) {
            hasher.combine(path)
            body.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private let entries = Mutex<(map: [Entry: ChatRequestAnalysis], bytes: Int)>(([:], 0))
    private let capacityBytes: Int

    /// How much an analysis costs per byte of its body.
    static let bytesPerBodyByte = 12

    init(capacityBytes: Int) {
        self.capacityBytes = capacityBytes
    }

    /// The bytes the cache holds now (by its estimate).
    var heldBytes: Int { entries.withLock { $0.bytes } }

    func analysis(path: String, body: [UInt8]) -> ChatRequestAnalysis? {
        entries.withLock { $0.map[Entry(path: path, body: body)] }
    }

    func store(_ analysis: ChatRequestAnalysis, path: String, body: [UInt8]) {
        let cost = (body.count + path.utf8.count) * Self.bytesPerBodyByte
        guard cost <= capacityBytes / 16 else { return }
        entries.withLock { entries in
            if entries.bytes + cost > capacityBytes { entries = ([:], 0) }
            if entries.map.updateValue(analysis, forKey: Entry(path: path, body: body)) == nil { entries.bytes += cost }
        }
    }
}
