/// Strict UTF-8 validation that reports where and why decoding fails, in the words of
/// Python's `utf-8` codec ("invalid start byte", "invalid continuation byte", "unexpected end of data").
enum UTF8Validator {
    /// The first invalid sequence.
    struct Failure {
        /// Index of the offending byte in the validated collection.
        var offset: Int
        var reason: String
    }

    /// Returns the first invalid sequence, or `nil` when the bytes are valid UTF-8.
    static func firstError(in bytes: ArraySlice<UInt8>) -> Failure? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index = asciiRunEnd(bytes, from: index)
                continue
            }
            let length: Int
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: return Failure(offset: index, reason: "invalid start byte")
            }
            for position in 1..<length {
                let next = index + position
                guard next < end else { return Failure(offset: index, reason: "unexpected end of data") }
                let byte = bytes[next]
                let low = position == 1 ? lowerBound : 0x80
                let high = position == 1 ? upperBound : 0xBF
                if byte < low || byte > high { return Failure(offset: index, reason: "invalid continuation byte") }
            }
            index += length
        }
        return nil
    }

    /// The end of the run of ASCII bytes starting at `start`, eight bytes at a time (source
    /// files are nearly all ASCII).
    private static func asciiRunEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            var offset = start - bytes.startIndex
            while offset + 8 <= raw.count, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                offset += 8
            }
            while offset < raw.count, raw[offset] < 0x80 { offset += 1 }
            return bytes.startIndex + offset
        }
    }
}
