import Files
import Foundation
import Synchronization
import Testing

@Suite struct ParallelMapTests {
    @Test func mapKeepsIndexOrder() {
        #expect(ParallelMap.map(count: 1000) { $0 * 2 } == (0 ..< 1000).map { $0 * 2 })
        #expect(ParallelMap.map(count: 0) { $0 }.isEmpty)
    }

    /// Values made out of order (uneven work) are consumed in order, each once, never by two
    /// threads at the same time.
    @Test(arguments: [0, 1, 2, 7, 500]) func inOrderConsumesInOrderOneAtATime(count: Int) {
        let consumed = Mutex<[Int]>([])
        let busy = Atomic<Bool>(false)
        let overlaps = Atomic<Int>(0)
        ParallelMap.inOrder(count: count) { index -> Int in
            // Later indices are often ready first.
            usleep(UInt32((index * 7919) % 13) * 40)
            return index
        } consume: { value in
            if busy.exchange(true, ordering: .acquiring) { overlaps.add(1, ordering: .relaxed) }
            consumed.withLock { $0.append(value) }
            usleep(value % 5 == 0 ? 50 : 0)
            busy.store(false, ordering: .releasing)
        }
        #expect(consumed.withLock { $0 } == Array(0 ..< count))
        #expect(overlaps.load(ordering: .relaxed) == 0)
    }

    /// Ranges of about `perPiece` indices, consecutive and covering every index once.
    @Test(arguments: [(0, 8), (5, 8), (100, 8), (733, 24), (100_000, 1)])
    func inOrderOverRangesCoversEveryIndexInOrder(count: Int, perPiece: Int) {
        let ranges = Mutex<[Range<Int>]>([])
        ParallelMap.inOrder(rangesOf: count, perPiece: perPiece) { $0 } consume: { range in ranges.withLock { $0.append(range) } }
        let seen = ranges.withLock { $0 }
        #expect(seen.count == ParallelMap.pieceCount(count, perPiece: perPiece))
        #expect(seen.flatMap { Array($0) } == Array(0 ..< count))
        #expect(seen.count <= 512 && seen.allSatisfy { !$0.isEmpty })
    }

    @Test func inOrderWithOneJobRunsInline() {
        let consumed = Mutex<[Int]>([])
        ParallelMap.inOrder(count: 5, jobs: 1) { $0 } consume: { value in consumed.withLock { $0.append(value) } }
        #expect(consumed.withLock { $0 } == [0, 1, 2, 3, 4])
    }
}
