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
            // `check --json src.py` (the path taken for the report) replaced the source with JSON.
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if let dot = name.lastIndex(of: "."), ["py", "pyi", "pyw"].contains(name[name.index(after: dot)...].lowercased()) {
                throw ValidationError("\(option) \(path) would overwrite a Python source file with the report; \(option) takes the report's file name, e.g. \(option) report\(Self.suffix(of: option))")
            }
            let target = AtomicFile.canonicalTarget(path)
            if let first = seen[target] { throw ValidationError("\(first) and \(option) both name \(path); give each report its own file") }
            seen[target] = option
        }
    }

    /// The usual file-name suffix of an option's report.
    private static func suffix(of option: String) -> String {
        switch option {
        case "--junit": ".xml"
        case "--markdown": ".md"
        case "--sarif": ".sarif"
        default: ".json"
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
