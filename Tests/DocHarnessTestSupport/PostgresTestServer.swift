import Foundation

/// A throwaway PostgreSQL server for the history store's tests: Debian's `postgresql` binaries,
/// a new cluster in a temporary folder, listening on 127.0.0.1 on a free port with password
/// (SCRAM) authentication, `fsync` off. Run as the `postgres` user when the tests run as root
/// (PostgreSQL refuses root). `stop()` shuts it down and removes the folder.
public final class PostgresTestServer: @unchecked Sendable {
    /// The superuser and its password.
    public static let user = "docharness", password = "s3cret-test-pw"
    /// The port it listens on.
    public let port: Int
    private let folder: URL
    private let binaries: URL

    /// The folder of `initdb`, `pg_ctl` and `createdb` (the newest installed major version), nil
    /// when PostgreSQL is not installed.
    public static var binaries: URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().lazy.map { root.appendingPathComponent("\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) }
    }

    /// Creates the cluster and starts the server; throws with PostgreSQL's own output when it
    /// cannot.
    public init() throws {
        guard let binaries = Self.binaries else { throw ServerError(description: "PostgreSQL is not installed (apt-get install postgresql)") }
        self.binaries = binaries
        folder = URL(fileURLWithPath: "/tmp/docharness-postgres-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passwordFile = folder.appendingPathComponent("password")
        try Data(Self.password.utf8).write(to: passwordFile)
        if geteuid() == 0 {
            _ = try ProcessRunner.run(URL(fileURLWithPath: "/bin/chown"), ["-R", "postgres:postgres", folder.path])
        }
        port = try Self.freePort()
        let data = folder.appendingPathComponent("data").path
        try run("initdb", ["-D", data, "-U", Self.user, "--pwfile", passwordFile.path, "--auth-local=trust", "--auth-host=scram-sha-256",
                           "--encoding=UTF8", "--locale=C", "--no-sync"])
        // pg_ctl starts the postmaster as a daemon, through Python's subprocess with every
        // descriptor but the standard three closed: Foundation's Process does not mark the
        // sockets it watches children through close-on-exec, and a long-lived server inheriting
        // those of other tests' children would keep their `waitUntilExit` waiting (and, with
        // the cooperative threads blocked in those waits, this test's own awaits) until it stops.
        let log = folder.appendingPathComponent("server.log").path
        let options = "-h 127.0.0.1 -p \(port) -k \(folder.path) -c fsync=off -c synchronous_commit=off"
        try run("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "600", "-o", options, "start"], closingDescriptors: true)
    }

    /// A new, empty database, and its URL (with the password).
    public func database(_ name: String = "h\(UUID().uuidString.prefix(8).lowercased())") throws -> String {
        try run("createdb", ["-h", folder.path, "-p", "\(port)", "-U", Self.user, name])
        return "postgres://\(Self.user):\(Self.password)@127.0.0.1:\(port)/\(name)"
    }

    /// Runs `sql` in database `name` with psql; returns its unaligned output (one value per line).
    @discardableResult
    public func execute(_ sql: String, in name: String) throws -> String {
        try run("psql", ["-h", folder.path, "-p", "\(port)", "-U", Self.user, "-d", name, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql])
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the server at once and removes its folder.
    public func stop() {
        _ = try? run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs one of the PostgreSQL programs, as `postgres` when this process is root; with
    /// `closingDescriptors`, through python3's `subprocess` (which closes every descriptor above 2).
    @discardableResult
    private func run(_ program: String, _ arguments: [String], closingDescriptors: Bool = false) throws -> ProcessResult {
        var command = [binaries.appendingPathComponent(program).path] + arguments
        if geteuid() == 0 { command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command }
        if closingDescriptors {
            command = ["/usr/bin/python3", "-c", "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:], close_fds=True))"] + command
        }
        let result = try ProcessRunner.run(URL(fileURLWithPath: command[0]), Array(command.dropFirst()))
        guard result.status == 0 else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            throw ServerError(description: "\(program) exited with \(result.status): \(result.standardError)\(result.standardOutput)\n\(log)")
        }
        return result
    }

    /// A port nobody listens on now (bound to 0 and released).
    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServerError(description: "socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw ServerError(description: "cannot bind a port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Why the server could not run.
    public struct ServerError: Error, CustomStringConvertible {
        public var description: String
    }
}
