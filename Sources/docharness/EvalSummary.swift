import Evaluation
import Foundation
import Tokenization

/// The few lines `eval` prints.
enum EvalSummary {
    static func text(_ result: EvaluationResult) -> String {
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        let generated = result.symbols.filter { $0.outcome == .generated }.count
        var lines = [
            "\(result.symbols.count) symbols needed a docstring; \(generated) generated, \(result.symbols.filter { $0.outcome == .skipped }.count) skipped, \(result.symbols.filter { $0.outcome == .failed }.count) failed",
            "                 completeness  clarity  style  complexity  overall",
            "  existing       \(f(result.existing.completeness).leftPad(12))  \(f(result.existing.clarity).leftPad(7))  \(f(result.existing.style).leftPad(5))  \(f(result.existing.complexity).leftPad(10))  \(f(result.existing.overall).leftPad(7))",
            "  generated      \(f(result.generated.completeness).leftPad(12))  \(f(result.generated.clarity).leftPad(7))  \(f(result.generated.style).leftPad(5))  \(f(result.generated.complexity).leftPad(10))  \(f(result.generated.overall).leftPad(7))",
            result.generatedReview.map { "  " + $0.summary } ?? "",
            "safe zone \(result.budget.safeZone): \(result.compliance.compliant)/\(result.compliance.requests) requests compliant (\(f(result.compliance.rate * 100))%), largest prompt + max_tokens \(result.compliance.largestTotal)",
            "traffic: \(result.traffic.requests) requests\(result.resumed > 0 ? " (\(result.resumed) symbols resumed from the journal)" : ""), \(result.traffic.retries) retries, \(result.traffic.repairs) repairs, \(result.traffic.rateLimited) × 429, p50 \(f(result.traffic.p50 * 1000)) ms, p95 \(f(result.traffic.p95 * 1000)) ms, p99 \(f(result.traffic.p99 * 1000)) ms",
        ]
        if let chat = result.estimatorsOnRun.rows.first(where: { $0.estimator == result.estimator }), chat.count == 0 {
            lines.append("estimator \(chat.estimator) on this run: not measured (no request for a model whose tokenizer DocHarness knows; pass --tokenizer FILE.gguf)")
        } else if let chat = result.estimatorsOnRun.rows.first(where: { $0.estimator == result.estimator }) {
            let margin = chat.estimator == ChatWithMargin.name ? " (margins \(ChatCountingMargins.fitted.summary))" : ""
            lines.append("estimator \(chat.estimator)\(margin) on this run: \(chat.exact)/\(chat.count) exact, MAPE \(f(chat.meanAbsolutePercentError))%, \(chat.safeZoneCrossings) crossings")
        }
        lines.removeAll { $0.isEmpty }
        lines.append(result.passed ? "eval: passed" : "eval: FAILED: " + result.failures.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
