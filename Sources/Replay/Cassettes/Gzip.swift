import CZlib

/// gzip and zlib decompression, for the compressed bodies recorders keep.
enum Gzip {
    /// Whether bytes start with the gzip magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Whether bytes start with a zlib header (RFC 1950: compression method 8, check bits).
    static func isZlib(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] & 0x0F == 8 && (Int(bytes[0]) << 8 | Int(bytes[1])) % 31 == 0
    }

    /// The body a recorder kept, inflated when it is compressed. The bytes decide, not the
    /// recorded `Content-Encoding` alone: recorders (dd-trace-js, some VCR.py set-ups) store the
    /// decoded body beside the server's `Content-Encoding: gzip`, and raw-inflating that JSON
    /// "succeeds" with one byte of garbage. gzip needs its magic number, zlib its header; raw
    /// deflate is tried only when the header says `deflate` and the bytes are not UTF-8 text.
    static func decodedBody(_ bytes: [UInt8], contentEncoding: String) -> [UInt8] {
        let encoding = contentEncoding.lowercased()
        let declared = encoding.contains("gzip") || encoding.contains("deflate")
        if isGzip(bytes) || (declared && isZlib(bytes)) {
            return decompress(bytes) ?? bytes
        }
        if encoding.contains("deflate"), String(validating: bytes, as: UTF8.self) == nil {
            return decompress(bytes, raw: true) ?? bytes
        }
        return bytes
    }

    /// Inflates gzip (or zlib, or raw deflate when `raw`) data; nil when it is not valid.
    static func decompress(_ input: [UInt8], raw: Bool = false) -> [UInt8]? {
        guard !input.isEmpty else { return [] }
        var stream = z_stream()
        // 15 + 32: detect gzip or zlib headers automatically; -15: raw deflate.
        let windowBits: Int32 = raw ? -15 : 15 + 32
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            var result: Int32 = Z_OK
            while result == Z_OK {
                result = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkBuffer.count)
                    let code = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: chunkBuffer[0..<(chunkBuffer.count - Int(stream.avail_out))])
                    return code
                }
                if result == Z_OK, stream.avail_in == 0, stream.avail_out != 0 { break }
            }
            return result
        }
        return status == Z_STREAM_END || status == Z_OK ? output : nil
    }
}
