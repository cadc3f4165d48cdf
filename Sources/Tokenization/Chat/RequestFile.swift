import ChatWire

/// Chat-completions requests in a file: one JSON request (pretty-printed or not), or one request
/// per line (JSONL; blank lines skipped). A line that is not a request is a problem naming its
/// line; the others are still read.
public struct RequestFile: Sendable {
    /// A request and the line it starts on.
    public struct Entry: Sendable {
        public let line: Int
        public let request: ChatCompletionRequest
    }

    /// A line that is not a chat-completions request, and why.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public let entries: [Entry]
    public let problems: [Problem]

    /// Reads the requests in `bytes`.
    public init(bytes: [UInt8]) {
        var entries: [Entry] = []
        var problems: [Problem] = []
        func add(_ json: JSONValue, line: Int) {
            do {
                entries.append(Entry(line: line, request: try ChatCompletionRequest(json: json, path: "")))
            } catch {
                problems.append(Problem(line: line, reason: "not a chat-completions request (\(error))"))
            }
        }
        if let whole = try? JSONParser.parse(bytes), case .object = whole {
            add(whole, line: 1)
        } else {
            var line = 1
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                let text = bytes[start ..< end]
                if text.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                    do {
                        add(try JSONParser.parse(Array(text)), line: line)
                    } catch {
                        problems.append(Problem(line: line, reason: "not JSON (column \(error.column): \(error.reason)); write one request per line, or the whole file as one request"))
                    }
                }
                line += 1
                start = end + 1
            }
        }
        self.entries = entries
        self.problems = problems
    }
}
