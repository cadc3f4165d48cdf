#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the whole new content, never a
/// half-written file: the bytes go to a temporary file in the same folder, which is closed and
/// then renamed over the target.
public enum AtomicFile {
    /// An error writing a report file.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The target path.
        public var path: String
        /// The system's reason.
        public var reason: String

        /// An error writing `path`, for `reason`.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(WriteError) {
        try write(chunks: [bytes], to: path)
    }

    /// Writes the concatenation of `chunks` to `path` atomically, without joining them in memory
    /// first (a report of tens of megabytes is written as the pieces it was made in).
    public static func write<Chunk: Collection<UInt8>>(chunks: [Chunk], to path: String) throws(WriteError) {
        try write(to: path) { output in
            for chunk in chunks { output.write(chunk) }
        }
    }

    /// Opens a temporary file beside `path`, lets `body` write to it, and renames it over `path`
    /// when every write succeeded and `body` did not throw; otherwise removes it and throws the
    /// first error.
    public static func write(to path: String, _ body: (Output) throws(WriteError) -> Void) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        let output = FileDescriptorOutput(descriptor: descriptor)
        do {
            try body(output)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        let closed = close(descriptor) == 0 ? 0 : errno
        if let failure = output.failure ?? (closed == 0 ? nil : closed) {
            unlink(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(failure)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// The temporary file being written: one thread at a time may write to it
    /// (`ParallelMap.inOrder` hands pieces over that way).
    public typealias Output = FileDescriptorOutput
}
