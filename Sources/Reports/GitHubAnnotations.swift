import Scoring

/// GitHub Actions workflow commands (`::error file=…,line=…::message`) for findings.
///
/// GitHub shows only the first 10 errors and 10 warnings of a step, so the verdict comes first,
/// then the most important findings: those on lines changed since `--changed-since`'s revision
/// (or in a symbol whose `def` line changed), then new ones, then by penalty. Findings of symbols under the gate are errors, the rest
/// warnings. A final notice says how many findings were not shown.
public enum GitHubAnnotations {
    /// GitHub's per-step limit for each of errors and warnings.
    public static let perLevelLimit = 10

    /// The workflow commands for a result.
    public static func lines(_ result: CheckResult, onlyNew: Bool, changedLines: ChangedLines? = nil) -> [String] {
        var lines: [String] = []
        var errorsLeft = perLevelLimit
        var warningsLeft = perLevelLimit
        if !result.gate.passed {
            lines.append("::error title=docharness::\(data("docstring gate failed: " + result.gate.failures.joined(separator: "; ")))")
            errorsLeft -= 1
        }
        let levels = FindingLevels(result)
        let candidates = result.findings.filter { !onlyNew || $0.isNew }
        // A finding is on a changed line when its own line or its symbol's `def` line changed (a
        // parameter added to the signature is reported on the docstring).
        var definitionLines: [String: Int] = [:]
        if changedLines != nil {
            for file in result.files {
                for symbol in file.symbols { definitionLines[file.path + "\0" + symbol.qualname] = symbol.line }
            }
        }
        func onChangedLine(_ finding: Finding) -> Bool {
            guard let changedLines else { return false }
            let definition = definitionLines[finding.path + "\0" + finding.symbol] ?? finding.line
            return changedLines.touches(finding.path, lines: [finding.line ... finding.line, definition ... definition])
        }
        let changed = Set(candidates.filter(onChangedLine).map(\.fingerprint))
        let ranked = candidates.sorted { a, b in
            let aChanged = changed.contains(a.fingerprint)
            let bChanged = changed.contains(b.fingerprint)
            if aChanged != bChanged { return aChanged }
            if a.isNew != b.isNew { return a.isNew }
            if a.penalty != b.penalty { return a.penalty > b.penalty }
            return (a.path, a.line, a.code) < (b.path, b.line, b.code)
        }
        var shown = 0
        for finding in ranked {
            let isError = levels.level(of: finding) == .error
            if isError {
                guard errorsLeft > 0 else { continue }
                errorsLeft -= 1
            } else {
                guard warningsLeft > 0 else { continue }
                warningsLeft -= 1
            }
            shown += 1
            let title = "\(finding.code) \(RuleCatalog.name(code: finding.code))"
            lines.append("::\(isError ? "error" : "warning") file=\(property(finding.path)),line=\(finding.line),col=\(finding.column),title=\(property(title))::\(data(finding.message))")
        }
        if shown < ranked.count {
            lines.append("::notice title=docharness::\(data("\(ranked.count - shown) of \(ranked.count) findings are not shown as annotations (GitHub shows 10 errors and 10 warnings per step); the job summary (--markdown) and the JSON report (--json) list them all"))")
        } else if result.gate.passed {
            lines.append("::notice title=docharness::\(data("docstring gate passed: " + result.gate.conditions.map(\.requirement).joined(separator: "; ")))")
        }
        return lines
    }

    /// Escapes message data: `%`, CR and LF.
    static func data(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.append(character)
            }
        }
        return result
    }

    /// Escapes a property value: as data, plus `:` and `,`.
    static func property(_ text: String) -> String {
        var result = ""
        for character in data(text) {
            switch character {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.append(character)
            }
        }
        return result
    }
}
