import Tokenization

/// Fits `ChatCountingConstants` to recorded usage, and validates the fit by project: each
/// project's figures come from constants fitted on the other projects alone.
///
/// The fit minimises the sum of relative absolute errors (|estimate − recorded| / recorded, what
/// MAPE averages) over integer constants. L1 keeps a few odd recordings from pulling a constant
/// the way least squares would.
public enum ChatCountingFit {
    /// One measured request: its count before the constants, and what the server recorded.
    public struct Row: Sendable, Hashable {
        /// The rendered count and how often each constant applies.
        public var terms: ChatCountTerms
        /// The server's `prompt_tokens`.
        public var recorded: Int
        /// The project it was recorded by.
        public var project: String
        /// Its counting class.
        public var requestClass: ChatCountingClass
        /// `file#index`.
        public var source: String

        /// Creates a row.
        public init(terms: ChatCountTerms, recorded: Int, project: String, requestClass: ChatCountingClass, source: String) {
            self.terms = terms
            self.recorded = recorded
            self.project = project
            self.requestClass = requestClass
            self.source = source
        }
    }

    /// The constants that minimise the summed relative error on `rows`, starting from `start`
    /// (a constant no row exercises keeps its start value).
    ///
    /// Iteratively reweighted least squares finds the continuous minimum; the rounded values are
    /// then polished with integer moves of one constant (to its weighted median) and of two at once
    /// (±1 each), which coordinate descent alone misses where constants go together.
    public static func fit(_ rows: [Row], from start: ChatCountingConstants = .zero) -> ChatCountingConstants {
        let count = ChatCountingConstants.names.count
        // Rows no constant applies to add the same cost whatever the constants are.
        let rows = rows.filter { $0.terms.features.contains { $0 != 0 } }
        let used = (0..<count).map { constant in rows.contains { $0.terms.features[constant] != 0 } }
        var values = start.values
        let continuous = reweightedLeastSquares(rows, used: used, start: values.map(Double.init))
        for constant in 0..<count where used[constant] { values[constant] = Int(continuous[constant].rounded()) }
        var state = PolishState(rows: rows, values: values)
        for _ in 0..<200 {
            var improved = false
            for constant in 0..<count where used[constant] {
                if state.tryMove([(constant, state.weightedMedian(of: constant) - state.values[constant])]) { improved = true }
            }
            for first in 0..<count where used[first] {
                for second in (first + 1)..<count where used[second] {
                    for (a, b) in [(1, 1), (1, -1), (-1, 1), (-1, -1)] where state.tryMove([(first, a), (second, b)]) { improved = true }
                }
            }
            if !improved { break }
        }
        var constants = start
        constants.values = state.values
        return constants
    }

    /// Integer values and each row's error under them, for trying moves by their change in cost.
    struct PolishState {
        let rows: [Row]
        var values: [Int]
        var errors: [Int]
        /// The rows each constant applies to.
        let support: [[Int]]

        init(rows: [Row], values: [Int]) {
            self.rows = rows
            self.values = values
            errors = rows.map { row in zip(row.terms.features, values).reduce(row.terms.base) { $0 + $1.0 * $1.1 } - row.recorded }
            support = values.indices.map { constant in rows.indices.filter { rows[$0].terms.features[constant] != 0 } }
        }

        /// The integer value of `constant` that minimises the cost with the others held: the
        /// floor or ceiling of the weighted median of the values each row it applies to asks for.
        func weightedMedian(of constant: Int) -> Int {
            var points: [(value: Double, weight: Double)] = []
            for index in support[constant] {
                let row = rows[index]
                let times = row.terms.features[constant]
                // The row's estimate without this constant is (error + recorded − value · times).
                let rest = errors[index] + row.recorded - values[constant] * times
                points.append((Double(row.recorded - rest) / Double(times), Double(abs(times)) / Double(max(1, row.recorded))))
            }
            guard !points.isEmpty else { return values[constant] }
            let sorted = points.sorted { $0.value < $1.value }
            let half = sorted.reduce(0) { $0 + $1.weight } / 2
            var running = 0.0
            var median = sorted.last!.value
            for point in sorted {
                running += point.weight
                if running >= half {
                    median = point.value
                    break
                }
            }
            let candidates = [Int(median.rounded(.down)), Int(median.rounded(.up))]
            func cost(_ candidate: Int) -> Double { sorted.reduce(0) { $0 + $1.weight * abs($1.value - Double(candidate)) } }
            return cost(candidates[0]) <= cost(candidates[1]) ? candidates[0] : candidates[1]
        }

        /// Applies `moves` (constant, change) when they lower Σ |error| / recorded; whether they did.
        mutating func tryMove(_ moves: [(constant: Int, change: Int)]) -> Bool {
            let moves = moves.filter { $0.change != 0 }
            guard !moves.isEmpty else { return false }
            var affected = Set<Int>()
            for move in moves { affected.formUnion(support[move.constant]) }
            var delta = 0.0
            var updated: [(index: Int, error: Int)] = []
            for index in affected {
                let row = rows[index]
                let error = errors[index] + moves.reduce(0) { $0 + $1.change * row.terms.features[$1.constant] }
                delta += (Double(abs(error)) - Double(abs(errors[index]))) / Double(max(1, row.recorded))
                updated.append((index, error))
            }
            guard delta < -1e-12 else { return false }
            for entry in updated { errors[entry.index] = entry.error }
            for move in moves { values[move.constant] += move.change }
            return true
        }
    }

    /// The continuous least-relative-absolute-error constants, by iteratively reweighted least
    /// squares (each row weighted 1 / (recorded · max(|residual|, ½)) in turn).
    static func reweightedLeastSquares(_ rows: [Row], used: [Bool], start: [Double]) -> [Double] {
        let count = used.count
        var values = start
        for _ in 0..<60 {
            var matrix = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
            var vector = [Double](repeating: 0, count: count)
            for row in rows {
                let features = row.terms.features.map(Double.init)
                let target = Double(row.recorded - row.terms.base)
                let residual = target - zip(features, values).reduce(0) { $0 + $1.0 * $1.1 }
                let weight = 1 / (Double(max(1, row.recorded)) * max(abs(residual), 0.5))
                for i in 0..<count where features[i] != 0 {
                    vector[i] += weight * features[i] * target
                    for j in 0..<count where features[j] != 0 { matrix[i][j] += weight * features[i] * features[j] }
                }
            }
            for i in 0..<count {
                if used[i] { matrix[i][i] += 1e-9 } else {
                    matrix[i] = [Double](repeating: 0, count: count)
                    matrix[i][i] = 1
                    vector[i] = start[i]
                }
            }
            guard let solved = solve(matrix, vector) else { break }
            let change = zip(solved, values).map { abs($0 - $1) }.max() ?? 0
            values = solved
            if change < 1e-4 { break }
        }
        return values
    }

    /// `matrix · x = vector` by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        var a = matrix
        var b = vector
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            guard abs(a[pivot][column]) > 1e-15 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                guard factor != 0 else { continue }
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            let sum = ((row + 1)..<n).reduce(b[row]) { $0 - a[row][$1] * x[$1] }
            x[row] = sum / a[row][row]
        }
        return x
    }

    /// The margins that cover every under-estimate of `heldOut` (requests counted with constants
    /// fitted without their project) and of the same requests counted with `constants` (the fit
    /// on all of them, the one shipped), in each class, among requests whose recorded size is
    /// within `limit` (the safe zone's: a larger prompt is refused whatever its estimate).
    public static func margins(heldOut: [(row: Row, estimate: Int)], constants: ChatCountingConstants, limit: Int) -> ChatCountingMargins {
        var worst: [ChatCountingClass: Int] = [:]
        for (row, under) in underEstimates(heldOut: heldOut, constants: constants, limit: limit) {
            worst[row.requestClass] = max(worst[row.requestClass] ?? 0, under)
        }
        return ChatCountingMargins(plain: worst[.plain] ?? 0, tools: worst[.tools] ?? 0, responseFormat: worst[.responseFormat] ?? 0, other: worst[.other] ?? 0)
    }

    /// Each request within `limit` with what a margin must cover for it: the larger of its held-out
    /// under-estimate and its under-estimate with `constants` (negative when over both ways).
    public static func underEstimates(heldOut: [(row: Row, estimate: Int)], constants: ChatCountingConstants, limit: Int) -> [(row: Row, under: Int)] {
        heldOut.filter { $0.row.recorded <= limit }.map { entry in
            (entry.row, max(entry.row.recorded - entry.estimate, entry.row.recorded - entry.row.terms.count(with: constants)))
        }
    }

    /// Each row counted with constants fitted on the other projects' rows.
    public static func heldOutEstimates(_ rows: [Row]) -> [(row: Row, estimate: Int)] {
        let projects = Set(rows.map(\.project))
        var constantsByProject: [String: ChatCountingConstants] = [:]
        for project in projects { constantsByProject[project] = fit(rows.filter { $0.project != project }) }
        return rows.map { ($0, $0.terms.count(with: constantsByProject[$0.project]!)) }
    }

    /// Leave-one-project-out: for each project, the constants and margins fitted on the others,
    /// and its figures with them.
    public static func crossValidate(_ rows: [Row], limit: Int) -> [ProjectCountingFigures] {
        let projects = Set(rows.map(\.project)).sorted()
        return projects.map { project in
            let training = rows.filter { $0.project != project }
            let constants = fit(training)
            let margins = ChatCountingFit.margins(heldOut: heldOutEstimates(training), constants: constants, limit: limit)
            let tested = rows.filter { $0.project == project }
            return ProjectCountingFigures(project: project, rows: tested, constants: constants, margins: margins, limit: limit)
        }
    }
}
