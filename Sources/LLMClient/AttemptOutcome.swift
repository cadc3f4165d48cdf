import ChatWire

extension RetryStateMachine.Outcome {
    /// How a reply ends an attempt: a whole completion (a streamed one put back together), a 429,
    /// a retryable status, a broken body, or a refusal with the server's error code and message.
    public init(reply: HTTPReply, streamed: Bool) {
        switch reply.status {
        case 200 ..< 300 where streamed:
            do {
                self = .completion(try StreamedCompletion.assemble(reply.body))
            } catch {
                self = .transport(reason: error.description)
            }
        case 200 ..< 300:
            do {
                self = .completion(try ChatCompletion(json: try JSONParser.parse(reply.body), path: ""))
            } catch {
                self = .transport(reason: "the reply body is not a whole chat completion (\(error))")
            }
        case 429:
            self = .rateLimited(retryAfter: RetryPolicy.retryAfter(headers: reply.headers), reason: "HTTP 429: \(Self.message(reply.body))")
        case let status where RetryPolicy.isRetryable(status: status):
            self = .serverError(status: status, retryAfter: RetryPolicy.retryAfter(headers: reply.headers), reason: "HTTP \(status): \(Self.message(reply.body))")
        default:
            let error = Self.apiError(reply.body)
            self = .rejected(status: reply.status, code: error?.code, message: error?.message ?? String(decoding: reply.body.prefix(500), as: UTF8.self))
        }
    }

    /// The OpenAI error a body carries (ChatWire's `APIError`), if it is one.
    static func apiError(_ body: [UInt8]) -> APIError? {
        (try? JSONParser.parse(body)).flatMap { try? APIError(json: $0, path: "") }
    }

    /// The error's message, else the start of the body.
    static func message(_ body: [UInt8]) -> String {
        apiError(body)?.message ?? String(decoding: body.prefix(500), as: UTF8.self)
    }
}
