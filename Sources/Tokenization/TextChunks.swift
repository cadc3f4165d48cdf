#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file as text in chunks of about `chunkBytes`, each ending where every split pattern
/// ends a piece anyway — after a line feed that follows a visible ASCII character and precedes an
/// ASCII letter — so that counting chunk by chunk gives exactly the whole file's count, in bounded
/// memory. (Whitespace before the line feed would not do: GPT-2's `\s+(?!\S)` keeps "  \n" whole
/// at the end of a text but splits it before a letter.) A file without such a place is read whole.
/// Invalid UTF-8 becomes U+FFFD, as Python's `errors="replace"` does.
public struct TextChunks {
    let file: UnsafeMutablePointer<FILE>
    let chunkBytes: Int
    var pending: [UInt8] = []
    var finished = false
    /// Bytes read so far.
    public private(set) var byteCount = 0

    /// Opens a file; nil when it cannot be read.
    public init?(path: String, chunkBytes: Int = 1 << 20) {
        guard let file = fopen(path, "rb") else { return nil }
        self.file = file
        self.chunkBytes = chunkBytes
    }

    /// Closes the file.
    public func close() {
        fclose(file)
    }

    /// The next chunk, or nil at the end.
    public mutating func next() -> String? {
        var buffer = [UInt8](repeating: 0, count: chunkBytes)
        while !finished {
            if let cut = Self.safeCut(pending, searchFrom: max(0, pending.count - chunkBytes)), pending.count >= chunkBytes {
                let chunk = Array(pending[..<cut])
                pending.removeFirst(cut)
                return String(decoding: chunk, as: UTF8.self)
            }
            let count = fread(&buffer, 1, chunkBytes, file)
            if count <= 0 {
                finished = true
                break
            }
            byteCount += count
            pending.append(contentsOf: buffer[0 ..< count])
        }
        guard !pending.isEmpty else { return nil }
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }

    /// The offset just after the last `\n` at or after `searchFrom` with a visible ASCII character
    /// before it and an ASCII letter after it.
    static func safeCut(_ bytes: [UInt8], searchFrom: Int) -> Int? {
        var index = bytes.count - 2
        while index >= max(searchFrom, 1) {
            if bytes[index] == 0x0A, (0x21 ... 0x7E).contains(bytes[index - 1]),
               (bytes[index + 1] | 0x20) >= 0x61, (bytes[index + 1] | 0x20) <= 0x7A { return index + 1 }
            index -= 1
        }
        return nil
    }

    /// Up to three samples of `bytes` each from the beginning, middle and end of a file, and its size.
    public static func samples(path: String, bytes: Int) -> (samples: [String], size: Int)? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        fseek(file, 0, SEEK_END)
        let size = ftell(file)
        var samples: [String] = []
        let starts = size <= 3 * bytes ? [0] : [0, size / 2 - bytes / 2, size - bytes]
        let length = size <= 3 * bytes ? size : bytes
        var buffer = [UInt8](repeating: 0, count: max(1, length))
        for start in starts {
            fseek(file, start, SEEK_SET)
            let count = fread(&buffer, 1, length, file)
            samples.append(String(decoding: buffer[0 ..< max(0, count)], as: UTF8.self))
        }
        return (samples, size)
    }
}
