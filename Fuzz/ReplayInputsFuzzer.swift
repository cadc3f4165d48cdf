// Compiled in one module with the Replay sources (see run.sh), so Replay's types need no import.
import ChatWire

/// libFuzzer entry point for what `docharness serve` reads from disk: the first byte chooses the
/// reader — even: a cassette (DocHarness JSON, VCR JSON or VCR YAML, chosen by its content as
/// `CassetteLoader` does), odd: a fault plan. A clear `CassetteError` is the expected outcome of
/// bad input; a crash, a trap, a stack overflow or a hang is a failure.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReplayInputs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] & 1 == 0 {
        if let cassette = try? CassetteLoader.decode(bytes, file: "fuzz.cassette") {
            // Touch what the replay engine reads of every interaction.
            let matcher = RequestMatcher(ignoredFields: ["metadata", "messages.*.name"])
            for interaction in cassette.interactions {
                _ = matcher.key(for: interaction.request)
            }
        }
    } else {
        _ = try? FaultPlan.parse(bytes, file: "fuzz-faults.json")
    }
    return 0
}
