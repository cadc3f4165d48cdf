import Benchmark
import BenchmarkSupport
import Foundation
import PythonSyntax

/// The Python standard library of `python3` on this machine (site-packages excluded), read once.
let standardLibrary: [(path: String, bytes: [UInt8])] = {
    let root = standardLibraryRoot()
    let files = PythonFileWalker(excludes: ["site-packages/"]).expand([root]).files
    return files.compactMap { path in
        FileManager.default.contents(atPath: path).map { (path, Array($0)) }
    }
}()

/// Realistic code repeated to `megabytes`, and one line of `megabytes` (a long list literal).
func generated(megabytes: Int, oneLine: Bool) -> [UInt8] {
    let target = megabytes << 20
    if oneLine {
        var line = Array("values = [".utf8)
        var index = 0
        while line.count < target {
            line += Array("\(index), 'item\(index)', ".utf8)
            index += 1
        }
        return line + Array("]\n".utf8)
    }
    let unit = Array("""
        class Repository:
            \"\"\"Store and fetch records.\"\"\"

            def fetch(self, key: str, *, default=None) -> dict | None:
                \"\"\"Return the record for ``key``.

                Args:
                    key: The record key.
                \"\"\"
                for shard in self.shards:
                    if key in shard:
                        return shard[key]
                raise KeyError(f"{key!r} not found in {len(self.shards)} shards")


        """.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(target + unit.count)
    while out.count < target { out += unit }
    return out
}

let benchmarks: @Sendable () -> Void = {
    let totalBytes = standardLibrary.reduce(0) { $0 + $1.bytes.count }
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                           timeUnits: .milliseconds, maxDuration: .seconds(20), maxIterations: 10)

    Benchmark("symbols: Python standard library (\(standardLibrary.count) files, \(totalBytes >> 20) MB), one thread") { benchmark in
        for file in standardLibrary {
            blackHole(SourceFile.parse(bytes: file.bytes, path: file.path).symbols.count)
        }
    }

    Benchmark("tokenize: Python standard library, one thread") { benchmark in
        for file in standardLibrary {
            if case .success(let decoded) = SourceDecoder.decode(file.bytes) {
                blackHole(Tokenizer.tokenize(decoded).tokens.count)
            }
        }
    }

    for megabytes in [10, 20, 50] {
        let bytes = generated(megabytes: megabytes, oneLine: false)
        Benchmark("symbols: generated file, \(megabytes) MB (linear time check)") { benchmark in
            blackHole(SourceFile.parse(bytes: bytes, path: "generated.py").symbols.count)
        }
    }
    for megabytes in [2, 5, 10] {
        let bytes = generated(megabytes: megabytes, oneLine: true)
        Benchmark("symbols: one line of \(megabytes) MB (linear time check)") { benchmark in
            blackHole(SourceFile.parse(bytes: bytes, path: "line.py").symbols.count)
        }
    }
}
