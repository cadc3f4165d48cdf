// Compiled in one module with the PythonSyntax sources (see run.sh), so no import.

/// libFuzzer entry point: any bytes go through decoding, tokenizing, structure and symbol
/// extraction; a crash, a trap or a hang (libFuzzer's -timeout) is a failure.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPythonSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = SourceFile.parse(bytes: bytes, path: "<fuzz>")
    // Touch every symbol so that lazily computed text is produced too.
    var total = 0
    for symbol in file.symbols {
        total &+= symbol.qualname.utf8.count &+ (symbol.docstring?.utf8.count ?? 0) &+ symbol.parameters.count
    }
    return total == -1 ? 1 : 0
}
