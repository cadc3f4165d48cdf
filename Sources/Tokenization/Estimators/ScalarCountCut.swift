/// Cuts for estimators that count scalars and round up.
enum ScalarCountCut {
    /// The last scalar boundary inside `bytes` (valid UTF-8) with a multiple of `divisor` scalars
    /// before it; nil when there is none.
    static func lastCut(in bytes: [UInt8], multipleOf divisor: Int) -> Int? {
        var scalars = 0
        var cut: Int?
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            if scalars > 0, scalars % divisor == 0 { cut = offset }
            scalars += 1
        }
        return cut
    }
}
