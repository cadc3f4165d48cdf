#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a `.py` file into ``DecodedSource`` the way CPython does (PEP 263, PEP 3120):
/// a UTF-8 byte-order mark, else a `coding` declaration on line 1 or 2, else UTF-8.
///
/// Non-UTF-8 encodings are converted with the C library's `iconv`, so every codec the system
/// knows (latin-1, cp1252, koi8-r, euc-jp, …) is read without tables of our own.
public enum SourceDecoder {
    /// Decodes raw file bytes, or returns the diagnostic CPython's error corresponds to.
    public static func decode(_ raw: [UInt8]) -> Result<DecodedSource, Diagnostic> {
        if let nul = firstIndex(of: 0, in: raw[...]) {
            let (line, column) = position(ofOffset: nul, in: raw)
            return .failure(Diagnostic(
                code: .binaryFile,
                message: "file contains a NUL byte, so it is binary, not Python source; exclude it from the paths given",
                line: line, column: column))
        }
        var body = raw[...]
        let hasBOM = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
        if hasBOM { body = raw[3...] }

        let declaration = codingDeclaration(in: body)
        if hasBOM, let declaration, declaration.normalizedName != "utf-8" {
            return .failure(Diagnostic(
                code: .decodingError,
                message: "encoding problem: the file starts with a UTF-8 byte-order mark but declares '\(declaration.name)'; declare 'utf-8' or remove the declaration",
                line: declaration.line, column: 1))
        }
        let encodingName = declaration?.normalizedName ?? "utf-8"

        let utf8: [UInt8]
        if isUTF8(encodingName) {
            if let error = UTF8Validator.firstError(in: body) {
                let (line, column) = position(ofOffset: error.offset - body.startIndex, in: Array(body))
                let byte = String(body[error.offset], radix: 16)
                let fix = declaration == nil
                    ? "declare the file's encoding with a '# -*- coding: NAME -*-' comment on line 1 or 2, or save it as UTF-8"
                    : "save the file as UTF-8 or fix the coding declaration"
                return .failure(Diagnostic(
                    code: .decodingError,
                    message: "'utf-8' codec can't decode byte 0x\(byte): \(error.reason); \(fix)",
                    line: line, column: column))
            }
            utf8 = Array(body)
        } else if isASCII(encodingName) {
            if let bad = body.firstIndex(where: { $0 >= 0x80 }) {
                let (line, column) = position(ofOffset: bad - body.startIndex, in: Array(body))
                return .failure(Diagnostic(
                    code: .decodingError,
                    message: "'ascii' codec can't decode byte 0x\(String(body[bad], radix: 16)): ordinal not in range(128); declare the real encoding",
                    line: line, column: column))
            }
            utf8 = Array(body)
        } else {
            switch IconvConverter.convertToUTF8(Array(body), from: encodingName) {
            case .success(let converted):
                utf8 = converted
            case .failure(.unknownEncoding):
                return .failure(Diagnostic(
                    code: .decodingError,
                    message: "unknown encoding: \(declaration?.name ?? encodingName); fix the coding declaration (for example '# -*- coding: utf-8 -*-')",
                    line: declaration?.line ?? 1, column: 1))
            case .failure(.invalidInput(let offset)):
                let (line, column) = position(ofOffset: offset, in: Array(body))
                return .failure(Diagnostic(
                    code: .decodingError,
                    message: "'\(encodingName)' codec can't decode the bytes here; save the file in the declared encoding or fix the declaration",
                    line: line, column: column))
            }
        }
        return .success(DecodedSource(
            bytes: normalizingNewlines(utf8),
            encoding: encodingName,
            hadByteOrderMark: hasBOM))
    }

    /// Replaces `\r\n` and lone `\r` with `\n`, as CPython's tokenizer does.
    public static func normalizingNewlines(_ bytes: [UInt8]) -> [UInt8] {
        guard firstIndex(of: UInt8(ascii: "\r"), in: bytes[...]) != nil else { return bytes }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// The first index of `byte`, found by `memchr` (a whole file is searched twice per read).
    static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    /// A `coding` declaration found on line 1 or 2.
    struct CodingDeclaration {
        var name: String
        var normalizedName: String
        var line: Int
    }

    /// Finds the PEP 263 declaration the way `tokenize.detect_encoding` does: line 1, and line 2
    /// only when line 1 is blank or a comment.
    static func codingDeclaration(in body: ArraySlice<UInt8>) -> CodingDeclaration? {
        var lineStart = body.startIndex
        for lineNumber in 1...2 {
            guard lineStart < body.endIndex else { return nil }
            var lineEnd = lineStart
            while lineEnd < body.endIndex, body[lineEnd] != UInt8(ascii: "\n"), body[lineEnd] != UInt8(ascii: "\r") {
                lineEnd += 1
            }
            let line = body[lineStart..<lineEnd]
            if let name = cookie(in: line) {
                return CodingDeclaration(name: name, normalizedName: normalName(name), line: lineNumber)
            }
            if !isBlankOrComment(line) { return nil }
            lineStart = lineEnd
            if lineStart < body.endIndex, body[lineStart] == UInt8(ascii: "\r") { lineStart += 1 }
            if lineStart < body.endIndex, body[lineStart] == UInt8(ascii: "\n") { lineStart += 1 }
        }
        return nil
    }

    /// Matches `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
    static func cookie(in line: ArraySlice<UInt8>) -> String? {
        var index = line.startIndex
        while index < line.endIndex, [0x20, 0x09, 0x0C].contains(line[index]) { index += 1 }
        guard index < line.endIndex, line[index] == UInt8(ascii: "#") else { return nil }
        let coding = Array("coding".utf8)
        var search = index + 1
        while search + coding.count < line.endIndex {
            if Array(line[search..<search + coding.count]) == coding {
                var value = search + coding.count
                let separator = line[value]
                if separator == UInt8(ascii: ":") || separator == UInt8(ascii: "=") {
                    value += 1
                    while value < line.endIndex, line[value] == 0x20 || line[value] == 0x09 { value += 1 }
                    var end = value
                    while end < line.endIndex, isCookieNameByte(line[end]) { end += 1 }
                    if end > value { return String(decoding: line[value..<end], as: UTF8.self) }
                }
            }
            search += 1
        }
        return nil
    }

    private static func isCookieNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private static func isBlankOrComment(_ line: ArraySlice<UInt8>) -> Bool {
        for byte in line {
            if byte == 0x20 || byte == 0x09 || byte == 0x0C { continue }
            return byte == UInt8(ascii: "#")
        }
        return true
    }

    /// `tokenize`'s `_get_normal_name`.
    static func normalName(_ name: String) -> String {
        let prefix = String(name.prefix(12)).lowercased().replacingUnderscores()
        if prefix == "utf-8" || prefix.hasPrefix("utf-8-") { return "utf-8" }
        for latin in ["latin-1", "iso-8859-1", "iso-latin-1"] where prefix == latin || prefix.hasPrefix(latin + "-") {
            return "iso-8859-1"
        }
        return name
    }

    private static func isUTF8(_ name: String) -> Bool {
        ["utf-8", "utf8", "u8", "utf", "cp65001"].contains(name.lowercased().replacingUnderscores())
    }

    private static func isASCII(_ name: String) -> Bool {
        ["ascii", "us-ascii", "646", "us"].contains(name.lowercased().replacingUnderscores())
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    static func position(ofOffset offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        while index < offset, index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" || $0 == " " ? "-" : $0 })
    }
}
