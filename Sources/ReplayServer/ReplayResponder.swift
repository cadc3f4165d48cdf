import ChatWire
import HTTPTypes
import Hummingbird
import NIOCore
import Replay

/// The Hummingbird responder: turns requests into `ServerRequest`s for the `ReplayService` and
/// its answers into responses, streaming event streams chunk by chunk.
struct ReplayResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let service: ReplayService

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        // Headers matter only to record mode (they are forwarded upstream); matching ignores them.
        var headers = HeaderFields()
        if service.configuration.recording != nil {
            for field in request.headers { headers.append(field.name.canonicalName, field.value) }
        }
        let limit = service.configuration.maximumBodyBytes
        var body: [UInt8] = []
        var tooLarge = false
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            tooLarge = true
        } else {
            do {
                let buffer = try await request.body.collect(upTo: limit)
                body = Array(buffer.readableBytesView)
            } catch {
                tooLarge = true
            }
        }
        let answer = await service.answer(ServerRequest(method: request.method.rawValue, path: request.uri.string, headers: headers, body: body, bodyTooLarge: tooLarge))
        return Self.response(for: answer)
    }

    static func response(for answer: ServerAnswer) -> Response {
        var fields = HTTPFields()
        for field in answer.headers {
            if let name = HTTPField.Name(field.name) { fields.append(HTTPField(name: name, value: field.value)) }
        }
        let status = HTTPResponse.Status(code: answer.status)
        switch answer.body {
        case .bytes(let bytes):
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .events(let events, let paced, let dropAfter):
            fields[.cacheControl] = "no-cache"
            return Response(status: status, headers: fields, body: ResponseBody { writer in
                for (index, event) in events.enumerated() {
                    if let dropAfter, index >= dropAfter { throw InjectedConnectionDrop() }
                    if paced, let delay = event.delayMilliseconds, delay > 0 {
                        try await Task.sleep(for: .milliseconds(delay))
                    }
                    try await writer.write(ByteBuffer(string: event.wireText))
                }
                try await writer.finish(nil)
            })
        case .truncated(let bytes, let declaredLength):
            return Response(status: status, headers: fields, body: ResponseBody(contentLength: declaredLength) { writer in
                try await writer.write(ByteBuffer(bytes: bytes))
                throw InjectedConnectionDrop()
            })
        }
    }
}
