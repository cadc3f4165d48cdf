import SeededRandom
import Synchronization

/// What to do to one request.
public struct FaultDecision: Sendable, Equatable {
    /// Answer with this status instead of the recording.
    public var status: Int?
    /// The `Retry-After` to send with it, in milliseconds.
    public var retryAfterMilliseconds: Int?
    /// Delay before answering, in milliseconds.
    public var delayMilliseconds: Double
    /// Close the connection after this many events (or half the body).
    public var dropAfterEvents: Int?

    /// Nothing injected.
    public static let none = FaultDecision(status: nil, retryAfterMilliseconds: nil, delayMilliseconds: 0, dropAfterEvents: nil)
}

/// Applies a `FaultPlan` request by request: counts per rule, seeded randomness, thread-safe.
public final class FaultInjector: Sendable {
    /// The plan.
    public let plan: FaultPlan
    private struct State {
        var applicable: [Int]
        var random: SplitMix64
    }
    private let state: Mutex<State>

    /// Creates an injector.
    public init(plan: FaultPlan) {
        self.plan = plan
        self.state = Mutex(State(applicable: Array(repeating: 0, count: plan.faults.count), random: SplitMix64(seed: plan.seed)))
    }

    /// What to do to a request for `model` on `route` (`openai`/`azure`), streamed or not.
    public func decide(model: String, route: String, stream: Bool) -> FaultDecision {
        guard !plan.faults.isEmpty else { return .none }
        let model = model.lowercased()
        return state.withLock { state in
            var decision = FaultDecision.none
            for (index, fault) in plan.faults.enumerated() {
                if let prefix = fault.model, !model.hasPrefix(prefix) { continue }
                if let wanted = fault.route, wanted != route { continue }
                if let wanted = fault.stream, wanted != stream { continue }
                state.applicable[index] += 1
                let count = state.applicable[index]
                var fires = true
                if let first = fault.first { fires = fires && count <= first }
                if let every = fault.every { fires = fires && count % every == 0 }
                if let probability = fault.probability { fires = fires && state.random.nextUnit() < probability }
                guard fires else { continue }
                if let latency = fault.latencyMilliseconds { decision.delayMilliseconds += latency }
                if let jitter = fault.jitterMilliseconds { decision.delayMilliseconds += jitter * state.random.nextUnit() }
                if decision.status == nil, let status = fault.status {
                    decision.status = status
                    decision.retryAfterMilliseconds = fault.retryAfterMilliseconds
                }
                if decision.dropAfterEvents == nil, let drop = fault.dropAfterEvents { decision.dropAfterEvents = drop }
            }
            return decision
        }
    }

    /// Starts every count again.
    public func reset() {
        state.withLock { state in
            state.applicable = Array(repeating: 0, count: plan.faults.count)
            state.random = SplitMix64(seed: plan.seed)
        }
    }
}
