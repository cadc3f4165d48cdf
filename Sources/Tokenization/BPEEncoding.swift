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

    /// The token ids of `text`, special tokens treated as ordinary text (tiktoken's `encode_ordinary`).
    public func encodeOrdinary(_ text: String) -> [Int] {
        let scalars = ScalarText(text)
        var output: [Int] = []
        output.reserveCapacity(scalars.bytes.count / 3)
        scalars.bytes.withUnsafeBufferPointer { bytes in
            let split: (ScalarText, (Range<Int>) -> Void) -> Void
            switch name {
            case .cl100kBase: split = SplitPattern.cl100k
            case .o200kBase: split = SplitPattern.o200k
            }
            split(scalars) { piece in
                BytePairMerge.encode(bytes, scalars.offsets[piece.lowerBound] ..< scalars.offsets[piece.upperBound], table: table, into: &output)
            }
        }
        return output
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
