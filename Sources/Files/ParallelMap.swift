import Dispatch
import Synchronization

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

    /// Makes `count` values on every core and hands each to `consume` in index order, as soon
    /// as it and every value before it are made; `consume` never runs on two threads at once.
    /// A large file is written this way while its later parts are still being made, and each
    /// part is freed once written. Returns when every value has been consumed.
    public static func inOrder<Value: Sendable>(count: Int, jobs: Int? = nil, produce: @Sendable (Int) -> Value,
                                                consume: @Sendable (Value) -> Void) {
        if count <= 1 || jobs == 1 {
            for index in 0 ..< count { consume(produce(index)) }
            return
        }
        let handoff = OrderedHandoff<Value>(count: count)
        let workers = min(count, max(1, jobs ?? count))
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take(below: count) {
                handoff.deliver(produce(index), at: index, to: consume)
            }
        }
    }
}

extension ParallelMap {
    /// How many pieces `inOrder(rangesOf:perPiece:…)` cuts `count` indices into: about
    /// `perPiece` each, at least one when there is any index, at most 512.
    public static func pieceCount(_ count: Int, perPiece: Int) -> Int {
        min(count, max(1, count / max(1, perPiece)), 512)
    }

    /// `inOrder` over consecutive ranges of `0..<count` (`pieceCount` of them, in order), for
    /// writing a file a piece of several items at a time.
    public static func inOrder<Value: Sendable>(rangesOf count: Int, perPiece: Int, jobs: Int? = nil,
                                                produce: @Sendable (Range<Int>) -> Value,
                                                consume: @Sendable (Value) -> Void) {
        let pieces = pieceCount(count, perPiece: perPiece)
        inOrder(count: pieces, jobs: jobs, produce: { piece in
            produce((count * piece / pieces) ..< (count * (piece + 1) / pieces))
        }, consume: consume)
    }
}

/// The values `ParallelMap.inOrder` has made but not yet consumed, and who is consuming.
final class OrderedHandoff<Value: Sendable>: Sendable {
    private struct State: ~Copyable {
        var slots: [Value?]
        var next = 0
        var consuming = false
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(slots: Array(repeating: nil, count: count)))
    }

    /// Stores a value; then, unless another thread is already doing so, consumes every value
    /// that is next in order. Storing and checking happen under one lock, and so do finding no
    /// next value and giving up the role, so no value is ever left behind.
    func deliver(_ value: Value, at index: Int, to consume: (Value) -> Void) {
        let mayConsume = state.withLock { state -> Bool in
            state.slots[index] = value
            guard !state.consuming else { return false }
            state.consuming = true
            return true
        }
        guard mayConsume else { return }
        while let ready = state.withLock({ state -> Value? in
            guard state.next < state.slots.count, let ready = state.slots[state.next] else {
                state.consuming = false
                return nil
            }
            state.slots[state.next] = nil
            state.next += 1
            return ready
        }) {
            consume(ready)
        }
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
