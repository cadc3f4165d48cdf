import Scoring

extension FileRecord {
    /// What identifies this state of the file in a store: a 128-bit digest (32 hex digits) of
    /// every value stored for it. Two lanes of multiply–rotate over 8-byte words, each value
    /// followed by its length; not cryptographic — a run's own results are not adversarial — but
    /// a change of any byte, number or order changes it.
    var digest: String {
        var hasher = FileDigestHasher()
        hasher.add(path)
        for symbol in symbols {
            hasher.add(symbol.qualname); hasher.add(symbol.kind); hasher.add(symbol.line); hasher.add(symbol.documented ? 1 : 0)
            for dimension in Dimension.allCases { hasher.add(symbol.scores?[dimension]) }
            hasher.add(symbol.overall); hasher.add(symbol.before); hasher.add(symbol.outcome); hasher.add(symbol.docstring)
            hasher.add(symbol.promptTokens); hasher.add(symbol.estimatedPromptTokens); hasher.add(symbol.maxTokens); hasher.add(symbol.originalDocstring)
            hasher.add(symbol.findings.count)
            for finding in symbol.findings { hasher.add(finding) }
        }
        hasher.add(fileFindings.count)
        for finding in fileFindings { hasher.add(finding) }
        return hasher.hex
    }
}

/// The hasher behind `FileRecord.digest`.
struct FileDigestHasher {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x6c62_272e_07bb_0142

    private mutating func mix(_ word: UInt64) {
        first = ((first ^ word) &* 0x9e37_79b9_7f4a_7c15).rotated(by: 29)
        second = ((second ^ word) &* 0xc2b2_ae3d_27d4_eb4f).rotated(by: 31)
    }

    mutating func add(_ text: String?) {
        guard var text else { return mix(0xffff_ffff_ffff_fff1) }
        text.withUTF8 { bytes in
            var offset = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while offset + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<raw.count { tail |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
            mix(tail)
            mix(UInt64(raw.count))
        }
    }

    mutating func add(_ number: Int?) { mix(number.map { UInt64(bitPattern: Int64($0)) } ?? 0xffff_ffff_ffff_fff2) }
    mutating func add(_ number: Double?) { mix(number?.bitPattern ?? 0xffff_ffff_ffff_fff3) }

    mutating func add(_ finding: FindingRecord) {
        add(finding.code); add(finding.dimension.rawValue); add(finding.symbol); add(finding.subject); add(finding.message)
        add(finding.line); add(finding.penalty); add(finding.fingerprint)
    }

    /// The two lanes, finished, as 32 hex digits.
    var hex: String {
        func finished(_ value: UInt64) -> String {
            var value = value
            value ^= value >> 33
            value = value &* 0xff51_afd7_ed55_8ccd
            value ^= value >> 33
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return finished(first) + finished(second)
    }
}

private extension UInt64 {
    func rotated(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
