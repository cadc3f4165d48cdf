/// Writes pretty-printed JSON (two-space indentation) straight into a byte buffer.
///
/// Reports of a whole code base hold hundreds of thousands of findings; Foundation's
/// `JSONEncoder` took 0.7 s for the standard library's, this writer a small fraction of that.
/// Callers write keys in the order they want them (the reports use alphabetical order, so two
/// reports diff well).
struct PrettyJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Per open container: whether it has an element yet.
    private var hasElement: [Bool] = []
    /// Whether a key was just written (the value follows on the same line).
    private var afterKey = false

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: - Containers

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(0x3A)
        bytes.append(0x20)
        afterKey = true
    }

    // MARK: - Values

    mutating func string(_ value: String) {
        separate()
        appendString(value)
    }

    mutating func int(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Integral values without a fraction, others in Swift's shortest round-trip form.
    mutating func double(_ value: Double) {
        separate()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else if value.isFinite {
            bytes.append(contentsOf: String(value).utf8)
        } else {
            appendString(value.isNaN ? "nan" : value > 0 ? "inf" : "-inf")
        }
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// `key: value` for the common cases.
    mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    mutating func field(_ name: String, _ value: Double) { key(name); double(value) }
    mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }

    /// Ends the document with a newline.
    mutating func finish() { bytes.append(0x0A) }

    // MARK: - Layout

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        hasElement.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadElements = hasElement.removeLast()
        if hadElements { newline() }
        bytes.append(bracket)
    }

    /// Before a key or a value: a comma after the previous element and a new indented line,
    /// unless the value follows its key.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasElement.isEmpty else { return }
        if hasElement[hasElement.count - 1] { bytes.append(0x2C) }
        hasElement[hasElement.count - 1] = true
        newline()
    }

    private mutating func newline() {
        bytes.append(0x0A)
        let depth = hasElement.count
        if depth < Self.indents.count {
            bytes.append(contentsOf: Self.indents[depth])
        } else {
            bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
        }
    }

    private static let indents: [[UInt8]] = (0 ..< 16).map { [UInt8](repeating: 0x20, count: 2 * $0) }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    private mutating func appendString(_ value: String) {
        bytes.append(0x22)
        var value = value
        // Most strings need no escaping: copy them in one go.
        let plain = value.withUTF8 { buffer in
            !buffer.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        }
        if plain {
            value.withUTF8 { bytes.append(contentsOf: $0) }
            bytes.append(0x22)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x00 ..< 0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
