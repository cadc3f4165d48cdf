#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Files

/// A growable run of bytes written through a pointer: appending costs a capacity check and a
/// copy, without the uniqueness check and retain an `Array` append makes. The report writers
/// put tens of megabytes through it. One owner at a time.
final class ByteBuffer: @unchecked Sendable {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = max(64, capacity)
        start = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit {
        free(start)
    }

    /// The bytes written so far (valid until the next append).
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(by: 1) }
        start[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ source: UnsafePointer<UInt8>, count length: Int) {
        if count + length > capacity { grow(by: length) }
        (start + count).update(from: source, count: length)
        count += length
    }

    /// Appends a string's UTF-8 (without a copy for native strings).
    @inline(__always)
    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0.baseAddress!, count: $0.count) }
    }

    /// Room for `length` more bytes, written by `body` through the pointer it is given; `body`
    /// returns how many it wrote.
    @inline(__always)
    func append(reserving length: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + length > capacity { grow(by: length) }
        count += body(start + count)
    }

    /// Forgets the bytes, keeping the memory.
    func removeAll() {
        count = 0
    }

    private func grow(by length: Int) {
        capacity = max(capacity * 2, count + length)
        start = realloc(start, capacity)!.assumingMemoryBound(to: UInt8.self)
    }
}

/// Where a streaming report writer sends its bytes: a file being written atomically, or memory.
protocol ByteOutput: AnyObject, Sendable {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer)
}

extension FileDescriptorOutput: ByteOutput {}

/// Bytes collected in memory (for `encode` and tests).
final class MemoryOutput: ByteOutput, @unchecked Sendable {
    private(set) var bytes: [UInt8] = []

    func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }
}
