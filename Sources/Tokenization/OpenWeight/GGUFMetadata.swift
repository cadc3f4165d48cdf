#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key–value metadata at the front of a GGUF file (llama.cpp's model format, versions 2 and
/// 3): read through a small buffer, stopping before the tensors, so a multi-gigabyte model costs
/// only its metadata in memory. Arrays of strings and numbers are kept; nested arrays are skipped.
public struct GGUFMetadata: Sendable {
    /// One metadata value.
    public enum Value: Sendable, Equatable {
        case integer(Int64)
        case unsigned(UInt64)
        case float(Double)
        case bool(Bool)
        case string(String)
        case strings([String])
        case integers([Int64])
        case floats([Float])
        /// An array of a type not kept (nested arrays).
        case skipped
    }

    /// The file's GGUF version.
    public let version: UInt32
    /// The values by key (`tokenizer.ggml.tokens`, `tokenizer.chat_template`, …).
    public let values: [String: Value]

    /// Reads the metadata of the GGUF file at `path`.
    public init(path: String) throws(ModelTokenizerError) {
        guard let file = fopen(path, "rb") else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        var reader = GGUFByteReader(file: file, path: path)
        let magic = try reader.bytes(4)
        guard magic == Array("GGUF".utf8) else {
            throw .malformed(path: path, reason: "not a GGUF file (it does not start with the bytes GGUF)")
        }
        version = try reader.u32()
        guard version == 2 || version == 3 else {
            throw .malformed(path: path, reason: "GGUF version \(version) is not supported (2 and 3 are)")
        }
        _ = try reader.u64() // tensor count
        let count = try reader.u64()
        guard count < 1 << 20 else { throw .malformed(path: path, reason: "\(count) metadata entries is not a real file") }
        var values: [String: Value] = [:]
        for _ in 0 ..< count {
            let key = try reader.string()
            let type = try reader.u32()
            values[key] = try reader.value(ofType: type)
        }
        self.values = values
    }

    /// A string value.
    public func string(_ key: String) -> String? {
        if case .string(let value) = values[key] { return value }
        return nil
    }

    /// An integer value of any integer type.
    public func integer(_ key: String) -> Int? {
        switch values[key] {
        case .integer(let value): Int(value)
        case .unsigned(let value): Int(exactly: value)
        default: nil
        }
    }

    /// A boolean value.
    public func bool(_ key: String) -> Bool? {
        if case .bool(let value) = values[key] { return value }
        return nil
    }

    /// An array of strings.
    public func strings(_ key: String) -> [String]? {
        if case .strings(let value) = values[key] { return value }
        return nil
    }

    /// An array of integers.
    public func integers(_ key: String) -> [Int64]? {
        if case .integers(let value) = values[key] { return value }
        return nil
    }

    /// An array of floats.
    public func floats(_ key: String) -> [Float]? {
        if case .floats(let value) = values[key] { return value }
        return nil
    }
}

/// Little-endian reads from a GGUF file through a 64 KiB buffer.
struct GGUFByteReader {
    let file: UnsafeMutablePointer<FILE>
    let path: String
    private var buffer: [UInt8] = []
    private var position = 0

    init(file: UnsafeMutablePointer<FILE>, path: String) {
        self.file = file
        self.path = path
    }

    private mutating func fill(_ needed: Int) throws(ModelTokenizerError) {
        if position + needed <= buffer.count { return }
        var next = Array(buffer[position...])
        position = 0
        var chunk = [UInt8](repeating: 0, count: max(1 << 16, needed))
        while next.count < needed {
            let read = fread(&chunk, 1, chunk.count, file)
            guard read > 0 else { throw .malformed(path: path, reason: "the file ends inside its metadata") }
            next.append(contentsOf: chunk[0 ..< read])
        }
        buffer = next
    }

    mutating func bytes(_ count: Int) throws(ModelTokenizerError) -> [UInt8] {
        try fill(count)
        defer { position += count }
        return Array(buffer[position ..< position + count])
    }

    private mutating func littleEndian(_ width: Int) throws(ModelTokenizerError) -> UInt64 {
        try fill(width)
        var value: UInt64 = 0
        for index in 0 ..< width { value |= UInt64(buffer[position + index]) << (8 * UInt64(index)) }
        position += width
        return value
    }

    mutating func u32() throws(ModelTokenizerError) -> UInt32 { UInt32(try littleEndian(4)) }
    mutating func u64() throws(ModelTokenizerError) -> UInt64 { try littleEndian(8) }

    mutating func string() throws(ModelTokenizerError) -> String {
        let length = try u64()
        guard length < 1 << 30 else { throw .malformed(path: path, reason: "a string of \(length) bytes is not a real file") }
        return String(decoding: try bytes(Int(length)), as: UTF8.self)
    }

    private mutating func integer(ofType type: UInt32) throws(ModelTokenizerError) -> Int64? {
        switch type {
        case 0: return Int64(try littleEndian(1))
        case 1: return Int64(Int8(truncatingIfNeeded: try littleEndian(1)))
        case 2: return Int64(try littleEndian(2))
        case 3: return Int64(Int16(truncatingIfNeeded: try littleEndian(2)))
        case 4: return Int64(try littleEndian(4))
        case 5: return Int64(Int32(truncatingIfNeeded: try littleEndian(4)))
        case 11: return Int64(bitPattern: try littleEndian(8))
        default: return nil
        }
    }

    mutating func value(ofType type: UInt32) throws(ModelTokenizerError) -> GGUFMetadata.Value {
        switch type {
        case 0, 1, 2, 3, 4, 5, 11: return .integer(try integer(ofType: type)!)
        case 10: return .unsigned(try u64())
        case 6: return .float(Double(Float(bitPattern: UInt32(try littleEndian(4)))))
        case 12: return .float(Double(bitPattern: try littleEndian(8)))
        case 7: return .bool(try littleEndian(1) != 0)
        case 8: return .string(try string())
        case 9:
            let elementType = try u32()
            let count = try u64()
            guard count < 1 << 28 else { throw .malformed(path: path, reason: "an array of \(count) values is not a real file") }
            switch elementType {
            case 8:
                var strings: [String] = []
                strings.reserveCapacity(Int(count))
                for _ in 0 ..< count { strings.append(try string()) }
                return .strings(strings)
            case 6:
                var floats: [Float] = []
                floats.reserveCapacity(Int(count))
                for _ in 0 ..< count { floats.append(Float(bitPattern: UInt32(try littleEndian(4)))) }
                return .floats(floats)
            case 0, 1, 2, 3, 4, 5, 11, 10:
                var integers: [Int64] = []
                integers.reserveCapacity(Int(count))
                for _ in 0 ..< count {
                    integers.append(elementType == 10 ? Int64(bitPattern: try u64()) : try integer(ofType: elementType)!)
                }
                return .integers(integers)
            case 7:
                var integers: [Int64] = []
                for _ in 0 ..< count { integers.append(Int64(try littleEndian(1))) }
                return .integers(integers)
            case 12:
                var floats: [Float] = []
                for _ in 0 ..< count { floats.append(Float(Double(bitPattern: try littleEndian(8)))) }
                return .floats(floats)
            case 9:
                for _ in 0 ..< count { _ = try value(ofType: 9) }
                return .skipped
            default:
                throw .malformed(path: path, reason: "unknown GGUF array element type \(elementType)")
            }
        default:
            throw .malformed(path: path, reason: "unknown GGUF value type \(type)")
        }
    }
}
