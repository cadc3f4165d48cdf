import Files
import Foundation
import Reports
import Scoring

/// What `check --init` writes so that day one is green and every new problem fails: a
/// `[tool.docharness]` section (the detected style, a threshold the project meets today, a
/// baseline) and the baseline itself, the JSON report of today's findings.
struct ProjectInitialization {
    /// The baseline's file name, beside the configuration.
    static let baselineName = ".docharness-baseline.json"

    /// Why nothing was written.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// The configuration file written, and what it says.
    var configurationPath: String
    var baselinePath: String
    var threshold: Int

    /// Writes both files in `folder` for a check result made without configuration. Appends to
    /// `pyproject.toml` when there is one (its bytes kept as they were), else writes
    /// `docharness.toml`; refuses when either already configures DocHarness.
    static func write(_ result: CheckResult, in folder: String, date: String) throws -> ProjectInitialization {
        let prefix = folder == "." ? "" : folder + "/"
        let pyproject = prefix + "pyproject.toml"
        let dedicated = prefix + "docharness.toml"
        if FileManager.default.fileExists(atPath: dedicated) {
            throw Refusal(description: "\(dedicated) exists already; edit it, or remove it and run --init again")
        }
        var existing: [UInt8]?
        if FileManager.default.fileExists(atPath: pyproject) {
            switch FileBytes.read(path: pyproject) {
            case .success(let bytes): existing = bytes
            case .failure(let error): throw Refusal(description: "\(pyproject): cannot read it: \(error.reason)")
            }
            if String(decoding: existing ?? [], as: UTF8.self).split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[tool.docharness") }) {
                throw Refusal(description: "\(pyproject) has a [tool.docharness] section already; edit it, or remove it and run --init again")
            }
        }
        // A threshold the project meets today: its overall score, rounded down.
        let threshold = Int(result.project.overall.rounded(.down))
        let style = result.projectStyle == .plain ? "auto" : result.projectStyle.rawValue
        let findings = result.files.reduce(0) { $0 + $1.findingCount }
        let keys = """
            # Written by `docharness check --init` on \(date), when the project scored \(Scorer.format(result.project.overall)) with \(findings) findings.
            style = "\(style)"
            fail-under = \(threshold)
            # The findings of that day: they do not fail the gate, any new one does. Refresh it with
            # `docharness check --json \(baselineName)` once some are fixed.
            baseline = "\(baselineName)"

            """
        let baselinePath = prefix + baselineName
        try CheckJSONReport.write(result, to: baselinePath)
        if var bytes = existing {
            if !bytes.isEmpty, bytes.last != 0x0A { bytes.append(0x0A) }
            if !bytes.isEmpty { bytes.append(0x0A) }
            bytes += Array("[tool.docharness]\n\(keys)".utf8)
            try AtomicFile.write(bytes, to: pyproject)
            return ProjectInitialization(configurationPath: pyproject, baselinePath: baselinePath, threshold: threshold)
        }
        try AtomicFile.write(Array(keys.utf8), to: dedicated)
        return ProjectInitialization(configurationPath: dedicated, baselinePath: baselinePath, threshold: threshold)
    }
}
