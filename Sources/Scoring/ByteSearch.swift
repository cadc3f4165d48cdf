extension String {
    /// Whether the UTF-8 bytes of `needle` occur in the string: a byte search, without the
    /// Unicode-aware (and, through Foundation, far slower) `contains(_:)` of `StringProtocol`,
    /// for the ASCII markers rules look for on every docstring (`:\``, `://`, `::`, `%(`).
    func containsBytes(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        return utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == first {
                    var matched = 1
                    while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return true }
                }
                index += 1
            }
            return false
        } ?? { () -> Bool in
            // A bridged or lazily decoded string: search a native copy.
            var copy = self
            copy.makeContiguousUTF8()
            return copy.containsBytes(needle)
        }()
    }
}
