/// Finding the first byte a writer must treat specially — one below 0x20 (a C0 control), or
/// one of two given bytes — eight bytes at a time. The JSON writer stops at `"` and `\` (to
/// escape), the JUnit writer at 0xEF (the lead byte of U+FFFE/U+FFFF, which XML forbids).
public enum ByteScan {
    /// How many leading bytes are neither below 0x20 nor `stop` nor `otherStop`.
    public static func prefixLength(_ bytes: UnsafeBufferPointer<UInt8>, withoutControlsOr stop: UInt8, _ otherStop: UInt8) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let first = ones &* UInt64(stop)
        let second = ones &* UInt64(otherStop)
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // The classic tests for "some byte is below n" ((x - n) & ~x & 0x80…) and "some
            // byte is zero" (below 1), the latter after XOR with each stop byte: exact as to
            // whether any byte matches, which is all this needs.
            let control = (word &- ones &* 0x20) & ~word
            let a = word ^ first
            let b = word ^ second
            let flagged = (control | ((a &- ones) & ~a) | ((b &- ones) & ~b)) & (ones &* 0x80)
            if flagged != 0 { break }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == stop || byte == otherStop { break }
            index += 1
        }
        return index
    }
}
