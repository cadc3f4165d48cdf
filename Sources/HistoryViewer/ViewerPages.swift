import Foundation
import History
import Scoring

/// The viewer's pages as HTML, from records the store returned: the runs with their trends, one
/// run's symbols (filtered), one symbol, and two runs side by side.
public enum ViewerPages {
    /// Which of a run's symbols the run page lists.
    public struct SymbolFilter: Sendable, Hashable {
        /// `all`, `failing` (no docstring, or overall under 70, the default gate) or `changed`
        /// (against the previous comparable run).
        public var show: String
        /// Only symbols with a finding of this rule.
        public var rule: String?

        /// Creates a filter.
        public init(show: String = "all", rule: String? = nil) {
            self.show = ["all", "failing", "changed"].contains(show) ? show : "all"
            self.rule = rule.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// The score under which the run page calls a symbol failing (the default `fail-under`).
    static let failingBelow = 70.0

    // MARK: - Runs

    /// Every run, newest first, with the trend of each command's scores and coverage.
    public static func runs(_ runs: [RunRecord]) -> String { HTML.page(title: "Runs", body: runsBody(runs)) }

    static func runsBody(_ runs: [RunRecord]) -> String {
        var html = HTML()
        html.raw("<h1 id=\"runs\">Runs</h1>")
        if runs.isEmpty {
            html.raw("<p class=\"muted\">No runs recorded yet: <code>docharness check --history</code> or <code>docharness eval</code> records one.</p>")
            return html.text
        }
        html.raw("<div class=\"charts\">")
        for command in ["check", "eval"] {
            let chronological = runs.filter { $0.command == command }.prefix(60).reversed()
            guard !chronological.isEmpty else { continue }
            let labels = chronological.map { "#\($0.id ?? 0)" }
            let series = [("overall", { (run: RunRecord) in run.summary.overall })] + Dimension.allCases.map { dimension in
                (dimension.rawValue, { (run: RunRecord) in run.summary.scores[dimension] })
            } + [("coverage", { (run: RunRecord) in run.summary.coverage })]
            let lines = series.enumerated().map { index, item in
                SVGChart.Series(name: item.0, color: SVGChart.palette[index % SVGChart.palette.count], values: chronological.map(item.1))
            }
            html.raw("<figure><figcaption>\(command): scores and coverage per run</figcaption>")
            html.raw(SVGChart.trend(lines, labels: Array(labels)))
            html.raw("</figure>")
        }
        html.raw("</div><table class=\"runs\"><thead><tr><th class=\"n\">run</th><th>started (UTC)</th><th>command</th><th>branch @ commit</th><th>template</th>")
        html.raw("<th class=\"n\">coverage</th><th class=\"n\">overall</th><th class=\"n\">findings</th><th>gate</th><th></th></tr></thead><tbody>")
        for (index, run) in runs.enumerated() {
            let id = run.id ?? 0
            html.raw("<tr><td class=\"n\"><a href=\"\(Links.run(id))\">\(id)</a></td><td>\(ComparisonReports.timestamp(run.startedAt))</td><td>\(run.command)</td><td>")
            html.escaped((run.gitBranch ?? "–") + (run.gitCommit.map { " @ " + $0.prefix(7) } ?? ""))
            html.raw("</td><td>")
            html.escaped(run.templateVersion ?? "–")
            html.raw("</td><td class=\"n\">\(score(run.summary.coverage))%</td><td class=\"n\">\(score(run.summary.overall))</td><td class=\"n\">\(run.summary.findings)</td>")
            html.raw(run.passed ? "<td class=\"pass\">passed</td>" : "<td class=\"fail\">failed</td>")
            let previous = runs[(index + 1)...].first { $0.command == run.command && $0.configurationHash == run.configurationHash }
            html.raw("<td>" + (previous.map { "<a class=\"compare\" href=\"\(Links.compare($0.id ?? 0, id))\">compare with \($0.id ?? 0)</a>" } ?? "") + "</td></tr>")
        }
        html.raw("</tbody></table>")
        return html.text
    }

    // MARK: - A run

    /// One run: its figures, for `eval` the estimator error and safe-zone headroom charts, and its
    /// symbols as `filter` selects them (`previous`: the comparable run before it, for changes).
    public static func run(_ run: RunRecord, previous: RunRecord?, filter: SymbolFilter) -> String {
        HTML.page(title: "Run \(run.id ?? 0)", body: runBody(run, previous: previous, filter: filter))
    }

    static func runBody(_ run: RunRecord, previous: RunRecord?, filter: SymbolFilter) -> String {
        let id = run.id ?? 0
        let symbols = run.symbols
        var html = HTML(capacity: 1 << 20 + symbols.count * 320)
        html.raw("<h1 id=\"run-\(id)\">Run \(id) <span class=\"muted\">")
        html.escaped("\(run.command) · \(run.gitBranch ?? "no branch")\(run.gitCommit.map { " @ " + $0.prefix(7) } ?? "") · \(ComparisonReports.timestamp(run.startedAt))")
        if let template = run.templateVersion { html.escaped(" · template \(template)") }
        html.raw("</span></h1>")
        html.raw("<table class=\"summary\"><tr><th>overall</th>" + Dimension.allCases.map { "<th>\($0.rawValue)</th>" }.joined() + "<th>coverage</th><th>findings</th><th>gate</th></tr>")
        html.raw("<tr><td class=\"n\">\(score(run.summary.overall))</td>" + Dimension.allCases.map { "<td class=\"n\">\(score(run.summary.scores[$0]))</td>" }.joined())
        html.raw("<td class=\"n\">\(score(run.summary.coverage))%</td><td class=\"n\">\(run.summary.findings)</td>" + (run.passed ? "<td class=\"pass\">passed</td>" : "<td class=\"fail\">failed</td>") + "</tr></table>")
        if let previous, let previousID = previous.id {
            html.raw("<p><a class=\"compare\" href=\"\(Links.compare(previousID, id))\">Compare with run \(previousID)</a>, the previous run of the same command and configuration.</p>")
        }
        if run.command == "eval" { html.raw(evaluationCharts(run)) }

        // Filters.
        let previousBySymbol = previous.map { Dictionary($0.symbols.map { ($0.identifier, $0) }, uniquingKeysWith: { first, _ in first }) } ?? [:]
        var codes: [String: Int] = [:]
        for symbol in symbols { for finding in symbol.findings { codes[finding.code, default: 0] += 1 } }
        let byRule = codes.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) })
        if StaticAnchors.isOn {
            // One file has no server to filter: the counts, without links that would go nowhere.
            html.raw("<h2>Symbols</h2><p class=\"filters\">findings by rule: ")
            html.raw(byRule.map { "<code>\($0.key)</code> <span class=\"muted\">\($0.value)</span>" }.joined(separator: " "))
            html.raw("</p>")
        } else {
            html.raw("<h2>Symbols</h2><nav class=\"filters\">")
            for show in ["all", "failing"] + (previous == nil ? [] : ["changed"]) {
                html.raw(show == filter.show && filter.rule == nil ? "<strong>\(show)</strong> " : "<a href=\"\(filterLink(id, show: show, rule: nil))\">\(show)</a> ")
            }
            html.raw("· by rule: ")
            for (code, count) in byRule {
                html.raw(code == filter.rule ? "<strong>\(code) (\(count))</strong> " : "<a href=\"\(filterLink(id, show: filter.show, rule: code))\">\(code)</a> <span class=\"muted\">\(count)</span> ")
            }
            html.raw("</nav>")
        }

        html.raw("<table class=\"symbols\"><thead><tr><th>symbol</th><th class=\"n\">overall</th>")
        for dimension in Dimension.allCases { html.raw("<th class=\"n\">\(dimension.rawValue)</th>") }
        html.raw(previous == nil ? "" : "<th class=\"n\">change</th>")
        html.raw("<th>findings</th></tr></thead><tbody>")
        var shown = 0
        for (index, symbol) in symbols.enumerated() {
            if let rule = filter.rule, !symbol.findings.contains(where: { $0.code == rule }) { continue }
            let earlier = previousBySymbol[symbol.identifier]
            let change = earlier.map { (symbol.overall ?? 0) - ($0.overall ?? 0) }
            switch filter.show {
            case "failing": if symbol.documented, (symbol.overall ?? 0) >= failingBelow { continue }
            case "changed": if earlier != nil, change == 0, earlier?.findings.map(\.fingerprint) == symbol.findings.map(\.fingerprint) { continue }
            default: break
            }
            shown += 1
            // One file holds no symbol pages: the name without a link.
            html.raw(StaticAnchors.isOn ? "<tr><td>" : "<tr><td><a href=\"\(Links.symbol(id, index))\">")
            html.escaped(symbol.identifier)
            html.raw(StaticAnchors.isOn ? "</td><td class=\"n\">" : "</a></td><td class=\"n\">")
            html.raw("\(symbol.overall.map(score) ?? "–")</td>")
            for dimension in Dimension.allCases { html.raw("<td class=\"n\">\(symbol.scores.map { score($0[dimension]) } ?? "–")</td>") }
            if previous != nil {
                html.raw(change.map { "<td class=\"n \($0 < 0 ? "worse" : $0 > 0 ? "better" : "")\">\(signed($0))</td>" } ?? "<td class=\"n muted\">new</td>")
            }
            html.raw("<td>\(symbol.findings.map(\.code).joined(separator: " "))</td></tr>")
        }
        html.raw("</tbody></table><p class=\"muted\">\(shown) of \(symbols.count) symbols shown.</p>")
        return html.text
    }

    /// The estimator error histogram and the safe-zone headroom chart of an `eval` run.
    static func evaluationCharts(_ run: RunRecord) -> String {
        let symbols = run.symbols
        let errors = symbols.compactMap { symbol -> Double? in
            guard let recorded = symbol.promptTokens, recorded > 0, let estimate = symbol.estimatedPromptTokens else { return nil }
            return Double(estimate - recorded) * 100 / Double(recorded)
        }
        let safeZone = run.summary.safeZone ?? 0
        let headrooms = symbols.compactMap { $0.headroom(safeZone: safeZone) }.map(Double.init)
        var html = "<div class=\"charts\"><figure><figcaption>Estimator error (\(HTML.escape(run.tokenizer ?? "estimate")) vs the server's prompt_tokens), \(errors.count) requests</figcaption>"
        html += SVGChart.histogram(errors, unit: "%") + "</figure>"
        html += "<figure><figcaption>Safe-zone headroom (zone \(safeZone), minimum \(run.summary.minimumHeadroom.map(String.init) ?? "–")), \(headrooms.count) requests</figcaption>"
        html += SVGChart.histogram(headrooms, unit: "tokens", color: headrooms.contains { $0 < 0 } ? "#cf222e" : "#1a7f37") + "</figure></div>"
        if !run.estimators.isEmpty {
            html += "<table class=\"estimators\"><thead><tr><th>measured on</th><th>estimator</th><th class=\"n\">n</th><th class=\"n\">exact</th><th class=\"n\">MAPE</th><th class=\"n\">bias</th><th class=\"n\">p95</th><th class=\"n\">crossings</th></tr></thead><tbody>"
            for row in run.estimators {
                html += "<tr><td>\(HTML.escape(row.source))</td><td><code>\(HTML.escape(row.estimator))</code></td><td class=\"n\">\(row.count)</td><td class=\"n\">\(row.exact)</td>"
                html += "<td class=\"n\">\(score(row.meanAbsolutePercentError))%</td><td class=\"n\">\(signed(row.signedBiasPercent))%</td><td class=\"n\">\(score(row.p95AbsolutePercentError))%</td><td class=\"n\">\(row.safeZoneCrossings)</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }

    // MARK: - A symbol

    /// One symbol of a run: scores, findings, and for `eval` the docstring it had against the one
    /// generated, and against the one the previous run generated.
    public static func symbol(_ run: RunRecord, index: Int, previous: RunRecord?) -> String? {
        let symbols = run.symbols
        guard symbols.indices.contains(index) else { return nil }
        return HTML.page(title: symbols[index].identifier, body: symbolBody(run, symbols: symbols, index: index, previous: previous))
    }

    /// `symbols` is `run.symbols`, flattened once by the caller.
    static func symbolBody(_ run: RunRecord, symbols: [SymbolRecord], index: Int, previous: RunRecord?) -> String {
        let symbol = symbols[index], id = run.id ?? 0
        var html = HTML()
        html.raw("<h1 id=\"run-\(id)-symbol-\(index)\"><code>")
        html.escaped(symbol.identifier)
        html.raw("</code> <span class=\"muted\">line \(symbol.line), <a href=\"\(Links.run(id))\">run \(id)</a></span></h1>")
        html.raw("<table class=\"summary\"><tr><th>overall</th>" + Dimension.allCases.map { "<th>\($0.rawValue)</th>" }.joined() + "</tr><tr>")
        html.raw("<td class=\"n\">\(symbol.overall.map(score) ?? "no docstring")</td>" + Dimension.allCases.map { dimension in "<td class=\"n\">\(symbol.scores.map { score($0[dimension]) } ?? "–")</td>" }.joined())
        html.raw("</tr></table>")
        html.raw("<h2>Findings (\(symbol.findings.count))</h2><ul class=\"findings\">")
        for finding in symbol.findings {
            html.raw("<li><code>\(finding.code)</code> line \(finding.line): ")
            html.escaped(finding.message)
            html.raw("</li>")
        }
        html.raw("</ul>")
        if symbol.docstring != nil || symbol.originalDocstring != nil {
            html.raw("<h2>Docstring before and after</h2>")
            html.raw(diff(old: symbol.originalDocstring, new: symbol.docstring, oldName: "existing", newName: "generated (run \(id))"))
        }
        if let earlier = previous?.symbols.first(where: { $0.identifier == symbol.identifier }), earlier.docstring != symbol.docstring, let previousID = previous?.id {
            html.raw("<h2>Against run \(previousID)</h2>")
            html.raw(diff(old: earlier.docstring, new: symbol.docstring, oldName: "run \(previousID)", newName: "run \(id)"))
        }
        return html.text
    }

    // MARK: - Two runs

    /// Two runs side by side: their figures, the symbols that changed, new findings, estimator
    /// drift and the generated docstrings that changed.
    public static func compare(_ comparison: RunComparison) -> String {
        HTML.page(title: "Run \(comparison.base.id ?? 0) → \(comparison.head.id ?? 0)", body: compareBody(comparison))
    }

    static func compareBody(_ comparison: RunComparison) -> String {
        let base = comparison.base, head = comparison.head
        let baseID = base.id ?? 0, headID = head.id ?? 0
        var html = HTML()
        html.raw("<h1 id=\"compare-\(baseID)-\(headID)\">Run <a href=\"\(Links.run(baseID))\">\(baseID)</a> → run <a href=\"\(Links.run(headID))\">\(headID)</a> ")
        html.raw(comparison.passed ? "<span class=\"pass\">within the thresholds</span>" : "<span class=\"fail\">regressed</span>")
        html.raw("</h1>")
        for failure in comparison.failures { html.raw("<p class=\"fail\">"); html.escaped(failure); html.raw("</p>") }
        html.raw("<div class=\"sbs\">")
        for (title, run) in [("Base", base), ("Head", head)] {
            html.raw("<div><h2>\(title): run \(run.id ?? 0)</h2><p class=\"muted\">")
            html.escaped(ComparisonReports.details(run))
            html.raw("</p><table><tr><th>overall</th><td class=\"n\">\(score(run.summary.overall))</td></tr>")
            for dimension in Dimension.allCases { html.raw("<tr><th>\(dimension.rawValue)</th><td class=\"n\">\(score(run.summary.scores[dimension]))</td></tr>") }
            html.raw("<tr><th>coverage</th><td class=\"n\">\(score(run.summary.coverage))%</td></tr><tr><th>findings</th><td class=\"n\">\(run.summary.findings)</td></tr></table></div>")
        }
        html.raw("</div>")
        html.raw("<h2>Symbols that changed (\(comparison.changed.count), worst first)</h2>")
        html.raw("<table class=\"changes\"><thead><tr><th>symbol</th><th class=\"n\">overall</th>" + Dimension.allCases.map { "<th class=\"n\">\($0.rawValue)</th>" }.joined() + "<th>new</th><th>fixed</th></tr></thead><tbody>")
        for change in comparison.changed.prefix(2_000) {
            html.raw("<tr class=\"\(change.regressed ? "worse" : "")\"><td>")
            html.escaped(change.identifier)
            html.raw("</td><td class=\"n\">\(score(change.baseOverall)) → \(score(change.headOverall))</td>")
            for dimension in Dimension.allCases {
                let delta = change.delta(dimension)
                html.raw("<td class=\"n \(delta < 0 ? "worse" : delta > 0 ? "better" : "")\">\(signed(delta))</td>")
            }
            html.raw("<td>\(change.newCodes.joined(separator: " "))</td><td>\(change.fixedCodes.joined(separator: " "))</td></tr>")
        }
        html.raw("</tbody></table>")
        if !comparison.newFindings.isEmpty {
            html.raw("<h2>New findings (\(comparison.newFindings.count))</h2><ul>")
            for finding in comparison.newFindings.prefix(500) {
                html.raw("<li><code>")
                html.escaped("\(finding.path):\(finding.line)")
                html.raw("</code> \(finding.code) ")
                html.escaped(finding.message)
                html.raw("</li>")
            }
            html.raw("</ul>")
        }
        if !comparison.estimatorDrift.isEmpty {
            html.raw("<h2>Estimators</h2><table><tr><th>estimator</th><th class=\"n\">MAPE base</th><th class=\"n\">MAPE head</th><th class=\"n\">bias change</th></tr>")
            for drift in comparison.estimatorDrift {
                html.raw("<tr><td><code>\(HTML.escape(drift.identifier))</code></td><td class=\"n\">\(score(drift.base.meanAbsolutePercentError))%</td><td class=\"n\">\(score(drift.head.meanAbsolutePercentError))%</td><td class=\"n\">\(signed(drift.signedBiasPercent))</td></tr>")
            }
            html.raw("</table>")
        }
        let rewritten = comparison.rewrittenDocstrings
        if !rewritten.isEmpty {
            html.raw("<h2>Generated docstrings that changed (\(rewritten.count))</h2>")
            for change in rewritten.prefix(100) {
                html.raw("<h3><code>")
                html.escaped(change.identifier)
                html.raw("</code></h3>")
                html.raw(diff(old: change.baseDocstring, new: change.headDocstring, oldName: "run \(baseID)", newName: "run \(headID)"))
            }
        }
        return html.text
    }

    // MARK: - Pieces

    /// A unified diff as a `<pre>` with added and removed lines marked.
    static func diff(old: String?, new: String?, oldName: String, newName: String) -> String {
        let rendered = ComparisonReports.docstringDiff(old: old, new: new, oldName: oldName, newName: newName)
        guard !rendered.isEmpty else { return "<p class=\"muted\">The same.</p>" }
        var html = "<pre class=\"diff\">"
        for line in rendered.split(separator: "\n", omittingEmptySubsequences: false) {
            let escaped = HTML.escape(String(line))
            if line.hasPrefix("+"), !line.hasPrefix("+++") {
                html += "<span class=\"add\">\(escaped)</span>\n"
            } else if line.hasPrefix("-"), !line.hasPrefix("---") {
                html += "<span class=\"del\">\(escaped)</span>\n"
            } else {
                html += escaped + "\n"
            }
        }
        return html + "</pre>"
    }

    static func filterLink(_ id: Int64, show: String, rule: String?) -> String {
         "/runs/\(id)?show=\(show)" + (rule.map { "&rule=\($0)" } ?? "")
    }

    static let score = ComparisonReports.score
    static let signed = ComparisonReports.signed
}
