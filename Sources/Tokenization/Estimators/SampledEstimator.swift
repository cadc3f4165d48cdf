/// Tokenizes samples from the beginning, middle and end and extrapolates by bytes: the shortcut
/// tools use for big files.
public struct SampledEstimator: TokenEstimator {
    public static let name = "sampled"
    public static let summary = "tokenizes 4 KiB at the beginning, middle and end and extrapolates tokens per byte to the whole text"

    /// Bytes per sample.
    public static let sampleBytes = 4096
    let encoding: BPEEncoding

    public init(encoding: BPEEncoding) {
        self.encoding = encoding
    }

    public func estimate(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        guard bytes.count > 3 * Self.sampleBytes else { return encoding.count(text) }
        let starts = [0, bytes.count / 2 - Self.sampleBytes / 2, bytes.count - Self.sampleBytes]
        var tokens = 0
        var sampled = 0
        for start in starts {
            let sample = String(decoding: bytes[start ..< start + Self.sampleBytes], as: UTF8.self)
            tokens += encoding.count(sample)
            sampled += Self.sampleBytes
        }
        return Int((Double(tokens) / Double(sampled) * Double(bytes.count)).rounded())
    }

    /// The estimate for a file of `totalBytes` from samples read out of it.
    public func estimate(samples: [String], totalBytes: Int) -> Int {
        let sampled = samples.reduce(0) { $0 + $1.utf8.count }
        guard sampled > 0 else { return 0 }
        let tokens = samples.reduce(0) { $0 + encoding.count($1) }
        return Int((Double(tokens) / Double(sampled) * Double(totalBytes)).rounded())
    }
}
