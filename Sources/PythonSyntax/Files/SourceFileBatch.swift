import Dispatch

/// Reads and parses many files on all cores, returning them in the order given.
public enum SourceFileBatch {
    /// Parses every path concurrently; the result has one entry per path, in order.
    public static func read(paths: [String]) -> [SourceFile] {
        guard paths.count > 1 else { return paths.map { SourceFile.read(path: $0) } }
        let results = ResultSlots<SourceFile>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.store(SourceFile.read(path: paths[index]), at: index)
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
