import Foundation

extension UInt8 {
    /// Whether the byte can be part of a Python name: an ASCII letter or digit, `_`, or any byte of
    /// a non-ASCII character.
    var isIdentifierByte: Bool {
        self >= 0x80 || self == UInt8(ascii: "_") || (self | 0x20 >= 0x61 && self | 0x20 <= 0x7A) || (self >= 0x30 && self <= 0x39)
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, on the bytes when the string is ASCII (then
    /// only spaces and tabs are white space to trim).
    var trimmingWhitespaces: String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return trimmingCharacters(in: .whitespaces) }
        var bytes = Substring(self).utf8
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        return String(Substring(bytes))
    }

    /// Whether the string is empty or only white space (`Character.isWhitespace`), decided on
    /// the bytes while they are ASCII (every symbol's docstring is asked).
    var isBlank: Bool {
        for byte in utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { continue }
            if byte < 0x80 { return false }
            return allSatisfy(\.isWhitespace)
        }
        return true
    }

    /// Whether `name` occurs in the string as a whole name, not inside a longer one
    /// (`TypeError` in "Raises a TypeError if", not in "MyTypeErrors"), on UTF-8 bytes.
    func containsName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        var name = name
        return name.withUTF8 { pattern in
            withContiguousUTF8 { bytes in
                Self.firstMatch(of: pattern, in: bytes) { index in
                    (index == 0 || !bytes[index - 1].isIdentifierByte)
                        && (index + pattern.count == bytes.count || !bytes[index + pattern.count].isIdentifierByte)
                }
            }
        }
    }

    /// Whether the UTF-8 bytes of `needle` occur in the string: a byte search, without the
    /// Unicode-aware (and, through Foundation, far slower) `contains(_:)` of `StringProtocol`,
    /// for the ASCII markers rules look for on every docstring (`:\``, `://`, `::`, `%(`).
    func containsBytes(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        return withContiguousUTF8 { bytes in Self.firstMatch(of: pattern, in: bytes) { _ in true } }
    }

    /// `body` over the string's UTF-8 bytes: in place, or for a bridged or lazily decoded string,
    /// over a native copy.
    private func withContiguousUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// Whether `pattern` occurs in `bytes` at an index `accept` takes (an empty pattern always
    /// occurs).
    private static func firstMatch(of pattern: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>,
                                   accept: (Int) -> Bool) -> Bool {
        guard let first = pattern.first else { return true }
        guard bytes.count >= pattern.count else { return false }
        var index = 0
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count, accept(index) { return true }
            }
            index += 1
        }
        return false
    }
}
