import Files

/// Lines to standard output in 64 KiB writes through `FileDescriptorOutput` (tens of thousands of
/// findings would otherwise be as many system calls).
struct StandardOutput {
    private let output = FileDescriptorOutput(descriptor: 1)
    private var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(1 << 17)
    }

    /// Adds bytes, writing when the buffer passes 64 KiB.
    mutating func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count > 1 << 16 { flush() }
    }

    /// Adds a line.
    mutating func write(line: String) {
        write(line.utf8)
        buffer.append(0x0A)
    }

    /// Writes what is buffered.
    mutating func flush() {
        output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
