import Files
/// A BPE vocabulary: every token's bytes and rank (its id).
public struct Vocabulary: Sendable {
    /// The encoding it belongs to.
    public let encoding: EncodingName
    /// Token bytes by rank.
    public let tokens: [[UInt8]]

    /// The number of tokens (ranks) in the vocabulary.
    public var count: Int { tokens.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }

    /// A vocabulary from `.tiktoken` text: one `base64 rank` pair per line.
    public static func parse(_ bytes: [UInt8], encoding: EncodingName) throws(VocabularyError) -> Vocabulary {
        var tokens: [[UInt8]] = []
        tokens.reserveCapacity(bytes.count / 12)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            guard end > start else { continue }
            guard let space = bytes[start ..< end].firstIndex(of: 0x20),
                  let token = Base64.decode(bytes: bytes[start ..< space]),
                  let rank = decimal(bytes[(space + 1) ..< end]) else {
                throw VocabularyError.malformed(encoding: encoding, line: lineNumber)
            }
            if rank >= tokens.count { tokens.append(contentsOf: repeatElement([], count: rank - tokens.count + 1)) }
            tokens[rank] = token
        }
        return Vocabulary(encoding: encoding, tokens: tokens)
    }

    static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 0x30 && digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }
}

/// Why a vocabulary could not be loaded, with what to do about it.
public enum VocabularyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not in the cache.
    case missing(encoding: EncodingName, path: String)
    /// The file's hash is not the published one.
    case hashMismatch(encoding: EncodingName, path: String, actual: String)
    /// A line is not `base64 rank`.
    case malformed(encoding: EncodingName, line: Int)
    /// The file could not be read.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let encoding, let path):
            "\(encoding.rawValue) is not installed (looked for \(path)); run `docharness encodings install`"
        case .hashMismatch(let encoding, let path, let actual):
            "\(path): sha256 \(actual) is not the published \(encoding.sha256) for \(encoding.rawValue); delete it and run `docharness encodings install`"
        case .malformed(let encoding, let line):
            "\(encoding.rawValue): line \(line) is not `base64 rank`; delete the file and run `docharness encodings install`"
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        }
    }
}
