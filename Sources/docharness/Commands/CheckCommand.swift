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

    enum StyleChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, google, numpy, sphinx, epytext
    }

    @Argument(help: "Python files or directories to check (default: the current folder).")
    var paths: [String] = ["."]

    @Option(help: "Read configuration from this file instead of searching for one.")
    var config: String?

    @Option(help: "The project's docstring style (auto: the dominant detected one).")
    var style: StyleChoice?

    @Option(name: .customLong("fail-under"), help: "Fail when the overall score is below this (0-100).")
    var failUnder: Double?

    @Option(name: .customLong("changed-since"), help: "Check only symbols whose own lines changed since this git revision.")
    var changedSince: String?

    @Option(help: "An earlier --json report; fail only on findings not in it.")
    var baseline: String?

    @Option(help: "Output format: text, json, github (workflow annotations) or sarif.")
    var format: Format = .text

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

    @Option(name: .customLong("select"), help: "Enable only these rule codes or prefixes (repeatable; overrides the configuration).")
    var select: [String] = []

    @Option(name: .customLong("ignore"), help: "Disable these rule codes or prefixes (repeatable; added to the configuration's).")
    var ignore: [String] = []

    @Option(name: .customLong("exclude"), help: "Skip paths matching this .gitignore-style pattern (repeatable).")
    var excludes: [String] = []

    @Option(help: "Files to check at once (default: one per core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if markdownLimit < 1024 { throw ValidationError("--markdown-limit must be at least 1024 bytes, got \(markdownLimit)") }
        if let failUnder, !(0 ... 100).contains(failUnder) { throw ValidationError("--fail-under must be between 0 and 100, got \(failUnder)") }
        for code in select + ignore where !RuleCatalog.codes.contains(where: { $0.hasPrefix(code) }) || code.count < 2 {
            throw ValidationError("'\(code)' is not a rule code or prefix (codes look like DH101; see docs/rules.md)")
        }
    }

    func run() throws {
        var standardError = StandardError()
        var configuration: ScoringConfiguration
        do {
            if let config {
                configuration = try ConfigurationLoader.load(path: config, knownCodes: RuleCatalog.codes)
            } else {
                configuration = try ConfigurationLoader.discover(from: ".", knownCodes: RuleCatalog.codes).0
            }
        } catch {
            print("error: \(error.description)", to: &standardError)
            throw ExitCode(ExitStatus.usageError)
        }
        if let style { configuration.style = style == .auto ? nil : DocstringStyle(rawValue: style.rawValue) }
        if let failUnder { configuration.failUnder = failUnder }
        if !select.isEmpty { configuration.select = select }
        configuration.ignore += ignore

        let filter = PathFilter(configuration: configuration)
        let walker = PythonFileWalker(excludes: configuration.effectiveExclude + excludes)
        let (expanded, problems) = walker.expand(paths)
        let files = expanded.filter { !filter.isExcluded($0) }
        for problem in problems { print(problem.diagnostic.formatted(path: problem.path), to: &standardError) }

        var scorer = Scorer(configuration: configuration)
        if let changedSince { scorer.changedLines = try changedLines(since: changedSince) }
        if let baseline {
            do {
                let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: baseline)))
                scorer.baseline = Baseline(report: try CheckJSONReport.decode(bytes))
            } catch {
                print("error: \(baseline): cannot read the baseline (\(error.localizedDescription)); pass a report written by `docharness check --json FILE`", to: &standardError)
                throw ExitCode(ExitStatus.usageError)
            }
        }
        let result = scorer.check(SourceFileBatch.read(paths: files, jobs: jobs), jobs: jobs)
        let onlyNew = scorer.baseline != nil

        var reports = ReportFiles()
        reports.json = json
        reports.junit = junit
        reports.markdown = markdown
        reports.sarif = sarif
        reports.markdownWriter = CheckMarkdownReport(links: SourceLinks(environment: ProcessInfo.processInfo.environment), limit: markdownLimit)
        reports.timestamp = Self.timestamp()
        reports.toolVersion = DocHarnessCommand.configuration.version
        // The report files are written while the findings go to standard output.
        let pendingReports = reports.writeInBackground(result)
        switch format {
        case .json:
            CheckJSONReport.writeToStandardOutput(result)
        case .github:
            write(GitHubAnnotations.lines(result, onlyNew: onlyNew, changedLines: scorer.changedLines))
        case .sarif:
            CheckSARIFReport.writeToStandardOutput(result, toolVersion: DocHarnessCommand.configuration.version)
        case .text:
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 17)
            CheckTextReport.write(result, onlyNew: onlyNew) { line in
                buffer.append(contentsOf: line)
                if buffer.count > 1 << 16 {
                    FileHandle.standardOutput.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(Data(buffer))
            print(CheckTextReport.summary(result))
        }
        let reportErrors = pendingReports.wait()
        for error in reportErrors { print("error: \(error)", to: &standardError) }
        let unreadable = !problems.isEmpty || result.files.contains { file in
            file.diagnostics.contains { $0.code != .syntaxError }
        }
        let status = unreadable || !reportErrors.isEmpty ? ExitStatus.unreadableInput : result.gate.passed ? ExitStatus.passed : ExitStatus.gateFailed
        // Exit here: tearing down a result of a few hundred thousand values would take longer
        // than the rules did.
        Foundation.exit(status)
    }

    /// The current time in ISO 8601 (UTC, seconds), as `2026-11-23T21:33:20Z`. Made from
    /// `gmtime_r`: Foundation's ISO8601DateFormatter takes several milliseconds to set up.
    static func timestamp(_ now: time_t = time(nil)) -> String {
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

    func write(_ lines: [String]) {
        var buffer = ""
        for line in lines {
            buffer += line + "\n"
            if buffer.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        FileHandle.standardOutput.write(Data(buffer.utf8))
    }

    /// Runs git to find the lines changed since `revision`.
    func changedLines(since revision: String) throws -> ChangedLines {
        let root = try git(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let diff = try git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", revision, "--"])
        return ChangedLines.parse(gitDiff: diff, revision: revision, root: root)
    }

    func git(_ arguments: [String]) throws -> String {
        var standardError = StandardError()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            print("error: --changed-since needs git: \(error.localizedDescription)", to: &standardError)
            throw ExitCode(ExitStatus.usageError)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            print("error: git \(arguments.joined(separator: " ")) failed: \(errorText.trimmingCharacters(in: .whitespacesAndNewlines)); check that --changed-since names a revision of this repository", to: &standardError)
            throw ExitCode(ExitStatus.usageError)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
