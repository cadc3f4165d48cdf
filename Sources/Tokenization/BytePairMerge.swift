/// tiktoken's byte-pair merge: repeatedly merge the adjacent pair whose bytes have the lowest
/// rank (the leftmost on ties) until no adjacent pair is in the vocabulary.
///
/// Short pieces use tiktoken's own array scan; long ones (a megabyte of one letter) a min-heap
/// over a linked list of parts with lazy invalidation, which merges in the same order — lowest
/// rank, then lowest start offset — in O(n log n) instead of O(n²).
enum BytePairMerge {
    static let heapThreshold = 256

    /// The token ranks of one piece, appended to `output`.
    static func encode(_ piece: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, table: RankTable, into output: inout [Int]) {
        if range.count == 1 {
            output.append(table.rank(piece, range) ?? 0)
            return
        }
        if let whole = table.rank(piece, range) {
            output.append(whole)
            return
        }
        let boundaries = range.count < heapThreshold ? scan(piece, range, table: table) : heap(piece, range, table: table)
        for index in 0 ..< boundaries.count - 1 {
            // Every final part is in the vocabulary: single bytes always are, merged parts by construction.
            output.append(table.rank(piece, boundaries[index] ..< boundaries[index + 1]) ?? 0)
        }
    }

    /// tiktoken's `_byte_pair_merge`: the parts' start offsets, then the end.
    static func scan(_ piece: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, table: RankTable) -> [Int] {
        let none = Int.max
        var starts: [Int] = Array(range) + [range.upperBound]
        var ranks: [Int] = []
        ranks.reserveCapacity(starts.count)
        for index in 0 ..< starts.count - 2 {
            ranks.append(table.rank(piece, starts[index] ..< starts[index + 2]) ?? none)
        }
        ranks.append(none)
        ranks.append(none)
        func rank(at index: Int) -> Int {
            index + 2 < starts.count ? table.rank(piece, starts[index] ..< starts[index + 2]) ?? none : none
        }
        while true {
            var best = none
            var bestIndex = -1
            for index in 0 ..< ranks.count - 1 where ranks[index] < best {
                best = ranks[index]
                bestIndex = index
            }
            guard bestIndex >= 0 else { break }
            starts.remove(at: bestIndex + 1)
            ranks.remove(at: bestIndex + 1)
            ranks[bestIndex] = rank(at: bestIndex)
            if bestIndex > 0 { ranks[bestIndex - 1] = rank(at: bestIndex - 1) }
        }
        return starts
    }

    /// The same merges with a heap: parts are a doubly linked list over byte offsets.
    static func heap(_ piece: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, table: RankTable) -> [Int] {
        let count = range.count
        let base = range.lowerBound
        // Part i starts at base + i; next/previous link parts; end(i) = start of next.
        var next = (0 ..< count).map { $0 + 1 }
        var previous = (0 ..< count).map { $0 - 1 }
        var alive = [Bool](repeating: true, count: count)
        var heap = MinHeap<RankedStart>()
        func pairRank(_ index: Int) -> Int? {
            let second = next[index]
            guard second < count else { return nil }
            let end = next[second] < count ? base + next[second] : range.upperBound
            return table.rank(piece, base + index ..< end)
        }
        for index in 0 ..< count - 1 {
            if let rank = pairRank(index) { heap.push(RankedStart(rank: rank, start: index)) }
        }
        while let top = heap.pop() {
            let index = top.start
            guard alive[index], let current = pairRank(index), current == top.rank else { continue }
            let removed = next[index]
            alive[removed] = false
            next[index] = next[removed]
            if next[index] < count { previous[next[index]] = index }
            if let rank = pairRank(index) { heap.push(RankedStart(rank: rank, start: index)) }
            if previous[index] >= 0, let rank = pairRank(previous[index]) { heap.push(RankedStart(rank: rank, start: previous[index])) }
        }
        var starts: [Int] = []
        var index = 0
        while index < count {
            starts.append(base + index)
            index = next[index]
        }
        starts.append(range.upperBound)
        return starts
    }
}

/// A candidate merge of tiktoken's heap path: ordered by rank, then start — tiktoken's tie-break.
struct RankedStart: Comparable {
    var rank: Int
    var start: Int

    static func < (a: RankedStart, b: RankedStart) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : a.start < b.start
    }
}

/// A binary min-heap.
struct MinHeap<Element: Comparable> {
    private var items: [Element] = []

    mutating func push(_ element: Element) {
        items.append(element)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, items[left] < items[smallest] { smallest = left }
                if right < items.count, items[right] < items[smallest] { smallest = right }
                guard smallest != parent else { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
