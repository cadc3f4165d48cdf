#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole (small) file: its bytes, or why it could not be read (`strerror`).
public enum FileBytes {
    /// The file's bytes.
    public static func read(_ path: String) -> Result<[UInt8], FileReadError> {
        guard let file = fopen(path, "rb") else { return .failure(FileReadError(path: path, reason: String(cString: strerror(errno)))) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0 ..< count])
        }
        if ferror(file) != 0 { return .failure(FileReadError(path: path, reason: "read error")) }
        return .success(bytes)
    }
}

/// A file that could not be read.
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): cannot read: \(reason)" }
}
