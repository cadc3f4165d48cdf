import Dispatch
import Synchronization

/// Reads and parses many files on all cores, returning them in the order given.
public enum SourceFileBatch {
    /// Parses every path concurrently; the result has one entry per path, in order.
    /// `jobs` bounds the number of files parsed at once (nil: one per core).
    public static func read(paths: [String], jobs: Int? = nil) -> [SourceFile] {
        ParallelMap.map(count: paths.count, jobs: jobs) { SourceFile.read(path: paths[$0]) }
    }
}

/// Runs a function over indices on all cores, collecting results in index order.
public enum ParallelMap {
    /// `(0..<count).map(body)`, with at most `jobs` (nil: one per core) indices in flight at once.
    /// Workers take the next index as they finish, so uneven work still spreads evenly.
    public static func map<Value: Sendable>(count: Int, jobs: Int? = nil, _ body: @Sendable (Int) -> Value) -> [Value] {
        if count <= 1 || jobs == 1 { return (0 ..< count).map(body) }
        let results = ResultSlots<Value>(count: count)
        let workers = min(count, max(1, jobs ?? count))
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take(below: count) {
                results.store(body(index), at: index)
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
