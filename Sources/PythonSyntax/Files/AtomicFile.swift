#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the whole new content, never a
/// half-written file: the bytes go to a temporary file in the same folder, which is flushed and
/// then renamed over the target.
public enum AtomicFile {
    /// An error writing a report file.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The target path.
        public var path: String
        /// The system's reason.
        public var reason: String

        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(WriteError) {
        try write(chunks: [bytes], to: path)
    }

    /// Writes the concatenation of `chunks` to `path` atomically, without joining them in memory
    /// first (a report of tens of megabytes is written as the pieces it was made in).
    public static func write<Chunk: Collection<UInt8>>(chunks: [Chunk], to path: String) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        var complete = true
        for chunk in chunks where complete {
            let written = chunk.withContiguousStorageIfAvailable { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
                ?? Array(chunk).withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
            complete = written
        }
        let flushed = fflush(file) == 0
        fclose(file)
        guard complete, flushed else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }
}
