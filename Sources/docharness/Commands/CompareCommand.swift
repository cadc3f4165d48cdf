import ArgumentParser
import Foundation
import History

/// `docharness compare`: two recorded runs, per symbol, with an exit code for CI.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two recorded runs per symbol and dimension; exit 1 on a regression.",
        discussion: """
            With no run named, compares the newest run with the newest earlier run of the same \
            command and configuration on --base-branch (else on any branch). With one, compares \
            that run with the newest. Prints the change of each dimension, the symbols that got \
            worse or better, new and fixed findings, estimator drift, and generated docstrings that \
            changed (eval).

            Exit codes: 0 within the thresholds, 1 a symbol dropped more than --fail-on-regression \
            points in its overall score or any dimension (or, with --fail-on-new-findings, a new \
            finding), 2 usage error, 3 the history could not be read or a report written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, junit
    }

    @Argument(help: "The base run's number (`docharness runs`); default: chosen as above.")
    var base: Int64?

    @Argument(help: "The head run's number; default: the newest run.")
    var head: Int64?

    @Option(help: "With no run named, the newest run of this command (check or eval).")
    var command: String?

    @Option(name: .customLong("base-branch"), help: "The branch the base run is taken from.")
    var baseBranch = "main"

    @Option(name: .customLong("fail-on-regression"), help: ArgumentHelp("Fail when a symbol's overall score or any dimension drops by more than this many points; `off` never fails on a drop.", valueName: "points|off"))
    var failOnRegression = RegressionThreshold.points(2.0)

    @Flag(name: .customLong("fail-on-new-findings"), help: "Fail on any finding the base run did not have.")
    var failOnNewFindings = false

    @Option(help: "Standard output: text, markdown, json or junit.")
    var format: Format = .text

    @Option(help: "Also write the JSON report to this file.")
    var json: String?

    @Option(help: "Also write the Markdown report to this file.")
    var markdown: String?

    @Option(help: "Also write a JUnit XML report (a case per changed symbol) to this file.")
    var junit: String?

    @OptionGroup var history: HistoryOptions

    func run() async throws {
        let store = try await HistoryCommandSupport.openForReading(history)
        let pair = try await HistoryCommandSupport.reading {
            try await ComparisonPair.choose(in: store, baseID: base, headID: head, command: command, baseBranch: baseBranch)
        }
        var standardError = StandardError()
        if let note = pair.note { print("note: \(note)", to: &standardError) }
        let comparison = RunComparison(base: pair.base, head: pair.head, thresholds: RunComparison.Thresholds(
            regressionPoints: failOnRegression.points, failOnNewFindings: failOnNewFindings))
        switch format {
        case .text: FileHandle.standardOutput.write(Data(ComparisonReports.text(comparison).utf8))
        case .markdown: FileHandle.standardOutput.write(Data(ComparisonReports.markdown(comparison).utf8))
        case .json: FileHandle.standardOutput.write(Data(ComparisonReports.json(comparison) + [10]))
        case .junit: ComparisonReports.writeJUnitToStandardOutput(comparison)
        }
        let errors = ComparisonReports.write(comparison, junit: junit, markdown: markdown, json: json)
        for error in errors { print("error: \(error)", to: &standardError) }
        if !errors.isEmpty { throw ExitCode(ExitStatus.unreadableInput) }
        if !comparison.passed { throw ExitCode(ExitStatus.gateFailed) }
    }
}

/// `--fail-on-regression`: a number of points, or `off`.
enum RegressionThreshold: ExpressibleByArgument, Equatable {
    case points(Double)
    case off

    init?(argument: String) {
        if argument.lowercased() == "off" {
            self = .off
        } else if let value = Double(argument), value.isFinite, value >= 0 {
            self = .points(value)
        } else {
            return nil
        }
    }

    var points: Double? {
        if case .points(let value) = self { return value }
        return nil
    }

    var defaultValueDescription: String {
        switch self {
        case .points(let value): String(format: "%g", value)
        case .off: "off"
        }
    }
}
