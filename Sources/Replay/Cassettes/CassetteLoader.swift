import ChatWire
import Files
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and reads cassettes, from files or folders (searched recursively, in name order): our
/// JSON format; VCR.py / pytest-recording, Ruby VCR and go-vcr YAML (or JSON); Azure SDK
/// test-proxy session records; HAR (Polly.js); nock recordings; Go `httprr` traces; and
/// single-interaction JSON files.
public enum CassetteLoader {
    /// The file name endings read when a folder is searched.
    public static let extensions = [".json", ".yaml", ".yml", ".har", ".httprr"]

    /// What a folder held: the cassettes, and the files skipped as not HTTP cassettes.
    public struct Loaded: Sendable {
        /// The cassettes read.
        public var cassettes: [Cassette]
        /// The files that hold no HTTP interactions (a fixture, a gRPC recording), each with why.
        public var skipped: [CassetteError]
    }

    /// Reads every cassette under the paths; any file that cannot be read is an error.
    public static func load(paths: [String]) throws(CassetteError) -> [Cassette] {
        try load(paths: paths, strict: true).cassettes
    }

    /// Reads every cassette under the paths. A file that is not an HTTP cassette is skipped and
    /// listed unless `strict`; a file that is a cassette but broken is always an error (the first
    /// one stops the load), and so is any file named directly.
    public static func load(paths: [String], strict: Bool) throws(CassetteError) -> Loaded {
        var loaded = Loaded(cassettes: [], skipped: [])
        for path in paths {
            let named = try files(under: path)
            for file in named {
                do {
                    loaded.cassettes.append(try load(file: file))
                } catch where error.kind == .notACassette && !strict && !(named.count == 1 && file == path) {
                    loaded.skipped.append(error)
                }
            }
        }
        return loaded
    }

    /// Reads one cassette file, whatever its format.
    public static func load(file: String) throws(CassetteError) -> Cassette {
        let bytes: [UInt8]
        switch FileBytes.read(path: file) {
        case .success(let read): bytes = read
        case .failure(let error): throw CassetteError(file: file, line: nil, reason: "cannot be read: \(error.reason)", fix: "pass a regular cassette file; check the path and its permissions")
        }
        return try decode(bytes, file: file)
    }

    /// Reads a cassette from its bytes, whatever its format: DocHarness's JSON, a VCR-style JSON
    /// cassette, or a VCR.py / pytest-recording YAML cassette. `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(CassetteError) -> Cassette {
        if bytes.starts(with: HTTPRRTraceReader.header.utf8) {
            return try HTTPRRTraceReader.read(bytes, file: file)
        }
        let firstByte = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF })
        if firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") {
            let document: JSONValue
            let lines: [Int]
            do {
                (document, lines) = try JSONParser.parseRecordingLines(bytes, depth: 2)
            } catch {
                throw CassetteError(file: file, line: error.line, reason: "not valid JSON: \(error.reason) (column \(error.column))", fix: "fix the JSON or re-record the cassette")
            }
            if document[CassetteFormat.marker] != nil {
                return try CassetteFormat.decode(document, lines: lines, file: file)
            }
            return try VCRCassetteReader.readJSON(document, lines: lines, file: file)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CassetteError(file: file, line: nil, reason: "is not UTF-8 text", fix: "cassettes are JSON or YAML text")
        }
        return try VCRCassetteReader.readYAML(text, file: file)
    }

    /// The cassette files a path names: the file itself, or the matching files under a folder.
    public static func files(under path: String) throws(CassetteError) -> [String] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw CassetteError(file: path, line: nil, reason: "no such file or folder", fix: "pass an existing cassette file or folder")
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { return [path] }
        var found: [String] = []
        var visited: Set<[UInt64]> = [[UInt64(status.st_dev), UInt64(status.st_ino)]]
        collect(path, into: &found, visited: &visited)
        return found.sorted()
    }

    /// The cassette files under `directory`: regular files with a cassette extension; a folder
    /// reached twice (through a link such as `ln -s . x`) is read once.
    private static func collect(_ directory: String, into found: inout [String], visited: inout Set<[UInt64]>) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var status = stat()
            guard stat(child, &status) == 0 else { continue }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                guard visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted else { continue }
                collect(child, into: &found, visited: &visited)
            } else if (status.st_mode & S_IFMT) == S_IFREG,
                      extensions.contains(where: { name.hasSuffix($0) }) || (!name.contains(".") && startsLikeACassette(child)) {
                found.append(child)
            }
        }
    }

    /// Whether a file without an extension (VCR.py's default when a test names its cassette
    /// without one) begins as a cassette does: `interactions:`, `http_interactions:`, a go-vcr
    /// `version:`, a JSON object, or an httprr header. Reads at most 64 bytes, non-blocking.
    static func startsLikeACassette(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 64) }
        guard count > 0 else { return false }
        var text = String(decoding: buffer[0 ..< count], as: UTF8.self)[...]
        if text.hasPrefix("---") { text = text.dropFirst(3) }
        text = text.drop { $0.isWhitespace }
        return ["interactions:", "http_interactions:", "version:", "{", "httprr trace v1"].contains { text.hasPrefix($0) }
    }
}
