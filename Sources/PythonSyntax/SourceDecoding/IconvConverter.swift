#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes in a legacy encoding to UTF-8 with the C library's `iconv`.
enum IconvConverter {
    enum Failure: Error {
        /// Neither the name nor its iconv spelling is an encoding the system knows.
        case unknownEncoding
        /// The bytes are not valid in the encoding; the offset of the first bad byte.
        case invalidInput(offset: Int)
    }

    /// Candidate iconv names for a Python codec name (`latin_1` → `LATIN1`, `iso8859_15` → `ISO-8859-15`).
    static func iconvNames(for pythonName: String) -> [String] {
        let lowered = pythonName.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 }
        let name = String(lowered)
        var candidates = [name.uppercased()]
        if name.hasPrefix("iso8859-") {
            candidates.append("ISO-8859-" + name.dropFirst("iso8859-".count))
        }
        if name.hasPrefix("latin-") { candidates.append("LATIN" + name.dropFirst("latin-".count)) }
        if name == "latin" || name == "l1" { candidates.append("LATIN1") }
        if name.hasPrefix("cp") || name.hasPrefix("windows-") {
            candidates.append("CP" + name.drop { !$0.isNumber })
        }
        candidates.append(String(name.filter { $0 != "-" }).uppercased())
        return candidates
    }

    static func convertToUTF8(_ input: [UInt8], from pythonName: String) -> Result<[UInt8], Failure> {
        convert(input, pythonName: pythonName, toUTF8: true)
    }

    /// UTF-8 bytes in the encoding a Python codec name stands for.
    static func convertFromUTF8(_ input: [UInt8], to pythonName: String) -> Result<[UInt8], Failure> {
        convert(input, pythonName: pythonName, toUTF8: false)
    }

    private static func convert(_ input: [UInt8], pythonName: String, toUTF8: Bool) -> Result<[UInt8], Failure> {
        #if canImport(Glibc) || canImport(Darwin)
        let invalid = iconv_t(bitPattern: -1)
        var descriptor: iconv_t? = nil
        for candidate in iconvNames(for: pythonName) {
            let opened = toUTF8 ? iconv_open("UTF-8", candidate) : iconv_open(candidate, "UTF-8")
            if opened != invalid {
                descriptor = opened
                break
            }
        }
        guard let descriptor else { return .failure(.unknownEncoding) }
        defer { iconv_close(descriptor) }

        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var inputCopy = input.map { CChar(bitPattern: $0) }
        let result: Result<Int, Failure> = inputCopy.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                if status == -1 || inLeft != 0 {
                    return .failure(.invalidInput(offset: inBuffer.count - inLeft))
                }
                return .success(outBuffer.count - outLeft)
            }
        }
        switch result {
        case .success(let written): return .success(Array(output[0..<written]))
        case .failure(let failure): return .failure(failure)
        }
        #else
        return .failure(.unknownEncoding)
        #endif
    }
}

/// Encodes text for a Python source file in a legacy encoding.
public enum SourceEncoder {
    /// `utf8` converted to the encoding a Python codec name stands for (`latin-1`, `cp1252`…);
    /// nil when the system does not know the encoding or a character has no place in it.
    public static func encode(_ utf8: [UInt8], as pythonName: String) -> [UInt8]? {
        try? IconvConverter.convertFromUTF8(utf8, to: pythonName).get()
    }
}
