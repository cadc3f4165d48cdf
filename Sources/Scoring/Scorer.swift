import Docstrings
import Files
import PythonSyntax

/// Runs the rules over parsed files and computes scores, aggregates and the gate.
public struct Scorer: Sendable {
    /// The configuration.
    public var configuration: ScoringConfiguration
    /// When set, only symbols with changed lines of their own are checked.
    public var changedLines: ChangedLines?
    /// When set, the gate fails only on findings not in it.
    public var baseline: Baseline?
    /// Files of the project that are not checked but whose names a checked file's docstrings may
    /// refer to (DH112) or whose functions it may call (DH109): the rest of the packages the
    /// checked files belong to (`ProjectNames.neighbours(of:)`).
    public var neighbours: [SourceFile] = []
    /// Whether the rules use names from beyond each file (then `neighbours` is worth reading).
    public var usesProjectNames: Bool {
        configuration.isEnabled(UnresolvedReference.code) || configuration.isEnabled(StaleException.code)
    }

    /// Creates a scorer.
    public init(configuration: ScoringConfiguration, changedLines: ChangedLines? = nil, baseline: Baseline? = nil) {
        self.configuration = configuration
        self.changedLines = changedLines
        self.baseline = baseline
    }

    /// A file with its scope and parsed docstrings, before the rules run.
    struct PreparedFile: Sendable {
        var file: SourceFile
        var scope: SymbolScope
        var docstrings: [Docstring?]
    }

    /// What the preparing pool makes: one of the two indexes, or one file ready for the rules.
    enum Preparation: Sendable {
        case names(ProjectNames?)
        case quiet(QuietFunctions?)
        case file(PreparedFile)
    }

    /// Checks files (parsed already) on `jobs` cores.
    public func check(_ files: [SourceFile], jobs: Int? = nil) -> CheckResult {
        let options = configuration.coverage
        let rules = RuleCatalog.all.filter { configuration.isEnabled($0.code) }.map { $0.init() }
        let wantsNames = rules.contains { $0 is UnresolvedReference }, wantsQuiet = rules.contains { $0 is StaleException }
        let everyFile = wantsNames || wantsQuiet ? files + neighbours : []
        // One pool: the two project-wide indexes first (each is a pass over every file that
        // cannot be split), then every file's scope and docstrings beside them.
        let preparation = ParallelMap.map(count: files.count + 2, jobs: jobs) { index -> Preparation in
            switch index {
            case 0: return .names(wantsNames ? ProjectNames(files: everyFile) : nil)
            case 1: return .quiet(wantsQuiet ? QuietFunctions(files: everyFile) : nil)
            default:
                let file = files[index - 2]
                let scope = SymbolScope(symbols: file.symbols, path: file.path, options: options)
                let docstrings = file.symbols.enumerated().map { offset, symbol in
                    scope.included[offset] ? symbol.docstring.map(DocstringParser.parse) : nil
                }
                return .file(PreparedFile(file: file, scope: scope, docstrings: docstrings))
            }
        }
        let names = preparation.lazy.compactMap { if case .names(let built) = $0 { built } else { nil } }.first
        let quiet = preparation.lazy.compactMap { if case .quiet(let built) = $0 { built } else { nil } }.first
        let prepared = preparation.compactMap { if case .file(let file) = $0 { file } else { nil } }
        let style = configuration.style ?? Self.dominantStyle(prepared)
        let filter = PathFilter(configuration: configuration)
        var results = ParallelMap.map(count: prepared.count, jobs: jobs) { index in
            score(prepared[index], style: style, rules: rules, filter: filter, names: names, quiet: quiet)
        }
        var newFindings = 0
        if let baseline {
            var remaining = baseline.counts
            for fileIndex in results.indices {
                for symbolIndex in results[fileIndex].symbols.indices {
                    baseline.mark(&results[fileIndex].symbols[symbolIndex].findings, remaining: &remaining)
                }
                baseline.mark(&results[fileIndex].fileFindings, remaining: &remaining)
            }
        }
        for file in results { newFindings += file.newFindingCount }
        let symbolThreshold: Double? = configuration.symbolFailUnder > 0 ? configuration.symbolFailUnder : nil
        for fileIndex in results.indices {
            for symbolIndex in results[fileIndex].symbols.indices {
                if baseline != nil {
                    results[fileIndex].symbols[symbolIndex].fallsUnderGate = results[fileIndex].symbols[symbolIndex].findings.contains(where: \.isNew)
                } else if changedLines != nil {
                    // Clean as you code: a changed symbol with any finding fails the gate.
                    results[fileIndex].symbols[symbolIndex].fallsUnderGate = !results[fileIndex].symbols[symbolIndex].findings.isEmpty
                } else if let symbolThreshold, let overall = results[fileIndex].symbols[symbolIndex].overall {
                    results[fileIndex].symbols[symbolIndex].fallsUnderGate = overall < symbolThreshold
                }
            }
        }
        let project = Aggregate.of(files: results)
        var byFolder: [String: [Int]] = [:]
        for (index, file) in results.enumerated() where file.diagnostics.isEmpty {
            let folder = file.path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(file.path[..<$0]) } ?? ""
            byFolder[folder.isEmpty ? "." : folder, default: []].append(index)
        }
        let packages = byFolder.keys.sorted().map { folder in
            PackageResult(path: folder, aggregate: Aggregate.of(files: byFolder[folder]!.lazy.map { results[$0] }))
        }
        let selection = changedLines.map { "symbols changed since \($0.revision)" } ?? "all symbols"
        let unparsable = results.filter { !$0.diagnostics.isEmpty }.count
        return CheckResult(projectStyle: style, selection: selection, files: results, packages: packages, project: project,
                           newFindings: newFindings, symbolThreshold: symbolThreshold,
                           gate: gate(project: project, files: results, newFindings: newFindings, unparsableFiles: unparsable))
    }

    /// The style most docstrings are written in (plain ones do not vote); `.plain` when none has sections.
    static func dominantStyle(_ files: [PreparedFile]) -> DocstringStyle {
        var counts: [DocstringStyle: Int] = [:]
        for file in files {
            for docstring in file.docstrings {
                guard let docstring, docstring.style != .plain else { continue }
                counts[docstring.style, default: 0] += 1
            }
        }
        let order: [DocstringStyle] = [.google, .numpy, .sphinx, .epytext]
        return order.max { (counts[$0] ?? 0, -order.firstIndex(of: $0)!) < (counts[$1] ?? 0, -order.firstIndex(of: $1)!) }
            .flatMap { (counts[$0] ?? 0) > 0 ? $0 : nil } ?? .plain
    }

    // MARK: - One file

    func score(_ prepared: PreparedFile, style: DocstringStyle, rules: [any Rule], filter: PathFilter, names: ProjectNames?,
               quiet: QuietFunctions?) -> FileResult {
        let file = prepared.file
        guard file.isValid else {
            let findings = file.diagnostics.map {
                Finding(code: $0.code.rawValue, rule: "unreadable-source", dimension: .completeness, message: $0.message,
                        path: file.path, line: $0.line, column: $0.column, symbol: "<module>", subject: "", penalty: 0)
            }
            return FileResult(path: file.path, diagnostics: file.diagnostics, symbols: [], fileFindings: findings,
                              aggregate: Aggregate.of([], findings: findings.count))
        }
        let ignored = filter.ignoredCodes(for: file.path)
        let fileRules = ignored.isEmpty ? rules : rules.filter { rule in !ignored.contains { rule.code.hasPrefix($0) } }
        let suppressions = Suppression.parse(file)
        var used = [Bool](repeating: false, count: suppressions.count)
        let requireReason = configuration.requireSuppressionReason
        let suppressionsByLine = Dictionary(grouping: suppressions.indices.filter { suppressions[$0].applies(requireReason: requireReason) }) { suppressions[$0].line }
        let symbols = file.symbols
        let references = names.map { names in
            let folders = file.path.utf8.split(separator: UInt8(ascii: "/")).dropLast()
            return ReferenceScope(project: names, module: Set(symbols.first { $0.kind == .module }?.attributes.map(\.name) ?? []),
                                  packageStarImports: folders.last.map { names.starImporters.contains(String(Substring($0))) } ?? false)
        }
        let selected = selection(prepared)
        let orderedWeights = Dimension.allCases.map { configuration.weights[$0] ?? 0 }
        var results: [SymbolResult] = []
        results.reserveCapacity(symbols.count)
        for index in symbols.indices where prepared.scope.included[index] && selected[index] {
            let parentIndex = prepared.scope.parents[index]
            let constructor = prepared.scope.constructors[index]
            let context = SymbolContext(symbols: symbols, index: index, parentIndex: parentIndex, constructorIndex: constructor,
                                        projectStyle: style, options: configuration.rules,
                                        literalIndent: symbols[index].docstringLine.flatMap { line in file.text.map { Self.indentation(of: $0.line(line)) } },
                                        docstring: .some(prepared.docstrings[index]),
                                        parentDocstring: parentIndex.flatMap { prepared.scope.included[$0] ? .some(prepared.docstrings[$0]) : nil },
                                        constructorDocstring: constructor.flatMap { prepared.scope.included[$0] ? .some(prepared.docstrings[$0]) : nil },
                                        references: references, quietFunctions: quiet)
            let literalIndent = context.literalIndent
            let documented = symbols[index].docstring.map { !$0.isBlank } ?? false
            let definitionColumn = (file.text.map { Self.indentation(of: $0.line(symbols[index].line)) } ?? 0) + 1
            var findings: [Finding] = []
            var missingSuppressed = false
            for rule in fileRules {
                if !documented && rule.code != MissingDocstring.code { continue }
                for violation in rule.check(context) {
                    let column = rule.code == MissingDocstring.code ? definitionColumn : (literalIndent ?? 0) + 1
                    let finding = Finding(code: rule.code, rule: type(of: rule).name, dimension: type(of: rule).dimension,
                                          message: violation.message, path: file.path, line: violation.line, column: column,
                                          symbol: symbols[index].qualname, subject: violation.subject, penalty: violation.penalty)
                    let candidates = (suppressionsByLine[finding.line] ?? []) + (finding.line == symbols[index].line ? [] : suppressionsByLine[symbols[index].line] ?? [])
                    if let match = candidates.first(where: { suppressions[$0].covers(finding.code) }) {
                        used[match] = true
                        if rule.code == MissingDocstring.code { missingSuppressed = true }
                        continue
                    }
                    findings.append(finding)
                }
            }
            let isMissing = findings.contains { $0.code == MissingDocstring.code }
            let scored = documented || isMissing
            let scores: DimensionScores? = !scored ? nil : isMissing ? DimensionScores(all: 0) : DimensionScores.from(findings)
            results.append(SymbolResult(qualname: symbols[index].qualname, kind: symbols[index].kind, line: symbols[index].line, endLine: symbols[index].endLine,
                                        documented: documented, countsForCoverage: !missingSuppressed, style: prepared.docstrings[index]?.style,
                                        complexity: symbols[index].complexity, scores: scores,
                                        overall: scores?.overall(orderedWeights: orderedWeights), findings: findings))
        }
        var fileFindings: [Finding] = []
        for (index, suppression) in suppressions.enumerated() {
            if !suppression.applies(requireReason: requireReason), configuration.isEnabled(SuppressionFinding.missingReason.code) {
                fileFindings.append(Finding(code: SuppressionFinding.missingReason.code, rule: SuppressionFinding.missingReason.name,
                                                   dimension: .completeness, message: "this suppression gives no reason, so it does not apply; write `# docharness: ignore[CODE] why`",
                                                   path: file.path, line: suppression.line, column: 1, symbol: "", subject: "\(suppression.codes)", penalty: 0))
            } else if suppression.applies(requireReason: requireReason), suppression.reportsUnused, !used[index], changedLines == nil,
                      configuration.isEnabled(SuppressionFinding.unused.code) {
                fileFindings.append(Finding(code: SuppressionFinding.unused.code, rule: SuppressionFinding.unused.name,
                                                   dimension: .completeness, message: "this suppression silences nothing; remove it",
                                                   path: file.path, line: suppression.line, column: 1, symbol: "", subject: "\(suppression.codes)", penalty: 0))
            }
        }
        let count = results.reduce(0) { $0 + $1.findings.count } + fileFindings.count
        return FileResult(path: file.path, diagnostics: [], symbols: results, fileFindings: fileFindings,
                          aggregate: Aggregate.of(results, findings: count))
    }

    /// Which symbols are selected: all, or those with changed lines of their own (lines not
    /// inside a nested definition).
    func selection(_ prepared: PreparedFile) -> [Bool] {
        let symbols = prepared.file.symbols
        guard let changedLines else { return [Bool](repeating: true, count: symbols.count) }
        var children = [[Int]](repeating: [], count: symbols.count)
        for (index, parent) in prepared.scope.parents.enumerated() {
            if let parent { children[parent].append(index) } else if index > 0 { children[0].append(index) }
        }
        return symbols.indices.map { index in
            var own: [ClosedRange<Int>] = []
            var start = symbols[index].line
            for child in children[index].sorted(by: { symbols[$0].line < symbols[$1].line }) {
                let childStart = symbols[child].line - symbols[child].decorators.count
                if childStart > start { own.append(start ... childStart - 1) }
                start = max(start, symbols[child].endLine + 1)
            }
            if start <= symbols[index].endLine { own.append(start ... symbols[index].endLine) }
            return changedLines.touches(prepared.file.path, lines: own)
        }
    }

    static func indentation(of line: String) -> Int {
        var width = 0
        for byte in line.utf8 {
            if byte == 0x20 { width += 1 } else if byte == 0x09 { width += 8 - width % 8 } else { break }
        }
        return width
    }

    // MARK: - Gate

    func gate(project: Aggregate, files: [FileResult], newFindings: Int, unparsableFiles: Int) -> GateVerdict {
        let symbols = files.lazy.flatMap(\.symbols)
        var conditions: [GateCondition] = []
        func require(_ holds: Bool, _ description: String, _ failure: @autoclosure () -> String) {
            conditions.append(GateCondition(requirement: description, failure: holds ? nil : failure()))
        }
        if baseline != nil {
            require(newFindings == 0, "no findings beyond the baseline",
                    "\(newFindings) finding\(newFindings == 1 ? "" : "s") not in the baseline — " + Self.list(Array(symbols.flatMap(\.findings).filter(\.isNew))))
            return GateVerdict(passed: conditions.allSatisfy(\.passed), conditions: conditions)
        }
        require(unparsableFiles == 0, "every file parses",
                "\(unparsableFiles) file\(unparsableFiles == 1 ? "" : "s") could not be read or parsed")
        if let changedLines {
            let findings = Array(symbols.flatMap(\.findings))
            require(findings.isEmpty, "no findings in symbols changed since \(changedLines.revision)",
                    "\(findings.count) finding\(findings.count == 1 ? "" : "s") in symbols changed since \(changedLines.revision) — " + Self.list(findings))
        }
        if symbols.contains(where: { $0.scores != nil }) {
            require(project.overall >= configuration.failUnder, "overall score ≥ \(Self.format(configuration.failUnder))",
                    "overall score \(Self.format(project.overall)) is below \(Self.format(configuration.failUnder))")
            for dimension in Dimension.allCases {
                guard let minimum = configuration.dimensionFailUnder[dimension] else { continue }
                require(project.scores[dimension] >= minimum, "\(dimension.rawValue) ≥ \(Self.format(minimum))",
                        "\(dimension.rawValue) score \(Self.format(project.scores[dimension])) is below \(Self.format(minimum))")
            }
        }
        if configuration.coverageFailUnder > 0 {
            require(project.coverage >= configuration.coverageFailUnder, "coverage ≥ \(Self.format(configuration.coverageFailUnder))%",
                    "coverage \(Self.format(project.coverage))% is below \(Self.format(configuration.coverageFailUnder))%")
        }
        if configuration.symbolFailUnder > 0 {
            let below = symbols.filter { $0.scores != nil && ($0.overall ?? 0) < configuration.symbolFailUnder }.count
            require(below == 0, "every symbol ≥ \(Self.format(configuration.symbolFailUnder))",
                    "\(below) symbol\(below == 1 ? "" : "s") score below \(Self.format(configuration.symbolFailUnder))")
        }
        return GateVerdict(passed: conditions.allSatisfy(\.passed), conditions: conditions)
    }

    /// "DH101 in `area` (line 4), DH100 in `perimeter` (line 12) and 3 more": the findings
    /// that failed a gate, named so the summary says which.
    static func list(_ findings: [Finding], limit: Int = 5) -> String {
        let named = findings.prefix(limit).map { "\($0.code) in `\($0.symbol)` (\($0.path):\($0.line))" }
        let more = findings.count > limit ? " and \(findings.count - limit) more" : ""
        return named.joined(separator: ", ") + more
    }

    /// One decimal, without a trailing `.0`.
    public static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
