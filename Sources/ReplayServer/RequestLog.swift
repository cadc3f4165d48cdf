import ChatWire
import Synchronization

/// What the replay server did with each request, newest last, in bounded memory: the last
/// `capacity` entries (`GET /__admin/log`). Each entry says where the answer came from — the
/// recording (`FILE:LINE (interaction K) episode E/N`), a miss with the nearest recording, a
/// recording made upstream, a fault — so a test that got the wrong answer can see why.
final class RequestLog: Sendable {
    /// One request.
    struct Entry: Sendable {
        /// The 1-based position of the request since the server started.
        var sequence: Int
        /// The method.
        var method: String
        /// The path, without a `/c/NAME` prefix.
        var path: String
        /// The cassette the request named, if any.
        var scope: String?
        /// The status answered.
        var status: Int
        /// `matched`, `unmatched`, `recorded`, `faulted`, `rejected`, …
        var outcome: String
        /// The recording that answered, the nearest one to a miss, or why the request was refused.
        var detail: String?

        var json: JSONValue {
            var members = [JSONMember("sequence", .integer(sequence)), JSONMember("method", .string(method)), JSONMember("path", .string(path))]
            members.append(JSONMember("scope", scope.map(JSONValue.string) ?? .null))
            members += [JSONMember("status", .integer(status)), JSONMember("outcome", .string(outcome))]
            members.append(JSONMember("detail", detail.map(JSONValue.string) ?? .null))
            return .object(members)
        }
    }

    /// How many entries are kept.
    let capacity: Int
    private let state: Mutex<(entries: [Entry], next: Int, count: Int)>

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        state = Mutex(([], 0, 0))
    }

    /// Adds an entry, dropping the oldest when full.
    func add(method: String, path: String, scope: String?, status: Int, outcome: String, detail: String?) {
        state.withLock { state in
            state.count += 1
            let entry = Entry(sequence: state.count, method: method, path: String(path.prefix(1000)), scope: scope, status: status,
                              outcome: outcome, detail: detail.map { String($0.prefix(2000)) })
            if state.entries.count < capacity {
                state.entries.append(entry)
            } else {
                state.entries[state.next] = entry
            }
            state.next = (state.next + 1) % capacity
        }
    }

    /// The newest `limit` entries, oldest first, of `scope` only when given.
    func entries(limit: Int, scope: String?) -> (entries: [Entry], total: Int) {
        state.withLock { state in
            let ordered = state.entries.count < capacity ? state.entries : Array(state.entries[state.next...] + state.entries[..<state.next])
            let chosen = scope.map { name in ordered.filter { $0.scope == name } } ?? ordered
            return (Array(chosen.suffix(max(0, limit))), state.count)
        }
    }

    /// Forgets every entry (the sequence goes on).
    func clear() {
        state.withLock { state in
            state.entries.removeAll()
            state.next = 0
        }
    }
}
