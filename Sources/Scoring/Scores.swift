/// A score from 0 to 100 for each dimension.
public struct DimensionScores: Sendable, Hashable, Codable {
    public var completeness: Double
    public var clarity: Double
    public var style: Double
    public var complexity: Double

    /// Scores of each dimension.
    public init(completeness: Double, clarity: Double, style: Double, complexity: Double) {
        self.completeness = completeness
        self.clarity = clarity
        self.style = style
        self.complexity = complexity
    }

    /// All dimensions at the same value.
    public init(all value: Double) {
        completeness = value
        clarity = value
        style = value
        complexity = value
    }

    /// The score of one dimension.
    public subscript(dimension: Dimension) -> Double {
        get {
            switch dimension {
            case .completeness: completeness
            case .clarity: clarity
            case .style: style
            case .complexity: complexity
            }
        }
        set {
            switch dimension {
            case .completeness: completeness = newValue
            case .clarity: clarity = newValue
            case .style: style = newValue
            case .complexity: complexity = newValue
            }
        }
    }

    /// The weighted mean of the dimensions.
    public func overall(weights: [Dimension: Double]) -> Double {
        overall(orderedWeights: Dimension.allCases.map { weights[$0] ?? 0 })
    }

    /// `overall(weights:)` with the weights listed in `Dimension.allCases` order (looked up once
    /// per file rather than per symbol: a `Dimension` key hashes its name).
    public func overall(orderedWeights: [Double]) -> Double {
        let total = orderedWeights.reduce(0, +)
        guard total > 0 else { return 0 }
        var sum = 0.0
        for (index, dimension) in Dimension.allCases.enumerated() { sum += self[dimension] * orderedWeights[index] }
        return sum / total
    }

    /// Scores from findings: each dimension is 100 × Π(1 − penalty) over its findings, so every
    /// finding lowers it and fixing one never does.
    public static func from(_ findings: [Finding]) -> DimensionScores {
        var scores = DimensionScores(all: 100)
        for finding in findings {
            scores[finding.dimension] *= 1 - min(1, max(0, finding.penalty))
        }
        return scores
    }
}

/// Scores and coverage of a group of symbols: a file, a package (folder) or the project.
public struct Aggregate: Sendable, Hashable, Codable {
    /// Symbols that need a docstring.
    public var symbols: Int
    /// Of those, how many have one.
    public var documented: Int
    /// `documented / symbols` in percent (100 when there are none), as interrogate reports it.
    public var coverage: Double
    /// Mean of the symbols' dimension scores (a symbol without a docstring scores 0).
    public var scores: DimensionScores
    /// Mean of the symbols' overall scores.
    public var overall: Double
    /// Number of findings.
    public var findings: Int

    /// The aggregate of some symbols (one pass, no copies: this runs per file, folder and project).
    public static func of(_ symbols: [SymbolResult], findings: Int) -> Aggregate {
        var tally = Tally()
        tally.add(symbols)
        return tally.aggregate(findings: findings)
    }

    /// The aggregate of every symbol of some files, read in place (no array of all symbols).
    public static func of(files: some Sequence<FileResult>) -> Aggregate {
        var tally = Tally()
        var findings = 0
        for file in files {
            tally.add(file.symbols)
            findings += file.findingCount
        }
        return tally.aggregate(findings: findings)
    }

    /// Sums over symbols, from which an aggregate is made.
    struct Tally {
        var counted = 0
        var documented = 0
        var scored = 0
        var sums = DimensionScores(all: 0)
        var overallSum = 0.0

        mutating func add(_ symbols: [SymbolResult]) {
            for index in symbols.indices {
                if symbols[index].countsForCoverage {
                    counted += 1
                    if symbols[index].documented { documented += 1 }
                }
                guard let scores = symbols[index].scores else { continue }
                scored += 1
                sums.completeness += scores.completeness
                sums.clarity += scores.clarity
                sums.style += scores.style
                sums.complexity += scores.complexity
                overallSum += symbols[index].overall ?? 0
            }
        }

        func aggregate(findings: Int) -> Aggregate {
            var scores = DimensionScores(all: 100)
            var overall = 100.0
            if scored > 0 {
                for dimension in Dimension.allCases { scores[dimension] = sums[dimension] / Double(scored) }
                overall = overallSum / Double(scored)
            }
            return Aggregate(symbols: counted, documented: documented,
                             coverage: counted == 0 ? 100 : 100 * Double(documented) / Double(counted),
                             scores: scores, overall: overall, findings: findings)
        }
    }
}
