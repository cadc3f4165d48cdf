import Dispatch
import Synchronization

/// Reads and parses many files on all cores, returning them in the order given.
public enum SourceFileBatch {
    /// Parses every path concurrently; the result has one entry per path, in order.
    /// `jobs` bounds the number of files parsed at once (nil: one per core).
    public static func read(paths: [String], jobs: Int? = nil) -> [SourceFile] {
        if paths.count <= 1 || jobs == 1 { return paths.map { SourceFile.read(path: $0) } }
        let results = ResultSlots<SourceFile>(count: paths.count)
        let workers = min(paths.count, max(1, jobs ?? paths.count))
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take(below: paths.count) {
                results.store(SourceFile.read(path: paths[index]), at: index)
            }
        }
        return results.values()
    }
}

/// Fixed slots that concurrent workers fill, each slot exactly once.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    /// Stores a value; each index must be written by one worker only.
    func store(_ value: Value, at index: Int) {
        buffer[index] = value
    }

    func values() -> [Value] {
        buffer.map { $0! }
    }
}

/// A shared counter handing out the next file index to whichever worker asks.
final class NextIndex: Sendable {
    private let counter = Atomic<Int>(0)

    func take(below limit: Int) -> Int? {
        let index = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < limit ? index : nil
    }
}
