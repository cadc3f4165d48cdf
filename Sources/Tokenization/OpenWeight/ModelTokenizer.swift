import Foundation

/// An open-weight model's own tokenizer, read from its GGUF file, counting as llama.cpp counts:
/// special tokens found in the text first (longest first, by id), then byte-level BPE (`gpt2`:
/// the pre-tokenizer, then merges by rank over each word), SentencePiece-style BPE (`llama`: `▁`
/// for spaces, merges by token score) or Gemma 4's BPE over raw UTF-8 (`gemma4`: `▁` for spaces,
/// lines apart, merges by rank, `<0xXX>` byte fallback).
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
    /// The number of tokens in the vocabulary (special tokens included).
    public let vocabularySize: Int
    /// The pre-tokenizer's name (`tokenizer.ggml.pre`; `sentencepiece` for a `llama` model).
    public var preTokenizerName: String {
        switch model {
        case .byteLevel(let preTokenizer, _): preTokenizer.name
        case .sentencePiece: "sentencepiece"
        case .rawCharacters: "gemma4"
        case .openAI(let encoding): encoding.name.rawValue
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
        /// Merges by rank over UTF-8 characters after `▁` replaces spaces, each run of lines and of
        /// newlines apart (llama.cpp's `LLAMA_VOCAB_PRE_TYPE_GEMMA4`).
        case rawCharacters(MergeBPE)
        /// An OpenAI vocabulary's split and ranks (tiktoken's `encode_ordinary`) under the model's
        /// own special tokens (``NamedModel``).
        case openAI(BPEEncoding)
    }
    /// Special tokens matched in text: (UTF-8 text, id, strip spaces left, strip spaces right), longest first.
    let specials: [Special]
    /// Which special token wins where several match (llama.cpp: longest first over the whole
    /// text; Hugging Face: leftmost, then longest).
    let specialMatching: SpecialMatching
    /// The Unicode normalization applied to text before it is split (tokenizer.json's normalizer).
    let normalization: Normalization

    enum SpecialMatching: Sendable {
        case llamaCpp, leftmostLongest
    }

    /// A tokenizer.json normalizer DocHarness implements.
    enum Normalization: Sendable {
        case none, nfc, nfkc

        func apply(_ text: String) -> String {
            switch self {
            case .none: text
            case .nfc: text.precomposedStringWithCanonicalMapping
            case .nfkc: text.precomposedStringWithCompatibilityMapping
            }
        }
    }

    struct Special: Sendable {
        var bytes: [UInt8]
        var id: Int
        var isControl: Bool
        var stripsLeft: Bool
        var stripsRight: Bool
    }

    /// The special tokens by their bytes (→ position in `specials`), and the lengths of those
    /// starting with each byte, longest first.
    struct SpecialIndex: Sendable {
        var orderByBytes: [ArraySlice<UInt8>: Int] = [:]
        var lengthsByFirstByte = [[Int]](repeating: [], count: 256)

        init(_ specials: [Special]) {
            for (order, special) in specials.enumerated() {
                guard let first = special.bytes.first else { continue }
                if orderByBytes[special.bytes[...]] == nil { orderByBytes[special.bytes[...]] = order }
                if !lengthsByFirstByte[Int(first)].contains(special.bytes.count) { lengthsByFirstByte[Int(first)].append(special.bytes.count) }
            }
            for byte in 0 ..< 256 { lengthsByFirstByte[byte].sort(by: >) }
        }
    }
    let specialIndex: SpecialIndex

    /// GGUF token types (`tokenizer.ggml.token_type`).
    enum TokenType: Int64 {
        case undefined = 0, normal, unknown, control, userDefined, unused, byte
    }

    /// Loads the tokenizer from a GGUF file, or a Hugging Face tokenizer.json (or a folder holding
    /// one, with its tokenizer_config.json).
    public static func load(path: String) throws(ModelTokenizerError) -> ModelTokenizer {
        var isFolder: ObjCBool = false
        if path.hasSuffix(".json") || (FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue) {
            return ModelTokenizer(huggingFace: try HuggingFaceTokenizer.read(path: path), path: path)
        }
        let metadata = try GGUFMetadata(path: path)
        return try ModelTokenizer(gguf: metadata, path: path)
    }

    init(huggingFace parts: HuggingFaceTokenizer.Parts, path: String) {
        self.path = path
        model = .byteLevel(parts.preTokenizer, MergeBPE(tokens: parts.tokens, merges: parts.merges))
        tokenTexts = parts.tokens
        vocabularySize = parts.tokens.count
        chatTemplate = parts.chatTemplate
        bosToken = parts.bosToken
        eosToken = parts.eosToken
        bosID = parts.bosToken.flatMap { text in parts.specials.first { $0.bytes == Array(text.utf8) }?.id }
        addsBOS = parts.addsBOS && bosID != nil
        specials = parts.specials.sorted { $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.id < $1.id }
        specialIndex = SpecialIndex(specials)
        specialMatching = .leftmostLongest
        normalization = parts.normalization
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
        case "gemma4":
            guard let merges = metadata.strings("tokenizer.ggml.merges") else {
                throw .malformed(path: path, reason: "a Gemma 4 BPE tokenizer without tokenizer.ggml.merges")
            }
            self.model = .rawCharacters(MergeBPE(tokens: tokens, merges: merges, byteLevel: false))
        case "llama":
            self.model = .sentencePiece(SentencePieceBPE(tokens: tokens, scores: metadata.floats("tokenizer.ggml.scores") ?? []),
                                        addsSpacePrefix: metadata.bool("tokenizer.ggml.add_space_prefix") ?? true)
        default:
            throw .unsupported(path: path, what: "the tokenizer model `\(model)` (byte-level BPE, `gpt2`, SentencePiece BPE, `llama`, and Gemma 4's `gemma4` are supported)")
        }
        self.path = path
        tokenTexts = tokens
        vocabularySize = tokens.count
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
        // llama.cpp turns BOS on for Gemma 4 whatever the file says.
        addsBOS = (model == "gemma4" || (metadata.bool("tokenizer.ggml.add_bos_token") ?? bosByDefault)) && bos != nil
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
        specialIndex = SpecialIndex(specials)
        specialMatching = .llamaCpp
        normalization = .none
    }

    init(named model: NamedModel, encoding: BPEEncoding) {
        path = model.rawValue
        self.model = .openAI(encoding)
        tokenTexts = []
        let specialTokens = model.specialTokens
        vocabularySize = (specialTokens.map(\.1).max() ?? 0) + 1
        chatTemplate = model.chatTemplate
        bosToken = model.bosToken
        eosToken = model.eosToken
        bosID = specialTokens.first { $0.0 == model.bosToken }?.1
        addsBOS = false
        specials = specialTokens.map { Special(bytes: Array($0.0.utf8), id: $0.1, isControl: true, stripsLeft: false, stripsRight: false) }
            .sorted { $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.id < $1.id }
        specialIndex = SpecialIndex(specials)
        specialMatching = .leftmostLongest // tiktoken's special-token regex: leftmost, longest first
        normalization = .none
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
                case .rawCharacters(let bpe):
                    Self.encodeLines(SentencePieceBPE.escapeWhitespace(slice, prefixSpace: false), bpe: bpe, into: &output)
                case .openAI(let encoding):
                    output += encoding.encodeOrdinary(String(decoding: slice, as: UTF8.self))
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

    /// `tokenizer_st_partition` in one pass: llama.cpp lets each special token in turn (longest
    /// first) split every text fragment at each of its occurrences; the same result comes from
    /// finding every occurrence of every special token once (a hash lookup per candidate length
    /// at each byte a special token starts with), then accepting them in llama.cpp's order — by
    /// special token, longest first, then left to right — unless an accepted one already covers
    /// part of it.
    func partition(_ bytes: [UInt8], parseSpecial: Bool) -> [Fragment] {
        guard !bytes.isEmpty else { return [] }
        var found: [(order: Int, start: Int)] = []
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0 ..< buffer.count {
                let lengths = specialIndex.lengthsByFirstByte[Int(buffer[start])]
                guard !lengths.isEmpty else { continue }
                for length in lengths where start + length <= buffer.count {
                    guard let order = specialIndex.orderByBytes[bytes[start ..< start + length]] else { continue }
                    if parseSpecial || !specials[order].isControl { found.append((order, start)) }
                }
            }
        }
        guard !found.isEmpty else { return [.text(bytes[...])] }
        if specialMatching == .leftmostLongest {
            // `specials` is longest first, so the lowest order is the longest match at a start.
            found.sort { $0.start != $1.start ? $0.start < $1.start : $0.order < $1.order }
            var kept: [(order: Int, start: Int)] = []
            var end = 0
            for candidate in found where candidate.start >= end {
                kept.append(candidate)
                end = candidate.start + specials[candidate.order].bytes.count
            }
            found = kept
        }
        found.sort { $0.order != $1.order ? $0.order < $1.order : $0.start < $1.start }
        // Accepted spans, kept sorted by start.
        var accepted: [(start: Int, end: Int, order: Int)] = []
        for candidate in found {
            let end = candidate.start + specials[candidate.order].bytes.count
            var low = 0, high = accepted.count
            while low < high {
                let middle = (low + high) / 2
                if accepted[middle].start < candidate.start { low = middle + 1 } else { high = middle }
            }
            if low > 0, accepted[low - 1].end > candidate.start { continue }
            if low < accepted.count, accepted[low].start < end { continue }
            accepted.insert((candidate.start, end, candidate.order), at: low)
        }
        var fragments: [Fragment] = []
        fragments.reserveCapacity(accepted.count * 2 + 1)
        var textStart = 0
        for span in accepted {
            let special = specials[span.order]
            var left = bytes[textStart ..< span.start]
            if special.stripsLeft { while let last = left.last, Self.isSpace(last) { left = left.dropLast() } }
            if !left.isEmpty { fragments.append(.text(left)) }
            fragments.append(.special(special.id))
            textStart = span.end
            if special.stripsRight { while textStart < bytes.count, Self.isSpace(bytes[textStart]) { textStart += 1 } }
        }
        if textStart < bytes.count { fragments.append(.text(bytes[textStart...])) }
        return fragments
    }

    /// C's `isspace` in the C locale.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09 ... 0x0D).contains(byte) }

    /// Gemma 4: the escaped text's runs of non-newlines and of newlines (`[^\n]+|[\n]+`) merge apart;
    /// a run of newlines that is itself a token is taken whole.
    static func encodeLines(_ text: [UInt8], bpe: MergeBPE, into output: inout [Int]) {
        var start = 0
        while start < text.count {
            let isNewline = text[start] == 0x0A
            var end = start + 1
            while end < text.count, (text[end] == 0x0A) == isNewline { end += 1 }
            if isNewline, let whole = bpe.wordTokens[Array(text[start ..< end])] {
                output.append(Int(whole))
            } else {
                bpe.encodeCharacters(text[start ..< end], into: &output)
            }
            start = end
        }
    }

    /// Pre-tokenize and merge one fragment of ordinary text.
    func encodeOrdinary(_ bytes: ArraySlice<UInt8>, preTokenizer: PreTokenizer, bpe: MergeBPE, into output: inout [Int]) {
        // llama.cpp decodes UTF-8 leniently: an invalid sequence becomes U+FFFD.
        let text = normalization.apply(String(decoding: bytes, as: UTF8.self))
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
        if case .openAI(let encoding) = model {
            let specialText = Dictionary(specials.map { ($0.id, $0.bytes) }, uniquingKeysWith: { first, _ in first })
            return String(decoding: ids.flatMap { specialText[$0] ?? encoding.decodeBytes([$0]) }, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        for id in ids where id >= 0 && id < tokenTexts.count {
            switch model {
            case .openAI: break
            case .byteLevel: bytes += MergeBPE.bytes(ofTokenText: tokenTexts[id])
            case .rawCharacters(let bpe):
                if let byte = bpe.byteTokens.firstIndex(of: Int32(id)) {
                    bytes.append(UInt8(byte))
                } else {
                    bytes += Array(tokenTexts[id].replacingSentencePieceSpaces().utf8)
                }
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
