/// Writes pretty-printed JSON (two-space indentation) straight into a byte buffer.
///
/// Reports of a whole code base hold hundreds of thousands of findings; Foundation's
/// `JSONEncoder` took 0.7 s for the standard library's, this writer a small fraction of that.
/// Callers write keys in the order they want them (the reports use alphabetical order, so two
/// reports diff well).
import PythonSyntax

struct PrettyJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Per open container: whether it has an element yet.
    private var hasElement: [Bool] = []
    /// Whether a key was just written (the value follows on the same line).
    private var afterKey = false

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// A writer for elements that `appendElements` will splice into a container nested `depth`
    /// containers deep (the root object counts as one).
    init(elementsAtDepth depth: Int, capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
        hasElement = Array(repeating: false, count: depth)
    }

    /// Splices elements written by `init(elementsAtDepth:)` writers, in order, into the open
    /// container, as if they had been written here. They are kept as pieces of the output
    /// (`chunks`), not copied.
    mutating func appendElements(_ fragments: [[UInt8]]) {
        for fragment in fragments where !fragment.isEmpty {
            if hasElement[hasElement.count - 1] { bytes.append(0x2C) }
            finishedChunks.append(bytes)
            bytes = []
            finishedChunks.append(fragment)
            hasElement[hasElement.count - 1] = true
        }
        bytes.reserveCapacity(1 << 12)
    }

    /// Pieces of output before `bytes`, when elements were spliced in.
    private var finishedChunks: [[UInt8]] = []

    /// The whole output as pieces to be written one after the other.
    var chunks: [[UInt8]] { finishedChunks + [bytes] }

    /// The whole output in one buffer.
    var document: [UInt8] { finishedChunks.isEmpty ? bytes : Array(chunks.joined()) }

    /// The elements of `items` written by `write` on every core, in chunks, as fragments for
    /// `appendElements` into a container nested `depth` deep. Large reports serialize about
    /// twice as fast on two cores.
    static func elements<Item: Sendable>(_ items: [Item], depth: Int, write: @escaping @Sendable (Item, inout PrettyJSONWriter) -> Void) -> [[UInt8]] {
        let chunkCount = min(items.count, 32)
        guard chunkCount > 1 else {
            var writer = PrettyJSONWriter(elementsAtDepth: depth)
            for item in items { write(item, &writer) }
            return [writer.bytes]
        }
        return ParallelMap.map(count: chunkCount) { chunk in
            let range = (items.count * chunk / chunkCount) ..< (items.count * (chunk + 1) / chunkCount)
            var writer = PrettyJSONWriter(elementsAtDepth: depth, capacity: 1 << 18)
            for item in items[range] { write(item, &writer) }
            return writer.bytes
        }
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
        appendDigits(value)
    }

    /// Integral values without a fraction, others in Swift's shortest round-trip form. Values
    /// with at most two decimals (the reports round scores to two) are written digit by digit:
    /// for them that form is the two-decimal one without trailing zeros.
    mutating func double(_ value: Double) {
        separate()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            appendDigits(Int(value))
        } else if value.isFinite, abs(value) < 1e12, let hundredths = Self.exactHundredths(value) {
            if hundredths < 0 { bytes.append(0x2D) }
            let magnitude = abs(hundredths)
            appendDigits(magnitude / 100)
            bytes.append(0x2E)
            let fraction = magnitude % 100
            bytes.append(0x30 + UInt8(fraction / 10))
            if fraction % 10 != 0 { bytes.append(0x30 + UInt8(fraction % 10)) }
        } else if value.isFinite {
            bytes.append(contentsOf: String(value).utf8)
        } else {
            appendString(value.isNaN ? "nan" : value > 0 ? "inf" : "-inf")
        }
    }

    /// `value × 100` when `value` is the double nearest to a number with two decimals.
    static func exactHundredths(_ value: Double) -> Int? {
        let scaled = (value * 100).rounded()
        return Double(scaled) / 100 == value ? Int(scaled) : nil
    }

    /// The decimal digits of a non-negative or negative integer, without allocating a string.
    private mutating func appendDigits(_ value: Int) {
        if value < 0 {
            bytes.append(0x2D)
            if value == .min {
                bytes.append(contentsOf: String(value).utf8.dropFirst())
                return
            }
        }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
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
