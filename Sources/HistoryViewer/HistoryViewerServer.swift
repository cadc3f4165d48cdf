import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `docharness view`: the site on Hummingbird, on 127.0.0.1 by default, until SIGINT or SIGTERM.
/// Each answer carries a `Server-Timing` header (store read and render, in milliseconds).
public enum HistoryViewerServer {
    /// Serves `site` on `host:port` (0: any free port); `onListening` gets the port.
    public static func run(_ site: HistoryViewerSite, host: String, port: Int, onListening: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "docharness.view")
        logger.logLevel = .warning
        let application = Application(
            responder: ViewerResponder(site: site),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
            logger: logger)
        let configuration = ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await ServiceGroup(configuration: configuration).run()
    }
}

/// Routes every GET to `HistoryViewerSite.page`.
struct ViewerResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let site: HistoryViewerSite

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let page: HistoryViewerSite.Page
        do {
            page = try await site.page(path: request.uri.path, query: query)
        } catch {
            page = HistoryViewerSite.Page(status: 500, html: "<!DOCTYPE html><title>Error</title><h1>The history could not be read</h1><p>\(HTML.escape("\(error)"))</p>",
                                          readSeconds: 0, renderSeconds: 0)
        }
        var fields = HTTPFields()
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        if let timing = HTTPField.Name("Server-Timing") {
            fields[timing] = String(format: "read;dur=%.1f, render;dur=%.1f", page.readSeconds * 1000, page.renderSeconds * 1000)
        }
        let bytes = ByteBuffer(string: page.html)
        return Response(status: HTTPResponse.Status(code: page.status), headers: fields, body: ResponseBody(byteBuffer: bytes))
    }
}
