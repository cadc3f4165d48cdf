#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file as text in chunks of about `chunkBytes`, each ending where the counting's pieces
/// end anyway, so that counting chunk by chunk gives exactly the whole file's count, in bounded
/// memory.
///
/// Where to cut, in order:
/// 1. after a line feed that follows a visible ASCII character and precedes an ASCII letter —
///    every split pattern ends a piece there (whitespace before the line feed would not do:
///    GPT-2's `\s+(?!\S)` keeps "  \n" whole at the end of a text but splits it before a letter);
/// 2. when `chunkBytes` more have been read without such a place (a minified file, one long line),
///    where the estimator's own pre-tokenizer says (`TokenEstimator.safeCut(inUTF8:)`);
/// 3. nowhere: when `maximumPendingBytes` are held without a place to cut (one pre-token of that
///    size, such as a run of 100 MB of one letter), `next()` throws instead of reading on.
///
/// Invalid UTF-8 becomes U+FFFD as the file is read, as Python's `errors="replace"` does, with a
/// sequence cut by a read carried over to the next; the chunks are always valid UTF-8.
public struct TextChunks {
    /// No place to cut within `maximumPendingBytes`.
    public struct NoCutPoint: Error, Sendable, CustomStringConvertible {
        /// The byte offset in the file where the uncuttable stretch starts.
        public var offset: Int
        /// The bound that was reached.
        public var maximumPendingBytes: Int
        public var description: String {
            let bound = maximumPendingBytes % (1 << 20) == 0 ? "\(maximumPendingBytes >> 20) MiB" : "\(maximumPendingBytes) bytes"
            return "no place to cut the text within \(bound) from byte \(offset) (one pre-token that long, "
                + "such as a run of a single character class); counting it exactly would hold all of it in memory, so it is not counted"
        }
    }

    let file: UnsafeMutablePointer<FILE>
    let chunkBytes: Int
    /// The bound on the bytes held while looking for a place to cut.
    public let maximumPendingBytes: Int
    let cutter: (([UInt8]) -> Int?)?
    /// Valid UTF-8 read and not yet returned.
    var pending: [UInt8] = []
    /// The end of the last read when it cut a UTF-8 sequence (at most three bytes).
    var carry: [UInt8] = []
    /// How much of `pending` has been searched for a line-feed cut, and asked of `cutter`.
    var searched = 0
    var askedCutterAt = 0
    var finished = false
    /// Bytes read so far.
    public private(set) var byteCount = 0
    /// Bytes of the file returned in chunks so far (after U+FFFD replacement).
    var returnedBytes = 0

    /// Opens a file (`-`: standard input); nil when it cannot be read. `cutter` is an
    /// estimator's `safeCut(inUTF8:)`.
    public init?(path: String, chunkBytes: Int = 1 << 20, maximumPendingBytes: Int? = nil, cutter: (([UInt8]) -> Int?)? = nil) {
        let opened = path == "-" ? fdopen(dup(STDIN_FILENO), "rb") : fopen(path, "rb")
        guard let file = opened else { return nil }
        self.file = file
        self.chunkBytes = chunkBytes
        self.maximumPendingBytes = maximumPendingBytes ?? 8 * chunkBytes
        self.cutter = cutter
    }

    /// Opens a file for an estimator, cutting where its pre-tokenizer allows.
    public init?(path: String, estimator: any TokenEstimator, chunkBytes: Int = 1 << 20) {
        self.init(path: path, chunkBytes: chunkBytes, cutter: { estimator.safeCut(inUTF8: $0) })
    }

    /// Closes the file.
    public func close() {
        fclose(file)
    }

    /// The next chunk, or nil at the end; throws `NoCutPoint` when there is nowhere to cut within
    /// `maximumPendingBytes`.
    public mutating func next() throws(NoCutPoint) -> String? {
        var buffer = [UInt8](repeating: 0, count: chunkBytes)
        while !finished {
            if pending.count >= chunkBytes, let cut = cutPoint() {
                return take(cut)
            }
            if pending.count >= maximumPendingBytes {
                throw NoCutPoint(offset: returnedBytes, maximumPendingBytes: maximumPendingBytes)
            }
            let count = fread(&buffer, 1, chunkBytes, file)
            if count <= 0 {
                finished = true
                if !carry.isEmpty { pending.append(contentsOf: String(decoding: carry, as: UTF8.self).utf8) }
                break
            }
            byteCount += count
            append(buffer[0 ..< count])
        }
        guard !pending.isEmpty else { return nil }
        return take(pending.count)
    }

    /// Where to cut `pending`: after a line feed (searching what was not searched before), else
    /// where the cutter says once `chunkBytes` more arrived since it was last asked.
    mutating func cutPoint() -> Int? {
        if let cut = Self.safeCut(pending, searchFrom: max(0, searched - 1)) {
            return cut
        }
        searched = pending.count
        guard let cutter, pending.count - askedCutterAt >= chunkBytes else { return nil }
        askedCutterAt = pending.count
        guard let cut = cutter(pending), cut > 0, cut < pending.count else { return nil }
        return cut
    }

    mutating func take(_ cut: Int) -> String {
        let chunk = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        returnedBytes += cut
        searched = 0
        askedCutterAt = 0
        return chunk
    }

    /// Appends read bytes as valid UTF-8, carrying an incomplete sequence at the end to the next read.
    mutating func append(_ bytes: ArraySlice<UInt8>) {
        var block = carry + bytes
        carry = []
        // The last lead byte within three bytes of the end, if its sequence is cut off.
        var index = block.count - 1
        while index >= max(0, block.count - 3) {
            let byte = block[index]
            if byte & 0xC0 == 0xC0 {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if block.count - index < length {
                    carry = Array(block[index...])
                    block.removeLast(block.count - index)
                }
                break
            }
            if byte & 0x80 == 0 { break }
            index -= 1
        }
        if block.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) != nil {
            pending.append(contentsOf: block)
        } else {
            pending.append(contentsOf: String(decoding: block, as: UTF8.self).utf8)
        }
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
