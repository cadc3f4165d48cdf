#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole file into memory: its bytes, or why it could not be read.
public enum FileBytes {
    /// The file's bytes; a directory, a missing file or a read error is a failure with its reason.
    /// Whether something exists at `path`.
    public static func exists(path: String) -> Bool {
        access(path, F_OK) == 0
    }

    public static func read(path: String) -> Result<[UInt8], FileReadError> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(FileReadError(path: path, reason: String(cString: strerror(errno)), isMissing: errno == ENOENT)) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(FileReadError(path: path, reason: "is a directory, not a file"))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(status.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            #if canImport(Glibc)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            #else
            let count = chunk.withUnsafeMutableBytes { Darwin.read(descriptor, $0.baseAddress, $0.count) }
            #endif
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(FileReadError(path: path, reason: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0 ..< count])
        }
        return .success(bytes)
    }
}

/// A file that could not be read, and why (`strerror`, or "is a directory, not a file").
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// Whether the file does not exist (ENOENT).
    public var isMissing = false

    public var description: String { "\(path): cannot read: \(reason)" }
}
