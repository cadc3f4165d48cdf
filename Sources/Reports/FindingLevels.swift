import Scoring

/// How serious each finding is in reports that grade them (SARIF levels, GitHub annotations):
/// an error when the file could not be checked (DH001–DH004) or its symbol falls under the gate,
/// a note when it costs nothing (suppression findings), a warning otherwise.
struct FindingLevels {
    enum Level: String {
        case error, warning, note
    }

    /// `path NUL qualname` of every symbol under the gate.
    private let failing: Set<String>

    init(_ result: CheckResult) {
        failing = Set(result.files.flatMap { file in
            file.symbols.filter(\.fallsUnderGate).map { "\(file.path)\u{0}\($0.qualname)" }
        })
    }

    func level(of finding: Finding) -> Level {
        if finding.code.hasPrefix("DH00") { return .error }
        if failing.contains("\(finding.path)\u{0}\(finding.symbol)") { return .error }
        return finding.penalty == 0 ? .note : .warning
    }
}
