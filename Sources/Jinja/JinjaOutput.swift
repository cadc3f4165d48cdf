/// What a render writes: UTF-8 bytes, made a `String` once at the end. Appending bytes to an array
/// is a copy; appending to a `String` also rechecks its uniqueness, capacity, ASCII flag and
/// index caches each time, and a chat template appends a dozen short pieces per message.
struct JinjaOutput {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written so far.
    var count: Int { bytes.count }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Takes back what was written from byte `start` on, as a string (only whole strings were
    /// written, so `start` is between characters).
    mutating func removeText(from start: Int) -> String {
        let text = String(decoding: bytes[start...], as: UTF8.self)
        bytes.removeSubrange(start...)
        return text
    }

    /// Everything written.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
