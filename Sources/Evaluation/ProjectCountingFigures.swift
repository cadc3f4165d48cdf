import Foundation
import Tokenization

/// The `chat` estimator's figures on one project's traffic, counted with constants and margins
/// fitted on the other projects alone (`ChatCountingFit.crossValidate`): what it predicts of
/// traffic it was not fitted to.
public struct ProjectCountingFigures: Sendable, Hashable, Codable {
    /// The project (the first folder under the data folder given).
    public var project: String
    /// Plain requests (no tools, no response format).
    public var plain: Int
    /// Plain requests `chat` counted exactly.
    public var plainExact: Int
    /// Requests with tools or a response format.
    public var structured: Int
    /// `chat`'s mean absolute % error on them.
    public var structuredMAPE: Double
    /// `chat`'s largest under-estimate on the project, in tokens (0 when it never under-counts).
    public var worstUnderEstimate: Int
    /// `chat+margin`'s largest under-estimate on the requests within the limit, in tokens.
    public var worstUnderWithMargin: Int
    /// Requests whose recorded prompt is larger than the limit (the margin does not cover them).
    public var overLimit: Int
    /// The margins used (fitted on the other projects).
    public var margins: ChatCountingMargins
    /// The constants used (fitted on the other projects).
    public var constants: ChatCountingConstants

    /// The plain requests' exact share in percent (100 when there are none).
    public var plainExactPercent: Double { plain == 0 ? 100 : 100 * Double(plainExact) / Double(plain) }

    /// The figures of `rows` (one project's) counted with `constants` and `margins`.
    public init(project: String, rows: [ChatCountingFit.Row], constants: ChatCountingConstants, margins: ChatCountingMargins, limit: Int) {
        self.project = project
        self.constants = constants
        self.margins = margins
        var plain = 0, plainExact = 0, structured = 0, errorSum = 0.0, worst = 0, worstWithMargin = 0, overLimit = 0
        for row in rows {
            let estimate = row.terms.count(with: constants)
            switch row.requestClass {
            case .plain:
                plain += 1
                if estimate == row.recorded { plainExact += 1 }
            case .tools, .responseFormat:
                structured += 1
                errorSum += abs(Double(estimate - row.recorded)) / Double(max(1, row.recorded)) * 100
            case .other: break
            }
            worst = max(worst, row.recorded - estimate)
            if row.recorded > limit { overLimit += 1 } else {
                worstWithMargin = max(worstWithMargin, row.recorded - estimate - margins.margin(for: row.requestClass))
            }
        }
        self.plain = plain
        self.plainExact = plainExact
        self.structured = structured
        structuredMAPE = structured == 0 ? 0 : errorSum / Double(structured)
        worstUnderEstimate = worst
        worstUnderWithMargin = worstWithMargin
        self.overLimit = overLimit
    }

    /// A Markdown table of the figures, with the goals issue 17 sets (plain exact ≥ 98%,
    /// tools/response_format MAPE ≤ 3%, `chat+margin` never under by more than the buffer) marked
    /// where missed.
    public static func table(_ figures: [ProjectCountingFigures], buffer: Int) -> [String] {
        var lines = ["| project left out | plain | exact | tools/format | MAPE | chat worst under | chat+margin worst under |", "|---|---:|---:|---:|---:|---:|---:|"]
        for figure in figures {
            let exact = figure.plain == 0 ? "–" : String(format: "%.1f%%", figure.plainExactPercent) + (figure.plainExactPercent < 98 ? " ✗" : "")
            let mape = figure.structured == 0 ? "–" : String(format: "%.2f%%", figure.structuredMAPE) + (figure.structuredMAPE > 3 ? " ✗" : "")
            let under = "\(figure.worstUnderEstimate)"
            var withMargin = "\(figure.worstUnderWithMargin)" + (figure.worstUnderWithMargin > buffer ? " ✗" : "")
            if figure.overLimit > 0 { withMargin += " (\(figure.overLimit) over the limit)" }
            lines.append("| \(figure.project) | \(figure.plain) | \(exact) | \(figure.structured) | \(mape) | \(under) | \(withMargin) |")
        }
        return lines
    }
}
