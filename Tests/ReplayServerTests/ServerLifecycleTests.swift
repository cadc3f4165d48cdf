import DocHarnessTestSupport
import Foundation
import Replay
import ReplayServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A connection that never finishes its request head is closed after the idle time-out (issue 23:
/// 1,100 slowloris sockets under `ulimit -n 1024` locked everyone out of the server).
struct ServerLifecycleTests {
    @Test func aHalfSentRequestHeadIsClosedAfterTheIdleTimeOut() async throws {
        var configuration = ReplayServerConfiguration(cassettes: [])
        configuration.idleTimeoutSeconds = 0.5
        let service = ReplayService(configuration: configuration)
        try await InProcessReplayServer.with(service) { baseURL in
            let port = UInt16(baseURL.split(separator: ":").last.flatMap { Int($0) } ?? 0)
            let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #expect(socketDescriptor >= 0)
            defer { close(socketDescriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(connected == 0)
            let partial = Array("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n".utf8)
            #expect(partial.withUnsafeBytes { send(socketDescriptor, $0.baseAddress, $0.count, 0) } == partial.count)
            // A generous bound for a loaded machine: the server closes long before it.
            var timeout = timeval(tv_sec: 120, tv_usec: 0)
            setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 512)
            let received = buffer.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, $0.count, 0) }
            #expect(received == 0, "the server did not close the connection (recv returned \(received), errno \(errno))")
        }
    }
}
