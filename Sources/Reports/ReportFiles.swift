#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Files
import Scoring
import Synchronization

/// The report files one `check` run writes (`--json`, `--junit`, `--markdown`, `--sarif`), each
/// atomically, all at once on separate cores.
public struct ReportFiles: Sendable {
    /// `--json FILE`.
    public var json: String?
    /// `--junit FILE`.
    public var junit: String?
    /// `--markdown FILE`.
    public var markdown: String?
    /// `--sarif FILE`.
    public var sarif: String?
    /// How the Markdown is written.
    public var markdownWriter = CheckMarkdownReport()
    /// The JUnit timestamp.
    public var timestamp: String?
    /// The version SARIF names.
    public var toolVersion = ""

    /// No files.
    public init() {}

    /// The time in ISO 8601 (UTC, seconds), as `2026-11-23T21:33:20Z`, for the JUnit timestamp.
    /// Made from `gmtime_r`: Foundation's ISO8601DateFormatter takes several milliseconds to set up.
    public static func utcTimestamp(_ now: time_t = time(nil)) -> String {
        var seconds = now
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2))"
            + "T\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2))Z"
    }

    /// Starts writing every requested file on other threads and returns at once, so that the
    /// caller's own output (the findings on standard output, one thread's work) overlaps with
    /// the reports'. `PendingReports.wait()` returns the errors.
    public func writeInBackground(_ result: CheckResult) -> PendingReports {
        let pending = PendingReports()
        DispatchQueue.global().async { [self] in pending.finish(write(result)) }
        return pending
    }

    /// Writes every requested file; returns the errors (one per file that failed).
    public func write(_ result: CheckResult) -> [String] {
        var jobs: [@Sendable () throws -> Void] = []
        if let json { jobs.append { try CheckJSONReport.write(result, to: json) } }
        if let junit {
            let timestamp = self.timestamp
            jobs.append { try CheckJUnitReport.write(result, timestamp: timestamp, to: junit) }
        }
        if let markdown {
            let writer = markdownWriter
            jobs.append { try AtomicFile.write(Array(writer.render(result).utf8), to: markdown) }
        }
        if let sarif {
            let version = toolVersion
            jobs.append { try CheckSARIFReport.write(result, toolVersion: version, to: sarif) }
        }
        let work = jobs
        let outcomes = ParallelMap.map(count: work.count) { index -> String? in
            do {
                try work[index]()
                return nil
            } catch {
                return "\(error)"
            }
        }
        return outcomes.compactMap { $0 }
    }
}

/// Report files being written in the background (`ReportFiles.writeInBackground`).
public final class PendingReports: Sendable {
    private let errors = Mutex<[String]?>(nil)
    private let done = DispatchSemaphore(value: 0)

    fileprivate init() {}

    fileprivate func finish(_ errors: [String]) {
        self.errors.withLock { $0 = errors }
        done.signal()
    }

    /// Waits until every file is written (or has failed); returns the errors, one per file
    /// that failed.
    public func wait() -> [String] {
        done.wait()
        done.signal()
        return errors.withLock { $0 ?? [] }
    }
}
