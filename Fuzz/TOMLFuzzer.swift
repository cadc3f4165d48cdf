// Compiled in one module with the TOML parser's two files (see run.sh), so no import.

/// libFuzzer entry point: any bytes as a pyproject.toml or docharness.toml; a crash, a trap, a
/// stack overflow (200,000 nested `[` once) or a hang is a failure.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let table = try? TOMLParser.parse(text) {
        return table.keys.isEmpty ? 0 : 0
    }
    return 0
}
