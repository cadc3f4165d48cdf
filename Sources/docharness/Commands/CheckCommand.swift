import ArgumentParser
import Docstrings
import Files
import Foundation
import History
import PythonSyntax
import Reports
import Scoring

/// `docharness check`: score docstrings and gate on the result.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Score docstrings on completeness, clarity, style and complexity match, and gate on the result.",
        discussion: """
            Prints 'path:line:col: CODE message' for each finding, then a summary; `docharness rule \
            CODE` explains a rule. Each symbol is scored 0-100 on completeness, clarity, style and \
            complexity match, weighted into an overall score; the gate fails when the project's \
            overall score is below --fail-under (default 70) or another configured condition fails. \
            Configuration is read from [tool.docharness] in pyproject.toml or from docharness.toml \
            (searched upward from the current folder); flags override it. Inline, `# noqa: DH101` or \
            `# docharness: ignore[DH101] reason` on a line or a def line silences findings.

            Pull requests: --changed-since REF checks only symbols with lines changed since REF, and \
            any finding in them fails the gate; --baseline report.json fails only on findings not in \
            an earlier --json report.

            Report files (--json, --junit, --markdown, --sarif) are written atomically, all in one run. \
            --history records the run (scores and findings per symbol) for `docharness runs`, \
            `compare` and `view`.

            Exit codes: 0 the gate passed (or --exit-zero), 1 it failed, 2 usage or configuration \
            error, 3 some input could not be read (undecodable, binary or missing files) or a report \
            could not be written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, concise, full, json, github, sarif, junit
    }

    @Argument(help: "Python files or directories to check.")
    var paths: [String] = ["."]

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("changed-since"), help: "Check only symbols whose own lines changed since this git revision; any finding in them fails the gate.")
    var changedSince: String?

    @Option(help: "An earlier --json report; fail only on findings not in it.")
    var baseline: String?

    @Option(name: [.customLong("format"), .customLong("output-format")],
            help: "concise (or text): a line per finding and a summary; full: also the source line and a caret; json; github (workflow annotations); sarif; junit.")
    var format: Format = .text

    @Flag(name: .customLong("show-source"), help: "Show the source line under each finding (the full format).")
    var showSource = false

    @Flag(help: "Print the number of findings per rule, most first, instead of each finding.")
    var statistics = false

    @Flag(name: [.short, .long], help: "Print the findings only, no summary.")
    var quiet = false

    @Flag(name: .customLong("exit-zero"), help: "Exit with 0 even when the gate fails (unreadable input still exits with 3).")
    var exitZero = false

    @Flag(help: ArgumentHelp("Mend what is mechanical and certain, in place: stale parameter entries, section header spelling, underlines and order, the blank line after the summary, closing quotes, the summary's period (DH102, DH302, DH303, DH304, DH306, DH202). Only docstring lines change."))
    var fix = false

    @Flag(help: "Print what --fix would change as a unified diff, and change nothing.")
    var diff = false

    @Flag(name: .customLong("unsafe-fixes"), help: "With --fix or --diff, also make fixes that may change what a docstring says: a summary's closing ':' or ',' becomes '.', a section whose every parameter is gone is removed.")
    var unsafeFixes = false

    @Flag(name: .customLong("init"), help: "Write a [tool.docharness] section (pyproject.toml, else docharness.toml) with the detected style, a threshold the project meets today and a baseline of today's findings, so the gate passes now and fails on every new finding.")
    var initialize = false

    @Option(help: ArgumentHelp("Explain a rule (what it checks, why, an example) and exit; `docharness rule` does the same.", valueName: "code"))
    var explain: String?

    @OptionGroup var reports: CheckReportOptions

    @OptionGroup var history: HistoryOptions

    @Option(help: "Files to check at once (default: one per core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if initialize, fix || diff {
            throw ValidationError("--init records the project as it is; run --fix first, then --init")
        }
        if initialize, changedSince != nil || baseline != nil {
            throw ValidationError("--init checks every symbol without a baseline; leave out --changed-since and --baseline")
        }
        if let explain, RuleCatalog.explanation(code: explain.uppercased()) == nil {
            throw ValidationError("'\(explain)' is not a rule code; `docharness rule` lists them")
        }
    }

    func run() async throws {
        if let explain, let text = RuleCatalog.explanation(code: explain.uppercased()) {
            print(text)
            return
        }
        var standardError = StandardError()
        let startedAt = Date()
        var scorer: Scorer
        do {
            scorer = Scorer(configuration: try rules.configuration())
            if let changedSince { scorer.changedLines = try ChangedLines.since(revision: changedSince) }
            if !initialize, let baseline = baseline ?? scorer.configuration.baselinePath { scorer.baseline = try Baseline(reportFile: baseline) }
        } catch {
            print("error: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.usageError)
        }
        let filter = PathFilter(configuration: scorer.configuration)
        let (expanded, problems, walkedDirectories) = PythonFileWalker(excludes: scorer.configuration.effectiveExclude + rules.excludes).expand(paths)
        for problem in problems { print(problem.diagnostic.formatted(path: problem.path), to: &standardError) }
        let excluded = ParallelMap.map(count: expanded.count, jobs: jobs) { filter.isExcluded(expanded[$0]) }
        let checked = expanded.indices.filter { !excluded[$0] }.map { expanded[$0] }
        if scorer.usesProjectNames {
            let excludes = scorer.configuration.effectiveExclude + rules.excludes
            let walked = ProjectNames.WalkedTree(directories: walkedDirectories, files: expanded)
            scorer.neighbours = SourceFileBatch.read(paths: ProjectNames.neighbours(of: checked, excludes: excludes, walked: walked), jobs: jobs)
        }
        var result = scorer.check(SourceFileBatch.read(paths: checked, jobs: jobs), jobs: jobs)
        if fix || diff {
            var output = StandardOutput()
            let fixes = CheckFixRun.run(checked, fixer: DocstringFixer(configuration: scorer.configuration, style: result.projectStyle, unsafe: unsafeFixes), write: fix && !diff) {
                output.write($0.utf8)
            }
            output.flush()
            for problem in fixes.problems { print("error: \(problem)", to: &standardError) }
            print(fixes.summary(wrote: fix && !diff), to: &standardError)
            if diff { Foundation.exit(!fixes.problems.isEmpty ? ExitStatus.unreadableInput : fixes.files > 0 ? ExitStatus.gateFailed : ExitStatus.passed) }
            // What remains after the fixes is what is reported.
            if fixes.files > 0 { result = scorer.check(SourceFileBatch.read(paths: checked, jobs: jobs), jobs: jobs) }
        }
        if !problems.isEmpty { result.gate.requireReadablePaths(unreadable: problems.count) }

        if initialize {
            do {
                let written = try ProjectInitialization.write(result, in: ".", date: String(ReportFiles.utcTimestamp().prefix(10)))
                print("wrote \(written.configurationPath) ([tool.docharness]: style \(result.projectStyle.rawValue), fail-under \(written.threshold)) and \(written.baselinePath) (\(result.project.findings) findings); `docharness check` now passes, and fails on any new finding")
            } catch {
                print("error: \(error)", to: &standardError)
                throw ExitCode(ExitStatus.usageError)
            }
            return
        }
        // The report files are written, and the run recorded, while the findings go to standard output.
        let pendingReports = reports.reportFiles().writeInBackground(result)
        let recording = history.recordingLocation(configured: scorer.configuration.historyLocation, onByDefault: false).map { location in
            let (paths, configuration, finished) = (paths, scorer.configuration, result)
            return HistoryRecording(into: location) {
                RunRecord(check: finished, paths: paths, configuration: configuration, startedAt: startedAt, revision: .current())
            }
        }
        writeOutput(result, scorer: scorer)
        var reportErrors = pendingReports.wait()
        if let recording, let error = await recording.finish() { reportErrors.append(error) }
        for error in reportErrors { print("error: \(error)", to: &standardError) }
        let unreadable = !problems.isEmpty || result.files.contains { file in file.diagnostics.contains { $0.code != .syntaxError } }
        // Exit here: tearing down a result of a few hundred thousand values would take longer
        // than the rules did.
        Foundation.exit(unreadable || !reportErrors.isEmpty ? ExitStatus.unreadableInput
                        : result.gate.passed || exitZero ? ExitStatus.passed : ExitStatus.gateFailed)
    }

    /// The findings and summary on standard output, in the format asked for.
    private func writeOutput(_ result: CheckResult, scorer: Scorer) {
        let onlyNew = scorer.baseline != nil
        var output = StandardOutput()
        switch format {
        case .json:
            CheckJSONReport.writeToStandardOutput(result)
        case .github:
            for line in GitHubAnnotations.lines(result, onlyNew: onlyNew, changedLines: scorer.changedLines) { output.write(line: line) }
        case .sarif:
            CheckSARIFReport.writeToStandardOutput(result, toolVersion: DocHarnessCommand.configuration.version)
        case .junit:
            CheckJUnitReport.writeToStandardOutput(result, timestamp: ReportFiles.utcTimestamp())
        case .text, .concise, .full:
            var shown: Int?
            if statistics {
                for line in CheckTextReport.statistics(result, onlyNew: onlyNew) { output.write(line: line) }
            } else {
                let source = format == .full || showSource ? SourceLines() : nil
                shown = CheckTextReport.write(result, onlyNew: onlyNew, sourceLine: source.map { lines in { lines.line($0, $1) } }) { output.write($0) }
            }
            if !quiet { output.write(line: CheckTextReport.summary(result, shownLines: shown)) }
        }
        output.flush()
    }
}

/// Lines of the files findings point at, each file read once (the full format).
private final class SourceLines {
    private var files: [String: [Substring]] = [:]

    /// The 1-based line of a file, without its line break; nil when it cannot be read.
    func line(_ path: String, _ number: Int) -> String? {
        if files[path] == nil {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            files[path] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = files[path], number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1].dropLast(lines[number - 1].hasSuffix("\r") ? 1 : 0))
    }
}
