/// A tiktoken-identical BPE encoding: split the text with the encoding's pattern, then merge each
/// piece's bytes by rank.
public struct BPEEncoding: Sendable {
    /// The encoding.
    public let name: EncodingName
    let vocabulary: Vocabulary
    let table: RankTable

    /// An encoding from its verified vocabulary.
    public init(vocabulary: Vocabulary) {
        self.name = vocabulary.encoding
        self.vocabulary = vocabulary
        self.table = RankTable(tokens: vocabulary.tokens)
    }

    /// Loads an encoding from a vocabulary store.
    public static func load(_ name: EncodingName, from store: VocabularyStore) throws(VocabularyError) -> BPEEncoding {
        BPEEncoding(vocabulary: try store.load(name))
    }

    /// The encoding's pre-tokenizer: its split pattern's pieces, as scalar-index ranges.
    func split(_ scalars: ScalarText, _ emit: (Range<Int>) -> Void) {
        switch name {
        case .cl100kBase: SplitPattern.cl100k(scalars, emit)
        case .o200kBase: SplitPattern.o200k(scalars, emit)
        }
    }

    /// The token ids of `text`, special tokens treated as ordinary text (tiktoken's `encode_ordinary`).
    public func encodeOrdinary(_ text: String) -> [Int] {
        let scalars = ScalarText(text)
        var output: [Int] = []
        output.reserveCapacity(scalars.bytes.count / 3)
        scalars.bytes.withUnsafeBufferPointer { bytes in
            split(scalars) { piece in
                BytePairMerge.encode(bytes, scalars.offsets[piece.lowerBound] ..< scalars.offsets[piece.upperBound], table: table, into: &output)
            }
        }
        return output
    }

    /// Where `bytes` (valid UTF-8) can be cut so that counting the two sides apart gives the count
    /// of the whole, whatever text follows; nil when there is no such place found.
    ///
    /// A candidate is the start of a piece of the split pattern that starts at least 16 bytes
    /// before the end and has two pieces after it: the patterns decide a piece by looking at most
    /// three characters past its start or one past its end, so the pieces before it are final
    /// whatever follows. The text before it must also split the same way on its own — where a text
    /// ends, `\s++$` and `\s+(?!\S)` join whitespace that a following mark or letter keeps apart —
    /// so its last 64 bytes are split again and compared; the latest candidate that passes wins.
    public func safeCut(inUTF8 bytes: [UInt8]) -> Int? {
        let starts = pieceStarts(bytes[...])
        let limit = bytes.count - 16
        var index = starts.count - 3
        while index > 0, starts[index] > limit { index -= 1 }
        var tries = 0
        while index > 0, tries < 16 {
            let cut = starts[index]
            var first = index
            while first > 0, starts[first] > cut - 64 { first -= 1 }
            let tail = starts[first]
            if pieceStarts(bytes[tail ..< cut]).map({ $0 + tail }) == Array(starts[first ..< index]) { return cut }
            index -= 1
            tries += 1
        }
        return nil
    }

    /// The byte offsets (from the slice's start) where the split pattern's pieces of `bytes` start.
    func pieceStarts(_ bytes: ArraySlice<UInt8>) -> [Int] {
        let scalars = ScalarText(String(decoding: bytes, as: UTF8.self))
        var starts: [Int] = []
        split(scalars) { starts.append(scalars.offsets[$0.lowerBound]) }
        return starts
    }

    /// The bytes of token ids (special ids included); unknown ids are skipped.
    public func decodeBytes(_ tokens: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        let special = Dictionary(uniqueKeysWithValues: name.specialTokens.map { ($0.value, $0.key) })
        for token in tokens {
            if token >= 0, token < vocabulary.tokens.count {
                bytes.append(contentsOf: vocabulary.tokens[token])
            } else if let text = special[token] {
                bytes.append(contentsOf: text.utf8)
            }
        }
        return bytes
    }
}

extension BPEEncoding {
    /// A special token found in text where it is not allowed (tiktoken raises the same error).
    public struct DisallowedSpecialToken: Error, Sendable, CustomStringConvertible {
        /// The token's text.
        public var token: String
        public var description: String {
            "the text contains the special token \(token); allow it explicitly, or encode it as ordinary text"
        }
    }

    /// The number of tokens of `text` as ordinary text.
    public func count(_ text: String) -> Int {
        encodeOrdinary(text).count
    }

    /// tiktoken's `encode`: special tokens in `allowedSpecial` become their ids; any other special
    /// token in the text is an error (tiktoken's default, `disallowed_special="all"`).
    public func encode(_ text: String, allowedSpecial: Set<String> = []) throws(DisallowedSpecialToken) -> [Int] {
        let specials = name.specialTokens
        var output: [Int] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            // The earliest special token in what is left (longest first on a tie).
            var earliest: (range: Range<Substring.Index>, token: String)?
            for token in specials.keys {
                if let range = rest.range(of: token), earliest == nil || range.lowerBound < earliest!.range.lowerBound
                    || (range.lowerBound == earliest!.range.lowerBound && token.count > earliest!.token.count) {
                    earliest = (range, token)
                }
            }
            guard let found = earliest else {
                output += encodeOrdinary(String(rest))
                break
            }
            guard allowedSpecial.contains(found.token) else { throw DisallowedSpecialToken(token: found.token) }
            output += encodeOrdinary(String(rest[..<found.range.lowerBound]))
            output.append(specials[found.token]!)
            rest = rest[found.range.upperBound...]
        }
        return output
    }
}

extension Substring {
    /// The first occurrence of `needle`, without Foundation.
    func range(of needle: String) -> Range<Substring.Index>? {
        guard let first = needle.first else { return nil }
        var index = startIndex
        while let candidate = self[index...].firstIndex(of: first) {
            if self[candidate...].hasPrefix(needle) {
                return candidate ..< self.index(candidate, offsetBy: needle.count)
            }
            index = self.index(after: candidate)
        }
        return nil
    }
}
