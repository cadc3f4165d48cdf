import Synchronization

/// The time a generation run sees: the rate limiter and the retry policy sleep through it, so
/// tests run on a virtual clock and never really wait.
public protocol GenerationClock: Sendable {
    /// Seconds since an arbitrary fixed origin.
    func now() -> Double
    /// Waits until `deadline` (returns at once when it has passed).
    func sleep(until deadline: Double) async throws
}

extension GenerationClock {
    /// Waits `seconds` from now.
    public func sleep(seconds: Double) async throws {
        try await sleep(until: now() + seconds)
    }
}

/// Real time (`ContinuousClock`).
public struct SystemGenerationClock: GenerationClock {
    private let origin = ContinuousClock.now

    /// Creates a clock.
    public init() {}

    public func now() -> Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    public func sleep(until deadline: Double) async throws {
        let seconds = deadline - now()
        guard seconds > 0 else { return }
        try await Task.sleep(for: .nanoseconds(Int64(seconds * 1e9)))
    }
}

/// A clock that jumps instead of waiting: a sleep moves the time forward to its deadline (so
/// sleepers that overlap do not add up) and returns at once. It keeps every wait asked for, so
/// tests can check the waits a run would have made.
public final class VirtualClock: GenerationClock {
    private struct State {
        var now: Double
        var waits: [Double] = []
    }

    private let state: Mutex<State>

    /// Creates a clock at `start` seconds.
    public init(start: Double = 0) {
        state = Mutex(State(now: start))
    }

    public func now() -> Double { state.withLock { $0.now } }

    public func sleep(until deadline: Double) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            guard deadline > state.now else { return }
            state.waits.append(deadline - state.now)
            state.now = deadline
        }
        await Task.yield()
    }

    /// Moves the time forward without anyone sleeping.
    public func advance(by seconds: Double) {
        state.withLock { $0.now += seconds }
    }

    /// Every wait that moved the time, in order.
    public var waits: [Double] { state.withLock { $0.waits } }
}
