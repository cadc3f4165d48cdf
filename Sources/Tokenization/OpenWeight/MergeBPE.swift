/// BPE by merge list, as llama.cpp's `llm_tokenizer_bpe_session` runs it: a word's bytes (byte-level
/// models, GPT-2's byte-to-character map naming them) or UTF-8 characters (Gemma 4's raw-UTF-8 BPE)
/// start as one symbol each, then the adjacent pair with the lowest merge rank (the leftmost on
/// ties) merges, until no adjacent pair is in the merge list. Symbols are token ids throughout; a
/// merge whose result is not a token never fires.
struct MergeBPE: Sendable {
    /// (left id, right id) → (merge rank, merged id).
    private let merges: [UInt64: (rank: Int32, merged: Int32)]
    /// Each byte's token id (-1 when the vocabulary lacks it): GPT-2's mapped character for a
    /// byte-level model, `<0xXX>` for a raw-UTF-8 one.
    let byteTokens: [Int32]
    /// Whether token texts are GPT-2 byte-mapped (`gpt2`) rather than raw UTF-8 (`gemma4`).
    let byteLevel: Bool
    /// A word's bytes → its token id, for `ignore_merges` and whole-word hits.
    let wordTokens: [[UInt8]: Int32]

    /// GPT-2's `bytes_to_unicode`: printable Latin-1 bytes map to themselves, the rest to U+0100….
    static let byteToScalar: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for byte in 0 ..< 256 {
            if (0x21 ... 0x7E).contains(byte) || (0xA1 ... 0xAC).contains(byte) || (0xAE ... 0xFF).contains(byte) {
                table[byte] = UInt32(byte)
            } else {
                table[byte] = next
                next += 1
            }
        }
        return table
    }()

    static let scalarToByte: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (byte, scalar) in byteToScalar.enumerated() { table[scalar] = UInt8(byte) }
        return table
    }()

    /// The bytes a byte-level token text stands for (characters outside the map as their UTF-8).
    static func bytes(ofTokenText text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if let byte = scalarToByte[scalar.value] {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Builds the merge table from token texts and `"left right"` merge lines.
    init(tokens: [String], merges lines: [String], byteLevel: Bool = true) {
        self.byteLevel = byteLevel
        var idByText: [String: Int32] = [:]
        idByText.reserveCapacity(tokens.count)
        for (id, text) in tokens.enumerated() { idByText[text] = Int32(id) } // a later duplicate wins, as in llama.cpp
        var merges: [UInt64: (rank: Int32, merged: Int32)] = [:]
        merges.reserveCapacity(lines.count)
        for (rank, line) in lines.enumerated() {
            // llama.cpp splits at the first space after the first character.
            let scalars = Array(line.unicodeScalars)
            guard scalars.count > 2, let space = scalars.dropFirst().firstIndex(of: " ") else { continue }
            let left = String(String.UnicodeScalarView(scalars[..<space]))
            let right = String(String.UnicodeScalarView(scalars[(space + 1)...]))
            guard let leftID = idByText[left], let rightID = idByText[right], let merged = idByText[left + right] else { continue }
            let key = UInt64(UInt32(leftID)) << 32 | UInt64(UInt32(rightID))
            if merges[key] == nil { merges[key] = (Int32(rank), merged) }
        }
        self.merges = merges
        if byteLevel {
            byteTokens = Self.byteToScalar.map { scalar in idByText[String(Unicode.Scalar(scalar)!)] ?? -1 }
        } else {
            let hex = Array("0123456789ABCDEF")
            byteTokens = (0 ..< 256).map { byte in idByText["<0x\(hex[byte >> 4])\(hex[byte & 15])>"] ?? -1 }
        }
        var wordTokens: [[UInt8]: Int32] = [:]
        wordTokens.reserveCapacity(tokens.count)
        for (id, text) in tokens.enumerated() { wordTokens[byteLevel ? Self.bytes(ofTokenText: text) : Array(text.utf8)] = Int32(id) }
        self.wordTokens = wordTokens
    }

    /// The tokens of one word (its UTF-8 bytes), appended to `output`.
    func encode(_ word: ArraySlice<UInt8>, ignoringMerges: Bool, into output: inout [Int]) {
        if ignoringMerges, let whole = wordTokens[Array(word)] {
            output.append(Int(whole))
            return
        }
        if word.count == 1 {
            let id = byteTokens[Int(word[word.startIndex])]
            if id >= 0 { output.append(Int(id)) }
            return
        }
        merge(word.map { byteTokens[Int($0)] }, into: &output)
    }

    /// The tokens of one word of a raw-UTF-8 model (Gemma 4), appended to `output`: each UTF-8
    /// character starts as its token; one the vocabulary lacks comes out as `<0xXX>` byte tokens.
    func encodeCharacters(_ word: ArraySlice<UInt8>, into output: inout [Int]) {
        var ids: [Int32] = []
        var unknown: [Int: ArraySlice<UInt8>] = [:]
        var offset = word.startIndex
        while offset < word.endIndex {
            let lead = word[offset]
            let width = lead < 0x80 ? 1 : lead >> 5 == 0x6 ? 2 : lead >> 4 == 0xE ? 3 : lead >> 3 == 0x1E ? 4 : 1
            let character = word[offset ..< min(offset + width, word.endIndex)]
            if let id = wordTokens[Array(character)] {
                ids.append(id)
            } else {
                unknown[ids.count] = character
                ids.append(-1)
            }
            offset = character.endIndex
        }
        merge(ids, into: &output) { position, output in
            for byte in unknown[position] ?? [] where byteTokens[Int(byte)] >= 0 { output.append(Int(byteTokens[Int(byte)])) }
        }
    }

    /// Merges adjacent symbols by rank and appends what remains; a symbol without a token (-1)
    /// goes to `unknown` with its position.
    private func merge(_ symbols: [Int32], into output: inout [Int], unknown: (Int, inout [Int]) -> Void = { _, _ in }) {
        var ids = symbols
        let count = ids.count
        var next = Array(1 ... count) // count = none
        var previous = Array(-1 ..< count - 1)
        var heap = MinHeap<CandidateMerge>()
        func push(_ left: Int) {
            let right = next[left]
            guard right < count, ids[left] >= 0, ids[right] >= 0 else { return }
            let key = UInt64(UInt32(ids[left])) << 32 | UInt64(UInt32(ids[right]))
            if let merge = merges[key] {
                heap.push(CandidateMerge(rank: merge.rank, left: Int32(left), leftID: ids[left], rightID: ids[right], merged: merge.merged))
            }
        }
        for index in 0 ..< count - 1 { push(index) }
        while let top = heap.pop() {
            let left = Int(top.left)
            let right = next[left]
            // Outdated: a side has merged since this pair was queued (or the left one is gone).
            guard ids[left] == top.leftID, right < count, ids[right] == top.rightID else { continue }
            ids[left] = top.merged
            ids[right] = -2
            next[left] = next[right]
            if next[left] < count { previous[next[left]] = left }
            if previous[left] >= 0 { push(previous[left]) }
            push(left)
        }
        var index = 0
        while index < count {
            if ids[index] >= 0 {
                output.append(Int(ids[index]))
            } else if ids[index] == -1 {
                unknown(index, &output)
            }
            index = next[index]
        }
    }
}

/// A candidate merge: ordered by rank, then by left position (llama.cpp's tie-break).
struct CandidateMerge: Comparable {
    var rank: Int32
    var left: Int32
    var leftID: Int32
    var rightID: Int32
    var merged: Int32

    static func < (a: CandidateMerge, b: CandidateMerge) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : a.left < b.left
    }

    static func == (a: CandidateMerge, b: CandidateMerge) -> Bool {
        a.rank == b.rank && a.left == b.left
    }
}
