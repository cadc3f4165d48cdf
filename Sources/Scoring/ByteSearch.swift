extension UInt8 {
    /// Whether the byte can be part of a Python name: an ASCII letter or digit, `_`, or any byte of
    /// a non-ASCII character.
    var isIdentifierByte: Bool {
        self >= 0x80 || self == UInt8(ascii: "_") || (self | 0x20 >= 0x61 && self | 0x20 <= 0x7A) || (self >= 0x30 && self <= 0x39)
    }
}

extension String {
    /// Whether `name` occurs in the string as a whole name, not inside a longer one
    /// (`TypeError` in "Raises a TypeError if", not in "MyTypeErrors"), on UTF-8 bytes.
    func containsName(_ name: String) -> Bool {
        var haystack = self, needle = name
        haystack.makeContiguousUTF8()
        needle.makeContiguousUTF8()
        return haystack.utf8.withContiguousStorageIfAvailable { bytes in
            needle.utf8.withContiguousStorageIfAvailable { pattern in
                guard let first = pattern.first, bytes.count >= pattern.count else { return false }
                let last = bytes.count - pattern.count
                var index = 0
                while index <= last {
                    if bytes[index] == first, index == 0 || !bytes[index - 1].isIdentifierByte,
                       index == last || !bytes[index + pattern.count].isIdentifierByte {
                        var matched = 1
                        while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return true }
                    }
                    index += 1
                }
                return false
            } ?? false
        } ?? false
    }

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
