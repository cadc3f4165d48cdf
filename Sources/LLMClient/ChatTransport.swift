import AsyncHTTPClient
import NIOCore

/// What came back for one HTTP request.
public struct HTTPReply: Sendable {
    /// The status code.
    public var status: Int
    /// The headers, in order.
    public var headers: [(String, String)]
    /// The whole body.
    public var body: [UInt8]

    /// Creates a reply.
    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends one POST and returns the reply; throws for transport failures (refused or dropped
/// connections, timeouts, truncated bodies). Tests put a fake here.
public protocol ChatTransport: Sendable {
    /// Posts `body` to `endpoint`, giving up after `timeout` seconds.
    func post(_ body: [UInt8], to endpoint: ChatEndpoint, timeout: Double) async throws -> HTTPReply
    /// Releases connections.
    func shutdown() async
}

/// The transport over AsyncHTTPClient.
public final class HTTPChatTransport: ChatTransport {
    private let client = HTTPClient(eventLoopGroupProvider: .singleton)
    private let maximumBodyBytes: Int

    /// Creates a transport; replies larger than `maximumBodyBytes` fail.
    public init(maximumBodyBytes: Int = 16 << 20) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func post(_ body: [UInt8], to endpoint: ChatEndpoint, timeout: Double) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        for header in endpoint.headers { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(body)
        let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        let collected = try await response.body.collect(upTo: maximumBodyBytes)
        return HTTPReply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                         body: Array(collected.readableBytesView))
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
