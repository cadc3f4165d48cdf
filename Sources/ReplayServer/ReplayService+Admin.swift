import ChatWire
import Replay

/// The admin endpoints (`/__admin/health`, `stats`, `reset`, `unused`, `log`, each per scope too)
/// and the request log they read.
extension ReplayService {
    /// The answer to an admin request, or nil when the method and path name none.
    func adminAnswer(_ request: ServerRequest, path: String, scope: Scope) -> ServerAnswer? {
        switch (request.method, path) {
        case ("GET", "/__admin/health"):
            return .json(200, .object([JSONMember("status", "ok"), JSONMember("interactions", .integer(engine.interactionCount))]))
        case ("GET", "/__admin/stats"):
            let counts = counters.snapshot
            return .json(200, .object(ReplayCounters.Event.allCases.map { JSONMember($0.rawValue, .integer(counts[$0] ?? 0)) }))
        case ("POST", "/__admin/reset"):
            switch adminScope(request, scope: scope) {
            case .failure(let error): return .error(400, error)
            case .success(let named?):
                scopes.reset(scope: named)
                return .json(200, .object([JSONMember("status", "reset"), JSONMember("scope", .string(named))]))
            case .success(nil):
                scopes.reset(scope: nil)
                log.clear()
            }
            faults.reset()
            buckets.withLock { $0 = RateLimitBuckets(requestsPerMinute: configuration.faultPlan.requestsPerMinute, tokensPerMinute: configuration.faultPlan.tokensPerMinute) }
            return .json(200, .object([JSONMember("status", "reset")]))
        case ("GET", "/__admin/unused"):
            switch adminScope(request, scope: scope) {
            case .failure(let error): return .error(400, error)
            case .success(let named):
                let unused = scopes.unused(scope: named)
                return .json(200, .object([
                    JSONMember("scope", named.map(JSONValue.string) ?? .null),
                    JSONMember("count", .integer(unused.count)),
                    JSONMember("unused", .array(unused.map { source in
                        .object([JSONMember("file", .string(source.file)), JSONMember("interaction", .integer(source.index + 1)),
                                 JSONMember("line", source.line.map(JSONValue.integer) ?? .null), JSONMember("label", .string(source.description))])
                    })),
                ]))
            }
        case ("GET", "/__admin/log"):
            switch adminScope(request, scope: scope) {
            case .failure(let error): return .error(400, error)
            case .success(let named):
                let limit = Self.query(request.path)["limit"].flatMap(Int.init) ?? log.capacity
                let (entries, total) = log.entries(limit: limit, scope: named)
                return .json(200, .object([JSONMember("total", .integer(total)), JSONMember("capacity", .integer(log.capacity)),
                                           JSONMember("entries", .array(entries.map(\.json)))]))
            }
        default:
            return nil
        }
    }

    /// Records what a request was answered with in the log.
    func logged(_ answer: ServerAnswer, request: ServerRequest, scope: String?) -> ServerAnswer {
        let outcome: String
        var detail: String?
        if let label = answer.headers["x-docharness-replay"] {
            outcome = "matched"
            detail = label
        } else if let file = answer.headers["x-docharness-recorded"] {
            outcome = "recorded"
            detail = file
        } else if answer.headers["x-docharness-unmatched"] != nil {
            outcome = "unmatched"
            detail = Self.errorMessage(answer)
        } else if answer.headers["x-docharness-fault"] != nil {
            outcome = "faulted"
        } else if answer.status == 429 {
            outcome = "rate_limited"
        } else {
            outcome = answer.status < 400 ? "answered" : "refused"
            detail = answer.status < 400 ? nil : Self.errorMessage(answer)
        }
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        log.add(method: request.method, path: path, scope: scope, status: answer.status, outcome: outcome, detail: detail)
        return answer
    }

    /// The `error.message` of an answer's JSON body, cut to its first line.
    private static func errorMessage(_ answer: ServerAnswer) -> String? {
        guard case .bytes(let bytes) = answer.body, let value = try? JSONParser.parse(bytes) else { return nil }
        return value["error"]?["message"]?.stringValue.map { String($0.prefix { $0 != "\n" }) }
    }

    /// The `name=value` query parameters of a path, percent-escapes decoded.
    private static func query(_ path: String) -> [String: String] {
        guard let start = path.firstIndex(of: "?") else { return [:] }
        var parameters: [String: String] = [:]
        for pair in path[path.index(after: start)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard let name = parts.first, let value = CassetteScope.percentDecoded(parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : "") else { continue }
            parameters[String(name)] = value
        }
        return parameters
    }

    /// The admin endpoints' scope: the request's (`/c/NAME/__admin/…`, the header) or `?scope=NAME`.
    private func adminScope(_ request: ServerRequest, scope: Scope) -> Result<String?, APIError> {
        guard let named = scope.name ?? Self.query(request.path)["scope"] else { return .success(nil) }
        do {
            try ReplayScopes.validate(named)
        } catch {
            return .failure(APIError(message: "Invalid cassette scope: \(error.description).", type: "invalid_request_error", code: "invalid_cassette_scope"))
        }
        return .success(named)
    }
}
