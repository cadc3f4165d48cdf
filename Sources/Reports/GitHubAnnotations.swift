import Scoring

/// GitHub Actions workflow commands (`::warning file=…,line=…::message`) for findings.
public enum GitHubAnnotations {
    /// One `::warning` per finding (new ones only with a baseline), then an `::error` or
    /// `::notice` with the gate verdict.
    public static func lines(_ result: CheckResult, onlyNew: Bool) -> [String] {
        var lines = result.findings.filter { !onlyNew || $0.isNew }.map { finding in
            "::warning file=\(property(finding.path)),line=\(finding.line),col=\(finding.column),title=\(property("\(finding.code) \(finding.rule)"))::\(data(finding.message))"
        }
        let verdict = result.gate.passed ? "docstring gate passed" : "docstring gate failed: " + result.gate.failures.joined(separator: "; ")
        lines.append("::\(result.gate.passed ? "notice" : "error") title=docharness::\(data(verdict))")
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
