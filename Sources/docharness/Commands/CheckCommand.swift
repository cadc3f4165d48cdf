import ArgumentParser
import Docstrings
import Foundation
import PythonSyntax
import Reports
import Scoring

/// `docharness check`: score docstrings and gate on the result.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Score docstrings on completeness, clarity, style and complexity match, and gate on the result.",
        discussion: """
            Prints 'path:line:col: CODE message' for each finding, then a summary. Configuration is read \
            from [tool.docharness] in pyproject.toml or from docharness.toml (searched upward from the \
            current folder); flags override it. Rules are described in docs/rules.md, scores in \
            docs/scoring.md.

            Pull requests: --changed-since REF checks only symbols with lines changed since REF; \
            --baseline report.json fails only on findings not in an earlier --json report.

            Report files (--json, --junit, --markdown, --sarif) are written atomically, all in one \
            run; docs/reports.md describes them.

            Exit codes: 0 the gate passed, 1 it failed, 2 usage or configuration error, 3 some input \
            could not be read (undecodable, binary or missing files) or a report could not be written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github, sarif
    }

    @Argument(help: "Python files or directories to check (default: the current folder).")
    var paths: [String] = ["."]

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("changed-since"), help: "Check only symbols whose own lines changed since this git revision.")
    var changedSince: String?

    @Option(help: "An earlier --json report; fail only on findings not in it.")
    var baseline: String?

    @Option(help: "Output format: text, json, github (workflow annotations) or sarif.")
    var format: Format = .text

    @OptionGroup var reports: CheckReportOptions

    @Option(help: "Files to check at once (default: one per core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        var standardError = StandardError()
        var scorer: Scorer
        do {
            scorer = Scorer(configuration: try rules.configuration())
            if let changedSince { scorer.changedLines = try ChangedLines.since(revision: changedSince) }
            if let baseline { scorer.baseline = try Baseline(reportFile: baseline) }
        } catch {
            print("error: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.usageError)
        }
        let filter = PathFilter(configuration: scorer.configuration)
        let (expanded, problems) = PythonFileWalker(excludes: scorer.configuration.effectiveExclude + rules.excludes).expand(paths)
        for problem in problems { print(problem.diagnostic.formatted(path: problem.path), to: &standardError) }
        var result = scorer.check(SourceFileBatch.read(paths: expanded.filter { !filter.isExcluded($0) }, jobs: jobs), jobs: jobs)
        if !problems.isEmpty { result.gate.requireReadablePaths(unreadable: problems.count) }

        // The report files are written while the findings go to standard output.
        let pendingReports = reports.reportFiles().writeInBackground(result)
        var output = StandardOutput()
        switch format {
        case .json:
            CheckJSONReport.writeToStandardOutput(result)
        case .github:
            for line in GitHubAnnotations.lines(result, onlyNew: scorer.baseline != nil, changedLines: scorer.changedLines) { output.write(line: line) }
        case .sarif:
            CheckSARIFReport.writeToStandardOutput(result, toolVersion: DocHarnessCommand.configuration.version)
        case .text:
            CheckTextReport.write(result, onlyNew: scorer.baseline != nil) { output.write($0) }
            output.write(line: CheckTextReport.summary(result))
        }
        output.flush()
        let reportErrors = pendingReports.wait()
        for error in reportErrors { print("error: \(error)", to: &standardError) }
        let unreadable = !problems.isEmpty || result.files.contains { file in file.diagnostics.contains { $0.code != .syntaxError } }
        // Exit here: tearing down a result of a few hundred thousand values would take longer
        // than the rules did.
        Foundation.exit(unreadable || !reportErrors.isEmpty ? ExitStatus.unreadableInput : result.gate.passed ? ExitStatus.passed : ExitStatus.gateFailed)
    }
}
