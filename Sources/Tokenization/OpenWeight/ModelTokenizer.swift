/// An open-weight model's own tokenizer, read from its GGUF file, counting as llama.cpp counts:
/// special tokens found in the text first (longest first, by id), then either byte-level BPE
/// (`gpt2`: the pre-tokenizer, then merges by rank over each word) or SentencePiece-style BPE
/// (`llama`: `▁` for spaces, merges by token score).
public struct ModelTokenizer: Sendable {
    /// The file it was read from.
    public let path: String
    /// The model's chat template (`tokenizer.chat_template`), if the file has one.
    public let chatTemplate: String?
    /// The beginning-of-sequence token's text, if any.
    public let bosToken: String?
    /// The end-of-sequence token's text, if any.
    public let eosToken: String?
    /// Whether llama.cpp puts the BOS token before a prompt it tokenizes with special tokens added.
    public let addsBOS: Bool
    /// The number of tokens in the vocabulary.
    public var vocabularySize: Int { tokenTexts.count }
    /// The pre-tokenizer's name (`tokenizer.ggml.pre`; `sentencepiece` for a `llama` model).
    public var preTokenizerName: String {
        switch model {
        case .byteLevel(let preTokenizer, _): preTokenizer.name
        case .sentencePiece: "sentencepiece"
        }
    }

    let tokenTexts: [String]
    let bosID: Int?
    let model: Model

    /// How ordinary text becomes tokens.
    enum Model: Sendable {
        case byteLevel(PreTokenizer, MergeBPE)
        /// With whether a space goes before text that starts the prompt or follows a special token.
        case sentencePiece(SentencePieceBPE, addsSpacePrefix: Bool)
    }
    /// Special tokens matched in text: (UTF-8 text, id, strip spaces left, strip spaces right), longest first.
    let specials: [Special]

    struct Special: Sendable {
        var bytes: [UInt8]
        var id: Int
        var isControl: Bool
        var stripsLeft: Bool
        var stripsRight: Bool
    }

    /// GGUF token types (`tokenizer.ggml.token_type`).
    enum TokenType: Int64 {
        case undefined = 0, normal, unknown, control, userDefined, unused, byte
    }

    /// Loads the tokenizer from a GGUF file.
    public static func load(path: String) throws(ModelTokenizerError) -> ModelTokenizer {
        let metadata = try GGUFMetadata(path: path)
        return try ModelTokenizer(gguf: metadata, path: path)
    }

    init(gguf metadata: GGUFMetadata, path: String) throws(ModelTokenizerError) {
        guard let model = metadata.string("tokenizer.ggml.model"), let tokens = metadata.strings("tokenizer.ggml.tokens") else {
            throw .noTokenizer(path: path)
        }
        let preName = metadata.string("tokenizer.ggml.pre") ?? "default"
        switch model {
        case "gpt2":
            guard let merges = metadata.strings("tokenizer.ggml.merges") else {
                throw .malformed(path: path, reason: "a byte-level BPE tokenizer without tokenizer.ggml.merges")
            }
            self.model = .byteLevel(try PreTokenizer(llamaCppName: preName, path: path), MergeBPE(tokens: tokens, merges: merges))
        case "llama":
            self.model = .sentencePiece(SentencePieceBPE(tokens: tokens, scores: metadata.floats("tokenizer.ggml.scores") ?? []),
                                        addsSpacePrefix: metadata.bool("tokenizer.ggml.add_space_prefix") ?? true)
        default:
            throw .unsupported(path: path, what: "the tokenizer model `\(model)` (byte-level BPE, `gpt2`, and SentencePiece BPE, `llama`, are supported)")
        }
        self.path = path
        tokenTexts = tokens
        chatTemplate = metadata.string("tokenizer.chat_template")
        func tokenText(_ key: String) -> (Int, String)? {
            guard let id = metadata.integer(key), id >= 0, id < tokens.count else { return nil }
            return (id, tokens[id])
        }
        let bos = tokenText("tokenizer.ggml.bos_token_id")
        bosID = bos?.0
        bosToken = bos?.1
        eosToken = tokenText("tokenizer.ggml.eos_token_id")?.1
        // llama.cpp's default for BPE is no BOS, except the pre-tokenizers it sets one for.
        let bosByDefault = model == "llama" || ["llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2", "tekken", "chameleon"].contains(preName)
        addsBOS = (metadata.bool("tokenizer.ggml.add_bos_token") ?? bosByDefault) && bos != nil
        let types = metadata.integers("tokenizer.ggml.token_type") ?? []
        let name = (metadata.string("general.name") ?? "").lowercased()
        let isPhi3 = name.contains("phi-3") || name.contains("phi3")
        var specials: [Special] = []
        for (id, text) in tokens.enumerated() {
            let type = id < types.count ? TokenType(rawValue: types[id]) ?? .normal : .normal
            guard type == .control || type == .userDefined || type == .unknown, !text.isEmpty else { continue }
            var stripsRight = false
            if isPhi3 { stripsRight = !["<unk>", "<s>", "<|endoftext|>"].contains(text) }
            specials.append(Special(bytes: Array(text.utf8), id: id, isControl: type != .userDefined, stripsLeft: false, stripsRight: stripsRight))
        }
        specials.sort { $0.bytes.count > $1.bytes.count }
        self.specials = specials
    }

    /// A piece of text to tokenize, or a special token already found.
    enum Fragment {
        case text(ArraySlice<UInt8>)
        case special(Int)
    }

    /// The token ids of `text`, as `llama_tokenize(text, add_special: addSpecial, parse_special:
    /// parseSpecial)` gives them: with `parseSpecial`, control tokens in the text become their ids
    /// (user-defined tokens always do); with `addSpecial`, BOS goes first when the model asks for it.
    public func encode(_ text: String, addSpecial: Bool = false, parseSpecial: Bool = true) -> [Int] {
        var output: [Int] = []
        if addSpecial, addsBOS, let bosID { output.append(bosID) }
        let bytes = Array(text.utf8)
        var previousIsSpecial = true
        for fragment in partition(bytes, parseSpecial: parseSpecial) {
            switch fragment {
            case .special(let id):
                output.append(id)
                previousIsSpecial = true
            case .text(let slice):
                switch model {
                case .byteLevel(let preTokenizer, let bpe):
                    encodeOrdinary(slice, preTokenizer: preTokenizer, bpe: bpe, into: &output)
                case .sentencePiece(let spm, let addsSpacePrefix):
                    spm.encode(SentencePieceBPE.escapeWhitespace(slice, prefixSpace: addsSpacePrefix && previousIsSpecial), into: &output)
                }
                previousIsSpecial = false
            }
        }
        return output
    }

    /// The number of tokens of `text` (see ``encode(_:addSpecial:parseSpecial:)``).
    public func count(_ text: String, addSpecial: Bool = false, parseSpecial: Bool = true) -> Int {
        encode(text, addSpecial: addSpecial, parseSpecial: parseSpecial).count
    }

    /// `tokenizer_st_partition`: each special token in turn, longest first, splits every text
    /// fragment at each of its occurrences.
    func partition(_ bytes: [UInt8], parseSpecial: Bool) -> [Fragment] {
        var fragments: [Fragment] = bytes.isEmpty ? [] : [.text(bytes[...])]
        for special in specials {
            if !parseSpecial && special.isControl { continue }
            guard let first = special.bytes.first else { continue }
            var next: [Fragment] = []
            next.reserveCapacity(fragments.count)
            var changed = false
            for fragment in fragments {
                guard case .text(var rest) = fragment else {
                    next.append(fragment)
                    continue
                }
                while let match = Self.find(special.bytes, first: first, in: rest) {
                    changed = true
                    var left = rest[rest.startIndex ..< match]
                    if special.stripsLeft { while let last = left.last, Self.isSpace(last) { left = left.dropLast() } }
                    if !left.isEmpty { next.append(.text(left)) }
                    next.append(.special(special.id))
                    rest = rest[(match + special.bytes.count)...]
                    if special.stripsRight { while let head = rest.first, Self.isSpace(head) { rest = rest.dropFirst() } }
                }
                if !rest.isEmpty { next.append(.text(rest)) }
            }
            if changed { fragments = next }
        }
        return fragments
    }

    /// C's `isspace` in the C locale.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09 ... 0x0D).contains(byte) }

    static func find(_ needle: [UInt8], first: UInt8, in haystack: ArraySlice<UInt8>) -> Int? {
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            guard let candidate = haystack[index ... last].firstIndex(of: first) else { return nil }
            var equal = true
            for offset in 1 ..< needle.count where haystack[candidate + offset] != needle[offset] {
                equal = false
                break
            }
            if equal { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// Pre-tokenize and merge one fragment of ordinary text.
    func encodeOrdinary(_ bytes: ArraySlice<UInt8>, preTokenizer: PreTokenizer, bpe: MergeBPE, into output: inout [Int]) {
        // llama.cpp decodes UTF-8 leniently: an invalid sequence becomes U+FFFD.
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = text.unicodeScalars.map(\.value)
        let split = SplitText(scalars)
        var utf8: [UInt8] = []
        var offsets: [Int] = [0]
        offsets.reserveCapacity(scalars.count + 1)
        utf8.reserveCapacity(bytes.count)
        for scalar in scalars {
            Self.appendUTF8(scalar, to: &utf8)
            offsets.append(utf8.count)
        }
        for word in preTokenizer.split(split) {
            bpe.encode(utf8[offsets[word.lowerBound] ..< offsets[word.upperBound]], ignoringMerges: preTokenizer.ignoresMerges, into: &output)
        }
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0 ..< 0x80:
            bytes.append(UInt8(scalar))
        case 0x80 ..< 0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800 ..< 0x10000:
            bytes.append(UInt8(0xE0 | scalar >> 12))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | scalar >> 18))
            bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The text of token ids, special tokens included.
    public func decode(_ ids: [Int]) -> String {
        var bytes: [UInt8] = []
        for id in ids where id >= 0 && id < tokenTexts.count {
            switch model {
            case .byteLevel: bytes += MergeBPE.bytes(ofTokenText: tokenTexts[id])
            case .sentencePiece(let spm, _):
                if let byte = spm.byteTokens.firstIndex(of: Int32(id)), tokenTexts[id].hasPrefix("<0x") {
                    bytes.append(UInt8(byte))
                } else {
                    bytes += Array(tokenTexts[id].replacingSentencePieceSpaces().utf8)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// `▁` back to spaces.
    func replacingSentencePieceSpaces() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{2581}" ? " " : $0 }))
    }
}
