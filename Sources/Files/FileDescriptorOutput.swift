#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes written straight to an open file descriptor (a temporary file of `AtomicFile`, or
/// standard output), with no buffering: callers hand it large pieces. After the first failure
/// the rest is skipped and the error kept. One thread at a time may write.
public final class FileDescriptorOutput: @unchecked Sendable {
    private let descriptor: Int32
    /// The `errno` of the first failed write, nil while every write succeeded.
    public private(set) var failure: Int32?

    /// Writes to `descriptor`, which the caller opened and closes.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `bytes` in full (retrying short and interrupted writes).
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, var start = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let count = Glibc.write(descriptor, start, remaining)
            #else
            let count = Darwin.write(descriptor, start, remaining)
            #endif
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            start += count
            remaining -= count
        }
    }

    /// Writes a collection of bytes.
    public func write(_ bytes: some Collection<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ write(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { write($0) }
        }
    }
}
