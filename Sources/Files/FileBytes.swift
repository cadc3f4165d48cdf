#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole file into memory: its bytes, or why it could not be read.
public enum FileBytes {
    /// Whether something exists at `path`.
    public static func exists(path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The most bytes `read` takes by default: 256 MiB (larger inputs are streamed, not read whole).
    public static let defaultLimit = 256 << 20

    /// The file's bytes; a missing file, a directory, anything but a regular file (a FIFO would
    /// block forever, `/dev/zero` never ends), a file over `limit` bytes, or a read error is a
    /// failure with its reason.
    public static func read(path: String, limit: Int = defaultLimit) -> Result<[UInt8], FileReadError> {
        // Non-blocking, so that opening a FIFO cannot hang; it is refused below.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(FileReadError(path: path, reason: String(cString: strerror(errno)), isMissing: errno == ENOENT)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(FileReadError(path: path, reason: String(cString: strerror(errno)))) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(FileReadError(path: path, reason: "is a directory, not a file"))
        case S_IFIFO: return .failure(FileReadError(path: path, reason: "is a FIFO, not a regular file"))
        default: return .failure(FileReadError(path: path, reason: "is a device or special file, not a regular file"))
        }
        guard Int(status.st_size) <= limit else {
            return .failure(FileReadError(path: path, reason: "is \(Int(status.st_size) >> 20) MiB, more than the \(limit >> 20) MiB read whole"))
        }
        // Blocking again for the reads (a regular file never blocks, but be plain about it).
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        // Read straight into the array, sized by `fstat` plus one byte to see the end of file
        // in the same call; a file that grew meanwhile goes on in chunks.
        let expected = max(0, Int(status.st_size))
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let count = readSome(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if count == 0 { return }
                initialized += count
            }
        }
        if let failure { return .failure(FileReadError(path: path, reason: String(cString: strerror(failure)))) }
        if bytes.count > expected {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                if bytes.count > limit { return .failure(FileReadError(path: path, reason: "grew past the \(limit >> 20) MiB read whole")) }
                let count = chunk.withUnsafeMutableBytes { readSome(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return .failure(FileReadError(path: path, reason: String(cString: strerror(errno))))
                }
                if count == 0 { break }
                bytes.append(contentsOf: chunk[0 ..< count])
            }
        }
        // A file that grows while it is read stops at the limit too.
        if bytes.count > limit { return .failure(FileReadError(path: path, reason: "grew past the \(limit >> 20) MiB read whole")) }
        return .success(bytes)
    }

    /// `read(2)`.
    private static func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
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
