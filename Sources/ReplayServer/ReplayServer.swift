import Hummingbird
import Logging
import NIOCore
import Replay
import ServiceLifecycle

/// The recorded-response server on Hummingbird 2: embeddable on an ephemeral port (`start`) or
/// run in the foreground until SIGINT/SIGTERM (`run`), both shutting down gracefully.
public enum ReplayServer {
    /// Starts a server in the background and returns once it listens.
    public static func start(_ service: ReplayService, logLevel: Logger.Level = .warning) async throws -> RunningReplayServer {
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let application = makeApplication(service, logLevel: logLevel) { port in portContinuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: application.logger))
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server stopped before listening: report why.
            try await task.value
            throw ReplayServerError.didNotStart(host: service.configuration.host, port: service.configuration.port)
        }
        return RunningReplayServer(host: service.configuration.host, port: port, service: service, group: group, task: task)
    }

    /// Runs a server in the foreground until SIGINT or SIGTERM; `onListening` gets the port.
    /// Requests in flight get `service.configuration.shutdownGraceSeconds` to finish; then they
    /// are cancelled (a request sleeping in an hour-long latency fault used to hold the exit).
    public static func run(_ service: ReplayService, logLevel: Logger.Level = .info, onListening: @escaping @Sendable (Int) -> Void) async throws {
        let application = makeApplication(service, logLevel: logLevel, onListening: onListening)
        var configuration = ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: application.logger)
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64(service.configuration.shutdownGraceSeconds * 1000))
        try await ServiceGroup(configuration: configuration).run()
        await service.shutdown()
    }

    /// The Hummingbird application serving a service (also what in-process tests drive).
    static func makeApplication(_ service: ReplayService, logLevel: Logger.Level = .warning, onListening: @escaping @Sendable (Int) -> Void = { _ in }) -> Application<ReplayResponder> {
        var logger = Logger(label: "docharness.serve")
        logger.logLevel = logLevel
        // A connection that neither finishes a request head nor sends another request within the
        // idle time-out is closed (1,100 slowloris sockets used to lock everyone out); a request
        // being answered (a latency fault included) is not idle.
        let idle = service.configuration.idleTimeoutSeconds.map { TimeAmount.milliseconds(Int64($0 * 1000)) }
        return Application(
            responder: ReplayResponder(service: service),
            server: .http1(configuration: .init(idleTimeout: idle)),
            configuration: ApplicationConfiguration(address: .hostname(service.configuration.host, port: service.configuration.port), serverName: nil),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? service.configuration.port) },
            logger: logger
        )
    }
}

/// A server started with `ReplayServer.start`.
public struct RunningReplayServer: Sendable {
    /// The address it listens on.
    public let host: String
    /// The port it listens on.
    public let port: Int
    /// The service behind it (counters, engine).
    public let service: ReplayService
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// `http://host:port`.
    public var baseURL: String { "http://\(host):\(port)" }

    /// Stops accepting, lets requests in flight finish, and waits for the server to end.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        await service.shutdown()
    }
}

/// Why a server could not start.
public enum ReplayServerError: Error, CustomStringConvertible {
    /// Binding failed (port in use, bad address).
    case didNotStart(host: String, port: Int)

    public var description: String {
        switch self {
        case .didNotStart(let host, let port): return "the replay server could not listen on \(host):\(port): is the port in use?"
        }
    }
}
