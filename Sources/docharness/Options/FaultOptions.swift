import ArgumentParser
import Replay

/// What `serve` injects: a fault plan file and the limits that override it.
struct FaultOptions: ParsableArguments {
    @Option(help: "Fault plan file (JSON): {\"seed\", \"requests_per_minute\", \"tokens_per_minute\", \"context_window\", \"context_windows\": {model: tokens}, \"faults\": [{\"status\", \"retry_after_ms\", \"latency_ms\", \"jitter_ms\", \"drop_after_events\", \"probability\", \"first\", \"every\", \"route\", \"model\", \"stream\"}]}.")
    var faults: String?

    @Option(help: "Requests-per-minute limit (429 with Retry-After and x-ratelimit-* headers beyond it).")
    var rpm: Int?

    @Option(help: "Tokens-per-minute limit (prompt tokens + max_tokens per request).")
    var tpm: Int?

    @Option(name: .customLong("context-window"), help: "Context window for every model, in tokens (default: each model's published window).")
    var contextWindow: Int?

    func validate() throws {
        if let rpm, rpm <= 0 { throw ValidationError("--rpm must be positive") }
        if let tpm, tpm <= 0 { throw ValidationError("--tpm must be positive") }
        if let contextWindow, contextWindow <= 0 { throw ValidationError("--context-window must be positive") }
    }

    /// The plan file (or no faults) with the flags applied.
    func plan() throws(CassetteError) -> FaultPlan {
        var plan = try faults.map { path throws(CassetteError) in try FaultPlan.load(path: path) } ?? FaultPlan()
        if let rpm { plan.requestsPerMinute = rpm }
        if let tpm { plan.tokensPerMinute = tpm }
        if let contextWindow { plan.contextWindow = contextWindow }
        return plan
    }
}
