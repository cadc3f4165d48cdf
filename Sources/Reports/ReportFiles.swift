import PythonSyntax
import Scoring

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
