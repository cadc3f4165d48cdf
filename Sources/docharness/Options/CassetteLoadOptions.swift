import ArgumentParser
import Replay

/// How `serve` and `bench estimators` read cassette folders: files that hold no HTTP
/// interactions (a Java fixture, a gRPC or websocket recording) are skipped with a one-line
/// warning each, unless `--strict-load` makes any of them an error; a cassette that is broken is
/// always an error.
struct CassetteLoadOptions: ParsableArguments {
    @Flag(name: .customLong("strict-load"), help: "Fail on any file in a cassette folder that is not an HTTP cassette, instead of skipping it with a warning.")
    var strict = false

    /// The cassettes under `paths`; skipped files are listed on standard error as `FILE:LINE:
    /// skipped: reason`, then counted.
    func load(_ paths: [String], command: String) throws(CassetteError) -> [Cassette] {
        let loaded = try CassetteLoader.load(paths: paths, strict: strict)
        var standardError = StandardError()
        for skipped in loaded.skipped {
            print((skipped.line.map { "\(skipped.file):\($0): " } ?? "\(skipped.file): ") + "skipped: " + skipped.reason, to: &standardError)
        }
        if !loaded.skipped.isEmpty {
            let files = loaded.skipped.count == 1 ? "1 file that holds" : "\(loaded.skipped.count) files that hold"
            print("\(command): skipped \(files) no HTTP cassette (--strict-load makes that an error)", to: &standardError)
        }
        return loaded.cassettes
    }
}
