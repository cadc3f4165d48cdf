import Foundation

/// The `chat` estimator's figures on one project's traffic: what leave-one-project-out
/// validation reports for the project left out (the counting rules hold no per-project
/// constant, so each project's figures are those of a model it did not shape alone).
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

    /// The plain requests' exact share in percent (100 when there are none).
    public var plainExactPercent: Double { plain == 0 ? 100 : 100 * Double(plainExact) / Double(plain) }

    /// The figures of each project, measured project by project; `project` names a sample's project.
    public static func measure(_ samples: [EstimatorSample], benchmark: EstimatorBenchmark, project: (EstimatorSample) -> String) throws -> [ProjectCountingFigures] {
        var byProject: [String: [EstimatorSample]] = [:]
        for sample in samples { byProject[project(sample), default: []].append(sample) }
        var figures: [ProjectCountingFigures] = []
        for (name, projectSamples) in byProject.sorted(by: { $0.key < $1.key }) {
            let result = try benchmark.run(projectSamples)
            let plain = result.chatByClass["plain"]
            let structured = ["tools", "response_format"].compactMap { result.chatByClass[$0] }
            let count = structured.reduce(0) { $0 + $1.count }
            let mape = count == 0 ? 0 : structured.reduce(0) { $0 + $1.meanAbsolutePercentError * Double($1.count) } / Double(count)
            let worst = result.chatByClass.values.map(\.worstUnderEstimate).max() ?? 0
            figures.append(ProjectCountingFigures(project: name, plain: plain?.count ?? 0, plainExact: plain?.exact ?? 0, structured: count, structuredMAPE: mape,
                                          worstUnderEstimate: worst))
        }
        return figures
    }

    /// A Markdown table of the figures, with the goals issue 17 sets (plain exact ≥ 98%,
    /// tools/response_format MAPE ≤ 3%, no under-estimate past the buffer) marked where missed.
    public static func table(_ figures: [ProjectCountingFigures], buffer: Int) -> [String] {
        var lines = ["| project | plain | exact | tools/format | MAPE | worst under |", "|---|---:|---:|---:|---:|---:|"]
        for figure in figures {
            let exact = figure.plain == 0 ? "–" : String(format: "%.1f%%", figure.plainExactPercent) + (figure.plainExactPercent < 98 ? " ✗" : "")
            let mape = figure.structured == 0 ? "–" : String(format: "%.2f%%", figure.structuredMAPE) + (figure.structuredMAPE > 3 ? " ✗" : "")
            let under = "\(figure.worstUnderEstimate)" + (figure.worstUnderEstimate > buffer ? " ✗" : "")
            lines.append("| \(figure.project) | \(figure.plain) | \(exact) | \(figure.structured) | \(mape) | \(under) |")
        }
        return lines
    }
}
