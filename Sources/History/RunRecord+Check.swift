import Files
import Foundation
import Scoring

extension RunRecord {
    /// The record of a `check` run.
    public init(check result: CheckResult, paths: [String], configuration: ScoringConfiguration, startedAt: Date, revision: GitRevision) {
        // File by file on every core: this runs while `check` prints its findings.
        let files = ParallelMap.map(count: result.files.count) { index in
            let file = result.files[index]
            return FileRecord(path: file.path, symbols: file.symbols.map { symbol in
                SymbolRecord(
                    path: file.path, qualname: symbol.qualname, kind: symbol.kind.rawValue, line: symbol.line, documented: symbol.documented,
                    scores: symbol.scores, overall: symbol.overall, findings: symbol.findings.map(FindingRecord.init))
            }, fileFindings: file.fileFindings.map(FindingRecord.init))
        }
        let project = result.project
        self.init(
            startedAt: startedAt, command: "check", paths: paths, gitCommit: revision.commit, gitBranch: revision.branch,
            configurationHash: ConfigurationFingerprint.of(command: "check", paths: paths, configuration: configuration),
            passed: result.gate.passed,
            summary: RunSummary(symbols: project.symbols, documented: project.documented, coverage: project.coverage, scores: project.scores,
                                overall: project.overall, findings: project.findings),
            files: files)
    }
}
