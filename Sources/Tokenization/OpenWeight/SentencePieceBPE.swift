/// SentencePiece-style BPE as llama.cpp's `llm_tokenizer_spm_session` runs it (Llama 2, Mistral
/// v1, Phi-3, Baichuan GGUFs with `tokenizer.ggml.model = llama`): spaces become `▁`, each UTF-8
/// character starts as a symbol, and the adjacent pair whose concatenation is a token with the
/// highest score merges first (the leftmost on ties); what remains is emitted as tokens, split back
/// along its merges when it is not one, and as `<0xXX>` byte tokens when even a character is not.
struct SentencePieceBPE: Sendable {
    let table: RankTable
    let scores: [Float]
    /// Each byte's token (`<0xXX>`, else the byte itself as a one-character token), -1 when neither exists.
    let byteTokens: [Int32]

    init(tokens: [String], scores: [Float]) {
        table = RankTable(tokens: tokens.map { Array($0.utf8) })
        self.scores = scores
        var byIndex: [String: Int32] = [:]
        for (id, text) in tokens.enumerated() where text.utf8.count <= 6 { byIndex[text] = Int32(id) }
        let hex = Array("0123456789ABCDEF")
        byteTokens = (0 ..< 256).map { byte in
            byIndex["<0x\(hex[byte >> 4])\(hex[byte & 15])>"] ?? (byte < 0x80 ? byIndex[String(UnicodeScalar(UInt8(byte)))] : nil) ?? -1
        }
    }

    /// `▁` for each space, as `llama_escape_whitespace` writes it.
    static func escapeWhitespace(_ bytes: ArraySlice<UInt8>, prefixSpace: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        if prefixSpace { output += [0xE2, 0x96, 0x81] }
        for byte in bytes {
            if byte == 0x20 { output += [0xE2, 0x96, 0x81] } else { output.append(byte) }
        }
        return output
    }

    struct Bigram: Comparable {
        var score: Float
        var left: Int
        var right: Int
        var size: Int

        /// The heap pops the *smallest*: the highest score first, then the leftmost.
        static func < (a: Bigram, b: Bigram) -> Bool {
            a.score != b.score ? a.score > b.score : a.left < b.left
        }
    }

    /// The tokens of an escaped text, appended to `output`.
    func encode(_ text: [UInt8], into output: inout [Int]) {
        guard !text.isEmpty else { return }
        text.withUnsafeBufferPointer { bytes in
            var starts: [Int] = []
            var lengths: [Int] = []
            var offset = 0
            while offset < text.count {
                let lead = text[offset]
                let width = lead < 0x80 ? 1 : lead >> 5 == 0x6 ? 2 : lead >> 4 == 0xE ? 3 : lead >> 3 == 0x1E ? 4 : 1
                let length = min(width, text.count - offset)
                starts.append(offset)
                lengths.append(length)
                offset += length
            }
            let count = starts.count
            var previous = Array(-1 ..< count - 1)
            var next = Array(1 ... count).map { $0 == count ? -1 : $0 }
            var heap = MinHeap<Bigram>()
            var reverseMerge: [Range<Int>: (Int, Int)] = [:]
            func tryAdd(_ left: Int, _ right: Int) {
                guard left >= 0, right >= 0 else { return }
                let range = starts[left] ..< starts[left] + lengths[left] + lengths[right]
                guard let token = table.rank(bytes, range), token < scores.count || scores.isEmpty else { return }
                heap.push(Bigram(score: scores.isEmpty ? 0 : scores[token], left: left, right: right, size: range.count))
                reverseMerge[range] = (left, right)
            }
            for index in 1 ..< max(1, count) { tryAdd(index - 1, index) }
            while let bigram = heap.pop() {
                let left = bigram.left, right = bigram.right
                guard lengths[left] > 0, lengths[right] > 0, lengths[left] + lengths[right] == bigram.size else { continue }
                lengths[left] += lengths[right]
                lengths[right] = 0
                next[left] = next[right]
                if next[right] >= 0 { previous[next[right]] = left }
                tryAdd(previous[left], left)
                tryAdd(left, next[left])
            }
            func resegment(_ start: Int, _ length: Int) {
                let range = start ..< start + length
                if let token = table.rank(bytes, range) {
                    output.append(token)
                    return
                }
                if let (left, right) = reverseMerge[range] {
                    // The recorded halves, by their starts and their lengths at the time of the merge.
                    let leftLength = starts[right] - starts[left]
                    resegment(starts[left], leftLength)
                    resegment(starts[right], length - leftLength)
                    return
                }
                for index in range where byteTokens[Int(bytes[index])] >= 0 { output.append(Int(byteTokens[Int(bytes[index])])) }
            }
            var index = 0
            while index != -1 {
                resegment(starts[index], lengths[index])
                index = next[index]
            }
        }
    }
}
