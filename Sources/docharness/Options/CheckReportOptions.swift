import ArgumentParser
import Files
import Foundation
import Reports

/// The report files `check` writes besides its standard output.
struct CheckReportOptions: ParsableArguments {
    @Option(help: "Also write the JSON report to this file.")
    var json: String?

    @Option(help: "Also write a JUnit XML report (a suite per file, a case per symbol) to this file.")
    var junit: String?

    @Option(help: "Also write a Markdown report (for $GITHUB_STEP_SUMMARY or a pull-request comment) to this file.")
    var markdown: String?

    @Option(help: "Also write a SARIF 2.1.0 log (for GitHub code scanning) to this file.")
    var sarif: String?

    @Option(name: .customLong("markdown-limit"), help: "The most bytes of Markdown to write (default 1048576, GitHub's step-summary limit; 65536 for a comment).")
    var markdownLimit: Int = CheckMarkdownReport.stepSummaryLimit

    func validate() throws {
        if markdownLimit < 1024 { throw ValidationError("--markdown-limit must be at least 1024 bytes, got \(markdownLimit)") }
        var seen: [String: String] = [:]
        for (option, path) in [("--json", json), ("--junit", junit), ("--markdown", markdown), ("--sarif", sarif)] {
            guard let path else { continue }
            let target = AtomicFile.canonicalTarget(path)
            if let first = seen[target] { throw ValidationError("\(first) and \(option) both name \(path); give each report its own file") }
            seen[target] = option
        }
    }

    /// The files to write, stamped now.
    func reportFiles() -> ReportFiles {
        var reports = ReportFiles()
        reports.json = json
        reports.junit = junit
        reports.markdown = markdown
        reports.sarif = sarif
        reports.markdownWriter = CheckMarkdownReport(links: SourceLinks(environment: ProcessInfo.processInfo.environment), limit: markdownLimit)
        reports.timestamp = ReportFiles.utcTimestamp()
        reports.toolVersion = DocHarnessCommand.configuration.version
        return reports
    }
}
