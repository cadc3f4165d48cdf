import Foundation
import PythonSyntax
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

    @Test func inOrderWithOneJobRunsInline() {
        let consumed = Mutex<[Int]>([])
        ParallelMap.inOrder(count: 5, jobs: 1) { $0 } consume: { value in consumed.withLock { $0.append(value) } }
        #expect(consumed.withLock { $0 } == [0, 1, 2, 3, 4])
    }
}
