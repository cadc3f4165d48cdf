import Files
import Scoring

/// `check` results as a `TestReport`: first a `docharness gate` suite with one case per gate
/// condition (so the test tab fails exactly when the exit code does), then a suite per file and a
/// case per symbol — a failure when the symbol falls under the gate (`fail-under-symbol`, or a new
/// finding against `--baseline`) with its findings in the failure body, an error for a file that
/// could not be read or parsed — with the scores as properties.
public enum CheckJUnitReport {
    /// The report for a check result.
    public static func report(_ result: CheckResult, timestamp: String? = nil) -> TestReport {
        let files = result.files
        let suites = ParallelMap.map(count: files.count) { suite(files[$0]) }
        return TestReport(name: "docharness check", suites: [gateSuite(result)] + suites, timestamp: timestamp)
    }

    /// Writes the report to `path` atomically, each file's suite made and written as libxml2
    /// streams the file (`JUnitWriter.write(name:timestamp:counts:suiteCount:to:suite:)`), so the
    /// whole report is never in memory. The same bytes as writing `report(result)`.
    public static func write(_ result: CheckResult, timestamp: String? = nil, to path: String,
                             suitesPerPiece: Int = 24) throws(JUnitWriter.WriteError) {
        let files = result.files
        let gate = gateSuite(result)
        try JUnitWriter.write(name: "docharness check", timestamp: timestamp, counts: counts(result), suiteCount: files.count + 1,
                              to: path, suitesPerPiece: suitesPerPiece) { index in index == 0 ? gate : suite(files[index - 1]) }
    }

    /// Writes the report to standard output, streamed as `write(_:timestamp:to:)` streams it.
    public static func writeToStandardOutput(_ result: CheckResult, timestamp: String? = nil) {
        let files = result.files
        let gate = gateSuite(result)
        JUnitWriter.writeToStandardOutput(name: "docharness check", timestamp: timestamp, counts: counts(result), suiteCount: files.count + 1) { index in
            index == 0 ? gate : suite(files[index - 1])
        }
    }

    /// The totals of `report(result)`, counted without making it.
    static func counts(_ result: CheckResult) -> TestCounts {
        var counts = gateSuite(result).counts
        for file in result.files {
            if !file.diagnostics.isEmpty {
                counts.tests += 1
                counts.errors += 1
            }
            for symbol in file.symbols {
                counts.tests += 1
                switch kind(of: symbol) {
                case .passed: break
                case .failed: counts.failures += 1
                case .skipped: counts.skipped += 1
                }
            }
        }
        return counts
    }

    /// What a symbol's case is: skipped when it is not scored, failed when it falls under the gate.
    enum CaseKind { case passed, failed, skipped }

    static func kind(of symbol: SymbolResult) -> CaseKind {
        symbol.overall == nil ? .skipped : symbol.fallsUnderGate ? .failed : .passed
    }

    static func gateSuite(_ result: CheckResult) -> TestSuite {
        let cases = result.gate.conditions.map { condition in
            TestCase(classname: "docharness.gate", name: condition.requirement,
                     outcome: condition.failure.map { .failed(TestFailure(message: $0, type: "gate", details: $0)) } ?? .passed)
        }
        let project = result.project
        var properties = Dimension.allCases.map { TestProperty(name: "\($0.rawValue)-score", value: Scorer.format(project.scores[$0])) }
        properties += [TestProperty(name: "overall-score", value: Scorer.format(project.overall)),
                       TestProperty(name: "coverage-percent", value: Scorer.format(project.coverage)),
                       TestProperty(name: "selection", value: result.selection),
                       TestProperty(name: "project-style", value: result.projectStyle.rawValue)]
        return TestSuite(name: "docharness gate", properties: properties, cases: cases)
    }

    static func suite(_ file: FileResult) -> TestSuite {
        let classname = moduleName(file.path)
        var cases: [TestCase] = []
        cases.reserveCapacity(file.symbols.count + 1)
        if !file.diagnostics.isEmpty {
            let diagnostic = file.diagnostics[0]
            cases.append(TestCase(classname: classname, name: "<module>", file: file.path, line: max(1, diagnostic.line),
                                  outcome: .error(TestFailure(message: diagnostic.message, type: diagnostic.code.rawValue,
                                                              details: diagnostic.formatted(path: file.path)))))
        }
        var seen: Set<String> = []
        seen.reserveCapacity(file.symbols.count)
        // By index: `for symbol in file.symbols` would copy each symbol, findings and all.
        for index in file.symbols.indices {
            // GitLab keys cases by classname + name: keep names unique (redefinitions get `@line`).
            let qualname = file.symbols[index].qualname
            let line = file.symbols[index].line
            let name = seen.insert(qualname).inserted ? qualname : "\(qualname)@\(line)"
            cases.append(TestCase(classname: classname, name: name, file: file.path, line: line,
                                  outcome: outcome(file.symbols[index]), properties: properties(file.symbols[index])))
        }
        let suiteFindings = file.fileFindings.filter { $0.code == "DH020" || $0.code == "DH021" }
        let output = suiteFindings.isEmpty ? nil : suiteFindings.map(line).joined(separator: "\n")
        return TestSuite(name: file.path, file: file.path,
                         properties: [TestProperty(name: "overall-score", value: Scorer.format(file.aggregate.overall)),
                                      TestProperty(name: "coverage-percent", value: Scorer.format(file.aggregate.coverage))],
                         cases: cases, output: output)
    }

    static func outcome(_ symbol: SymbolResult) -> TestOutcome {
        switch kind(of: symbol) {
        case .skipped: return .skipped("not scored: its missing docstring is suppressed or DH100 is off")
        case .passed: return .passed
        case .failed: break
        }
        let overall = symbol.overall ?? 0
        let worst = symbol.findings.max { $0.penalty < $1.penalty }
        let message = symbol.documented
            ? "score \(Scorer.format(overall)) is under the gate: \(symbol.findings.count) finding\(symbol.findings.count == 1 ? "" : "s")"
            : "no docstring"
        return .failed(TestFailure(message: message, type: worst?.code ?? "DH100",
                                   details: symbol.findings.map(line).joined(separator: "\n")))
    }

    /// A symbol's scores as one `scores` property in logfmt, `overall=61.2 completeness=40
    /// clarity=100 style=100 complexity=50 mccabe=3`: one line a test tab can show, one pair per
    /// score for a script. (One property per score made the standard library's report three
    /// times as large and its writing three times as slow.)
    static func properties(_ symbol: SymbolResult) -> [TestProperty] {
        guard let scores = symbol.scores, let overall = symbol.overall else { return [] }
        // Written straight into the string's storage: twenty thousand symbols' worth of string
        // concatenation showed in the report's time.
        let value = String(unsafeUninitializedCapacity: 128) { buffer in
            var count = 0
            func append(_ key: StaticString, _ score: Double) {
                if count > 0 { buffer[count] = 0x20; count += 1 }
                for offset in 0 ..< key.utf8CodeUnitCount { buffer[count + offset] = key.utf8Start[offset] }
                count += key.utf8CodeUnitCount
                buffer[count] = 0x3D
                count += 1
                count += writeScore(score, into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
            }
            append("overall", overall)
            append("completeness", scores[.completeness])
            append("clarity", scores[.clarity])
            append("style", scores[.style])
            append("complexity", scores[.complexity])
            if let complexity = symbol.complexity {
                append("mccabe", Double(complexity))
            }
            return count
        }
        return [TestProperty(name: "scores", value: value)]
    }

    /// `Scorer.format(score)` (one decimal, none when it is zero) written into `buffer`, which
    /// has room for it; returns how many bytes. Scores up to 9999.9 (they are 0–100), then
    /// `Scorer.format` itself.
    static func writeScore(_ score: Double, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let tenths = Int((score * 10).rounded())
        guard tenths >= 0, tenths < 100_000 else {
            let text = Array(Scorer.format(score).utf8.prefix(buffer.count))
            for (offset, byte) in text.enumerated() { buffer[offset] = byte }
            return text.count
        }
        var count = 0
        let whole = tenths / 10
        if whole >= 1000 { buffer[count] = 0x30 + UInt8(whole / 1000); count += 1 }
        if whole >= 100 { buffer[count] = 0x30 + UInt8(whole / 100 % 10); count += 1 }
        if whole >= 10 { buffer[count] = 0x30 + UInt8(whole / 10 % 10); count += 1 }
        buffer[count] = 0x30 + UInt8(whole % 10)
        count += 1
        if tenths % 10 != 0 {
            buffer[count] = 0x2E
            buffer[count + 1] = 0x30 + UInt8(tenths % 10)
            count += 2
        }
        return count
    }

    static func line(_ finding: Finding) -> String {
        "\(finding.path):\(finding.line):\(finding.column): \(finding.code) \(finding.message)"
    }

    /// `src/pkg/mod.py` → `src.pkg.mod`; `pkg/__init__.py` → `pkg`; a folder's leading dots
    /// are dropped (`.cache/x.py` → `cache.x`), since a dotted name cannot start with one.
    static func moduleName(_ path: String) -> String {
        var parts = path.split(separator: "/").map { $0.drop { $0 == "." } }.filter { !$0.isEmpty }.map(String.init)
        if let last = parts.last {
            parts[parts.count - 1] = last.hasSuffix(".py") ? String(last.dropLast(3)) : last
            if parts.last == "__init__", parts.count > 1 { parts.removeLast() }
        }
        return parts.joined(separator: ".")
    }
}
