#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ChatWire
import Files
import Foundation

/// The record of one finished symbol in a generation run.
public struct JournalEntry: Sendable, Hashable, Codable {
    /// How the symbol ended.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// A docstring was generated.
        case generated
        /// Nothing was sent: no response budget was left (an error-level finding).
        case skipped
        /// The request or the answer failed (not final: a resumed run tries again).
        case failed
    }

    /// `path::qualname`.
    public var target: String
    /// The target's `sourceHash` when the entry was made (nil in journals written before it was
    /// kept: such entries are not resumed).
    public var sourceHash: String?
    /// The outcome.
    public var outcome: Outcome
    /// The prompt template's version.
    public var templateVersion: String
    /// The model asked.
    public var model: String
    /// The request sent (nil when skipped).
    public var request: ChatCompletionRequest?
    /// The estimated prompt tokens the budget was sized with.
    public var estimatedPromptTokens: Int
    /// The estimator that made the estimate.
    public var estimator: String
    /// `max_tokens` sent.
    public var maxTokens: Int?
    /// Context units dropped to make room.
    public var droppedUnits: [PromptUnit]
    /// Whether even the smallest prompt left less than the minimum response.
    public var mustTrim: Bool
    /// The answer, when one was accepted.
    public var answer: DocstringAnswer?
    /// The usage the server reported.
    public var promptTokens: Int?
    /// The completion tokens the server reported.
    public var completionTokens: Int?
    /// Attempts made (repair requests and their retries included).
    public var attempts: Int
    /// Repair requests sent after answers that missed the schema (nil in journals written before
    /// they were counted).
    public var repairs: Int?
    /// 429 answers met.
    public var rateLimited: Int
    /// 408/409/5xx answers met.
    public var serverErrors: Int
    /// Timeouts, drops and truncated bodies met.
    public var transportErrors: Int
    /// Seconds from sending the last attempt to its reply.
    public var latency: Double
    /// Why it failed or was skipped.
    public var failure: GenerationFailure?

    /// Why it failed or was skipped, as reports and the terminal say it.
    public var error: String? { failure?.description }

    /// Creates an entry.
    public init(target: String, sourceHash: String? = nil, outcome: Outcome, templateVersion: String, model: String, request: ChatCompletionRequest?, estimatedPromptTokens: Int,
                estimator: String, maxTokens: Int?, droppedUnits: [PromptUnit], mustTrim: Bool, answer: DocstringAnswer?, promptTokens: Int?,
                completionTokens: Int?, attempts: Int, rateLimited: Int, serverErrors: Int, transportErrors: Int, latency: Double, failure: GenerationFailure?) {
        self.target = target
        self.sourceHash = sourceHash
        self.outcome = outcome
        self.templateVersion = templateVersion
        self.model = model
        self.request = request
        self.estimatedPromptTokens = estimatedPromptTokens
        self.estimator = estimator
        self.maxTokens = maxTokens
        self.droppedUnits = droppedUnits
        self.mustTrim = mustTrim
        self.answer = answer
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.attempts = attempts
        self.rateLimited = rateLimited
        self.serverErrors = serverErrors
        self.transportErrors = transportErrors
        self.latency = latency
        self.failure = failure
    }

    /// Whether a resumed run can leave this symbol alone.
    public var isFinal: Bool { outcome != .failed }
}

/// The journal of a generation run: JSON lines, one per finished symbol, each written with one
/// `write(2)` as soon as the symbol finishes, so a run killed at any point loses at most the
/// symbols in flight. Opening a journal reads what is there, drops a torn last line (from a
/// kill mid-write) and appends after it. A run holds an exclusive lock on its journal: a second
/// run on the same file stops at once with a clear message instead of interleaving lines.
public actor GenerationJournal {
    /// The file.
    public nonisolated let path: String
    private let descriptor: Int32
    /// The entries read when the journal was opened, latest per target.
    public nonisolated let previous: [String: JournalEntry]
    private var entries: [JournalEntry] = []

    /// An error opening or writing the journal.
    public struct JournalError: Error, Sendable, CustomStringConvertible {
        /// The journal path.
        public var path: String
        /// What went wrong and the fix.
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Opens (or creates) the journal at `path`.
    public init(path: String) throws(JournalError) {
        self.path = path
        let folder = PathFolder.of(path)
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw JournalError(path: path, reason: "cannot be opened: \(String(cString: strerror(errno)))") }
        // Held until the journal is closed (or the process ends, however it ends).
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(descriptor)
            throw JournalError(path: path, reason: busy
                ? "another docharness run is using this journal; wait for it to finish, or give this run its own --journal FILE"
                : "cannot be locked: \(String(cString: strerror(errno)))")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0 ..< count])
        }
        var previous: [String: JournalEntry] = [:]
        var kept = 0
        var lineStart = 0
        var lineNumber = 0
        let decoder = JSONDecoder()
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            lineNumber += 1
            let line = bytes[lineStart ..< index]
            lineStart = index + 1
            guard !line.isEmpty else { kept = lineStart; continue }
            guard let entry = try? decoder.decode(JournalEntry.self, from: Data(line)) else {
                close(descriptor)
                throw JournalError(path: path, reason: "line \(lineNumber) is not a journal entry; move the file away to start the run afresh")
            }
            previous[entry.target] = entry
            kept = lineStart
        }
        // A last line without its newline was cut by a kill: drop it.
        if kept < bytes.count { _ = ftruncate(descriptor, off_t(kept)) }
        lseek(descriptor, 0, SEEK_END)
        self.descriptor = descriptor
        self.previous = previous
    }

    deinit {
        close(descriptor)
    }

    /// Appends one entry (one line, one write).
    public func append(_ entry: JournalEntry) throws(JournalError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? [UInt8](encoder.encode(entry)) else { throw JournalError(path: path, reason: "an entry could not be encoded") }
        line.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < line.count {
            let written = line[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw JournalError(path: path, reason: "cannot be written: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        entries.append(entry)
    }

    /// The entries appended by this run.
    public var appended: [JournalEntry] { entries }
}
