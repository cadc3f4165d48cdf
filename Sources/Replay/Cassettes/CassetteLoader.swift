import ChatWire
import Files
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and reads cassettes: our JSON format, VCR.py / pytest-recording YAML (or JSON), and
/// single-interaction JSON files, from files or folders (searched recursively, in name order).
public enum CassetteLoader {
    /// The file name endings read when a folder is searched.
    public static let extensions = [".json", ".yaml", ".yml"]

    /// Reads every cassette under the paths.
    public static func load(paths: [String]) throws(CassetteError) -> [Cassette] {
        var cassettes: [Cassette] = []
        for path in paths {
            for file in try files(under: path) {
                cassettes.append(try load(file: file))
            }
        }
        return cassettes
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
        let firstByte = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF })
        if firstByte == UInt8(ascii: "{") {
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
            } else if (status.st_mode & S_IFMT) == S_IFREG, extensions.contains(where: { name.hasSuffix($0) }) {
                found.append(child)
            }
        }
    }
}
