import Foundation
import Scoring

/// The `check` result as JSON: the versioned shape documented in `docs/check-report.md`, which is
/// also the `--baseline` format.
public enum CheckJSONReport {
    /// Encodes a result, keys sorted so that reports diff well.
    public static func encode(_ result: CheckResult) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Encoding plain Codable values cannot fail.
        return Array((try? encoder.encode(RoundedResult(result))) ?? Data()) + [0x0A]
    }

    /// Reads a report written by `encode` (for `--baseline`).
    public static func decode(_ bytes: [UInt8]) throws -> CheckResult {
        try JSONDecoder().decode(CheckResult.self, from: Data(bytes))
    }

    /// The result with scores rounded to two decimals, so reports are stable and readable.
    struct RoundedResult: Encodable {
        let result: CheckResult
        init(_ result: CheckResult) {
            var copy = result
            func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
            func round(_ scores: inout DimensionScores) {
                for dimension in Dimension.allCases { scores[dimension] = round(scores[dimension]) }
            }
            func round(_ aggregate: inout Aggregate) {
                aggregate.coverage = round(aggregate.coverage)
                aggregate.overall = round(aggregate.overall)
                round(&aggregate.scores)
            }
            round(&copy.project)
            for index in copy.packages.indices { round(&copy.packages[index].aggregate) }
            for fileIndex in copy.files.indices {
                round(&copy.files[fileIndex].aggregate)
                for symbolIndex in copy.files[fileIndex].symbols.indices {
                    if var scores = copy.files[fileIndex].symbols[symbolIndex].scores {
                        round(&scores)
                        copy.files[fileIndex].symbols[symbolIndex].scores = scores
                    }
                    copy.files[fileIndex].symbols[symbolIndex].overall = copy.files[fileIndex].symbols[symbolIndex].overall.map(round)
                    for findingIndex in copy.files[fileIndex].symbols[symbolIndex].findings.indices {
                        copy.files[fileIndex].symbols[symbolIndex].findings[findingIndex].penalty =
                            round(copy.files[fileIndex].symbols[symbolIndex].findings[findingIndex].penalty)
                    }
                }
            }
            self.result = copy
        }
        func encode(to encoder: Encoder) throws { try result.encode(to: encoder) }
    }
}
