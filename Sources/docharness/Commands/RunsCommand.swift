import ArgumentParser
import Foundation
import History
import Scoring

/// `docharness runs`: the recorded runs, newest first.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs recorded in the history, newest first.",
        discussion: """
            eval records every run; check records with --history (or `history = true` in \
            [tool.docharness]). Each line: the run's number, when, the command, the branch and \
            commit, the prompt template (eval), coverage, the overall score, findings, and whether \
            the gate passed. `docharness compare A B` compares two of them.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Only runs of this command (check or eval).")
    var command: String?

    @Option(help: "Only runs on this git branch.")
    var branch: String?

    @Option(help: "At most this many runs.")
    var limit: Int = 20

    @Option(help: "text or json.")
    var format: Format = .text

    @OptionGroup var history: HistoryOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    func run() async throws {
        let store = try await HistoryCommandSupport.openForReading(history)
        let runs = try await HistoryCommandSupport.reading { try await store.runs(RunFilter(command: command, branch: branch, limit: limit)) }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let data = (try? encoder.encode(runs)) ?? Data("[]".utf8)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case .text:
            if runs.isEmpty {
                print("no runs recorded yet; `docharness check --history` or `docharness eval` records one")
                return
            }
            print(RunListing.header)
            for run in runs { print(RunListing.line(run)) }
        }
    }
}

/// The columns `runs` prints.
enum RunListing {
    static let header = "  run  started (UTC)     command  branch @ commit          template          coverage  overall  findings  gate"

    static func line(_ run: RunRecord) -> String {
        let revision = (run.gitBranch ?? "-") + (run.gitCommit.map { " @ " + $0.prefix(7) } ?? "")
        return pad(String(run.id ?? 0), 5, left: true) + "  " + ComparisonReports.timestamp(run.startedAt) + "  " + pad(run.command, 7) + "  "
            + pad(revision, 23) + "  " + pad(run.templateVersion ?? "-", 16) + "  " + pad(String(format: "%.1f%%", run.summary.coverage), 8, left: true)
            + "  " + pad(String(format: "%.1f", run.summary.overall), 7, left: true) + "  " + pad(String(run.summary.findings), 8, left: true)
            + "  " + (run.passed ? "passed" : "failed")
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let count = text.count
        guard count < width else { return text }
        let fill = String(repeating: " ", count: width - count)
        return left ? fill + text : text + fill
    }
}
