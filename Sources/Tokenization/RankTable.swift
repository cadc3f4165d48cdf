/// Token bytes → rank, looked up by byte slice without allocating: every token's bytes live in one
/// buffer and an open-addressing table holds (offset, length, rank) under an FNV-1a hash.
struct RankTable: Sendable {
    private let storage: [UInt8]
    private let slots: [Slot]
    private let mask: Int

    struct Slot: Sendable {
        var offset: Int32 = -1
        var length: Int32 = 0
        var rank: Int32 = 0
    }

    init(tokens: [[UInt8]]) {
        var storage: [UInt8] = []
        storage.reserveCapacity(tokens.reduce(0) { $0 + $1.count })
        var capacity = 1
        while capacity < tokens.count * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        let mask = capacity - 1
        for (rank, token) in tokens.enumerated() where !token.isEmpty {
            let offset = storage.count
            storage.append(contentsOf: token)
            var index = Self.hash(token[...]) & mask
            while slots[index].offset >= 0 { index = (index + 1) & mask }
            slots[index] = Slot(offset: Int32(offset), length: Int32(token.count), rank: Int32(rank))
        }
        self.storage = storage
        self.slots = slots
        self.mask = mask
    }

    @inline(__always)
    static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// The rank of `bytes[range]`, or nil.
    @inline(__always)
    func rank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3 }
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        let length = range.count
        return storage.withUnsafeBufferPointer { store in
            while true {
                let entry = slots[slot]
                if entry.offset < 0 { return nil }
                if Int(entry.length) == length {
                    let base = Int(entry.offset)
                    var equal = true
                    for offset in 0 ..< length where store[base + offset] != bytes[range.lowerBound + offset] {
                        equal = false
                        break
                    }
                    if equal { return Int(entry.rank) }
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
