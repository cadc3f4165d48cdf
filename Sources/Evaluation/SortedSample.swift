/// Percentiles of a sample of numbers, sorted once.
struct SortedSample {
    /// The values in ascending order.
    let values: [Double]

    init(_ values: [Double]) {
        self.values = values.sorted()
    }

    /// The value at fraction `p` of the way through (nearest rank, 0 for an empty sample).
    func percentile(_ p: Double) -> Double {
        values.isEmpty ? 0 : values[min(values.count - 1, Int((Double(values.count - 1) * p).rounded()))]
    }
}
