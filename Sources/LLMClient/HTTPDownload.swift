import AsyncHTTPClient
import NIOCore

/// One plain HTTP GET over AsyncHTTPClient's shared client (NIO and BoringSSL, linked into the
/// binary), so a download needs no system HTTP library: `docharness encodings install` fetches
/// OpenAI's vocabulary files with it.
public enum HTTPDownload {
    /// Why a download failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, for a person.
        public var description: String
    }

    /// The body of `url`, at most `maximumBytes` long, when it answers 200 within `timeout` seconds.
    public static func get(_ url: String, timeout: Double, maximumBytes: Int) async throws(Failure) -> [UInt8] {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .milliseconds(Int64(timeout * 1000)))
            guard response.status.code == 200 else { throw Failure(description: "HTTP \(response.status.code)") }
            return Array(try await response.body.collect(upTo: maximumBytes).readableBytesView)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: String(describing: error))
        }
    }
}
