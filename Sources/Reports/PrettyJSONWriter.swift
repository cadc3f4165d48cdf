/// Writes pretty-printed JSON (two-space indentation) into a `ByteBuffer`, and from there, for
/// reports of a whole code base, on to a file as it goes.
///
/// Reports of a whole code base hold hundreds of thousands of findings; Foundation's
/// `JSONEncoder` took 0.7 s for the standard library's, this writer a small fraction of that.
/// Callers write keys in the order they want them (the reports use alphabetical order, so two
/// reports diff well). Keys are written as they are: they must not need escaping.
import Files
import Synchronization

struct PrettyJSONWriter {
    private let buffer: ByteBuffer
    /// Where the bytes go once there are enough of them (nil: they stay in `buffer`).
    private let output: (any ByteOutput)?
    /// How many containers are open.
    private var depth = 0
    /// Bit `d` set: the container at depth `d + 1` has an element.
    private var elementBits: UInt64 = 0
    /// Whether a key was just written (the value follows on the same line).
    private var afterKey = false

    /// The most containers open at once.
    static let maximumDepth = 63
    /// Bytes kept before they are handed to `output`.
    private static let flushSize = 1 << 18

    /// A writer whose bytes go to `output` (or, without one, stay in `bytes`).
    init(output: (any ByteOutput)? = nil, capacity: Int = 1 << 16) {
        buffer = ByteBuffer(capacity: capacity)
        self.output = output
    }

    /// A writer for elements that `streamElements` splices into a container nested `depth`
    /// containers deep (the root object counts as one).
    private init(elementsAtDepth depth: Int, buffer: ByteBuffer) {
        self.buffer = buffer
        output = nil
        self.depth = depth
    }

    /// Whether nothing has been written since the last flush.
    private var isEmpty: Bool { buffer.count == 0 }

    // MARK: - Containers

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    /// A key (written as it is: keys never need escaping).
    mutating func key(_ name: StaticString) {
        separate()
        buffer.append(0x22)
        buffer.append(name.utf8Start, count: name.utf8CodeUnitCount)
        buffer.append(Self.keyEnd.utf8Start, count: 3)
        afterKey = true
    }

    private static let keyEnd: StaticString = "\": "

    /// Writes the elements of `items` into the open container: written by `write` on every core
    /// in pieces of about `perPiece` items, handed to the output in order as each piece is ready
    /// (so the file grows while later pieces are still being made, and each piece's memory is
    /// reused), as if they had been written here one after the other.
    mutating func streamElements<Item: Sendable>(_ items: [Item], perPiece: Int = 8,
                                                 write: @escaping @Sendable (Item, inout PrettyJSONWriter) -> Void) {
        guard ParallelMap.pieceCount(items.count, perPiece: perPiece) > 1, let output else {
            for item in items { write(item, &self) }
            return
        }
        flush()
        let depth = self.depth
        let splice = ElementSplice(output: output, hasElement: hasElement)
        // Written pieces go back to a pool: their memory is reused, warm, by later pieces
        // instead of fresh pages being mapped (and faulted in) for every piece.
        let pool = Mutex<[ByteBuffer]>([])
        ParallelMap.inOrder(rangesOf: items.count, perPiece: perPiece) { range in
            let recycled = pool.withLock { $0.popLast() }
            var writer = PrettyJSONWriter(elementsAtDepth: depth, buffer: recycled ?? ByteBuffer(capacity: 1 << 18))
            for item in items[range] { write(item, &writer) }
            return writer.buffer
        } consume: { piece in
            splice.append(piece)
            piece.removeAll()
            pool.withLock { $0.append(piece) }
        }
        if splice.hasElement { elementBits |= 1 << UInt64(depth - 1) }
    }

    // MARK: - Values

    mutating func string(_ value: String) {
        separate()
        appendString(value)
        flushIfLarge()
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
            if hundredths < 0 { buffer.append(0x2D) }
            let magnitude = abs(hundredths)
            appendDigits(magnitude / 100)
            buffer.append(0x2E)
            let fraction = magnitude % 100
            buffer.append(0x30 + UInt8(fraction / 10))
            if fraction % 10 != 0 { buffer.append(0x30 + UInt8(fraction % 10)) }
        } else if value.isFinite {
            buffer.append(String(value))
        } else {
            appendString(value.isNaN ? "nan" : value > 0 ? "inf" : "-inf")
        }
    }

    /// `value × 100` when `value` is the double nearest to a number with two decimals.
    static func exactHundredths(_ value: Double) -> Int? {
        let scaled = (value * 100).rounded()
        return Double(scaled) / 100 == value ? Int(scaled) : nil
    }

    /// The decimal digits of an integer, without allocating a string.
    private mutating func appendDigits(_ value: Int) {
        buffer.append(reserving: 20) { target in
            var magnitude = value.magnitude
            var digits = 0
            var probe = magnitude
            repeat { digits += 1; probe /= 10 } while probe > 0
            var position = value < 0 ? digits : digits - 1
            if value < 0 { target[0] = 0x2D }
            repeat {
                target[position] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                position -= 1
            } while magnitude > 0
            return value < 0 ? digits + 1 : digits
        }
    }

    mutating func bool(_ value: Bool) {
        separate()
        if value {
            buffer.append(Self.trueLiteral.utf8Start, count: 4)
        } else {
            buffer.append(Self.falseLiteral.utf8Start, count: 5)
        }
    }

    private static let trueLiteral: StaticString = "true"
    private static let falseLiteral: StaticString = "false"

    /// `key: value` for the common cases.
    mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    mutating func field(_ name: StaticString, _ value: Int) { key(name); int(value) }
    mutating func field(_ name: StaticString, _ value: Double) { key(name); double(value) }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }

    /// Ends the document with a newline and hands everything left to the output.
    mutating func finish() {
        buffer.append(0x0A)
        flush()
    }

    // MARK: - Layout

    private var hasElement: Bool {
        depth > 0 && elementBits & (1 << UInt64(depth - 1)) != 0
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        buffer.append(bracket)
        precondition(depth < Self.maximumDepth, "JSON nested more than \(Self.maximumDepth) deep")
        depth += 1
        elementBits &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close(_ bracket: UInt8) {
        let hadElements = hasElement
        depth -= 1
        if hadElements { newline() }
        buffer.append(bracket)
    }

    /// Before a key or a value: a comma after the previous element and a new indented line,
    /// unless the value follows its key.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if elementBits & bit != 0 { buffer.append(0x2C) }
        elementBits |= bit
        newline()
    }

    private mutating func newline() {
        let length = 1 + 2 * depth
        buffer.append(Self.newlineAndIndent.utf8Start, count: length)
    }

    /// A newline and enough spaces for `maximumDepth` levels.
    private static let newlineAndIndent: StaticString = "\n                                                                                                                              "

    private mutating func flushIfLarge() {
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Hands the bytes to the output, if there is one.
    private mutating func flush() {
        guard let output, !isEmpty else { return }
        output.write(buffer.bytes)
        buffer.removeAll()
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    private mutating func appendString(_ value: String) {
        buffer.append(0x22)
        // Native strings are read in place; others (bridged ones) are copied first.
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var copy = value
            copy.withUTF8 { appendEscaped($0) }
        }
        buffer.append(0x22)
    }

    private func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Most strings need no escaping: copy them in one go.
        let plainUpTo = Self.plainPrefixLength(utf8)
        if plainUpTo > 0 { buffer.append(utf8.baseAddress!, count: plainUpTo) }
        guard plainUpTo < utf8.count else { return }
        for byte in utf8[plainUpTo...] {
            switch byte {
            case 0x22: buffer.append(0x5C); buffer.append(0x22)
            case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
            case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
            case 0x0D: buffer.append(0x5C); buffer.append(0x72)
            case 0x09: buffer.append(0x5C); buffer.append(0x74)
            case 0x00 ..< 0x20:
                let hex: StaticString = "0123456789abcdef"
                buffer.append(0x5C); buffer.append(0x75); buffer.append(0x30); buffer.append(0x30)
                buffer.append(hex.utf8Start[Int(byte >> 4)])
                buffer.append(hex.utf8Start[Int(byte & 0xF)])
            default: buffer.append(byte)
            }
        }
    }
}

extension PrettyJSONWriter {
    /// How many leading bytes need no escaping in a JSON string (none is a control character,
    /// `"` or `\\`).
    static func plainPrefixLength(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        ByteScan.prefixLength(utf8, withoutControlsOr: 0x22, 0x5C)
    }
}

/// Joins the pieces `streamElements` made, in order: a comma between two non-empty pieces, as
/// one writer would have put between their elements.
private final class ElementSplice: @unchecked Sendable {
    let output: any ByteOutput
    /// Whether the container has an element (before the pieces, or from one of them).
    private(set) var hasElement: Bool

    init(output: any ByteOutput, hasElement: Bool) {
        self.output = output
        self.hasElement = hasElement
    }

    /// Called by one thread at a time (`ParallelMap.inOrder`).
    func append(_ piece: ByteBuffer) {
        guard piece.count > 0 else { return }
        if hasElement {
            let comma: StaticString = ","
            output.write(UnsafeRawBufferPointer(start: comma.utf8Start, count: 1))
        }
        output.write(piece.bytes)
        hasElement = true
    }
}
