import Benchmark
import BenchmarkSupport
import Foundation
import Tokenization

/// The standard library's sources joined: about 30 MB of real code and docstrings.
let corpus: String = {
    let root = standardLibraryRoot()
    var text = ""
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".py") && !$0.contains("site-packages") }.sorted()
    for file in files {
        if let contents = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) { text += contents }
    }
    return text
}()

let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                           timeUnits: .milliseconds, maxDuration: .seconds(20), maxIterations: 10)
    for name in EncodingName.allCases {
        Benchmark("Tokenization: load and verify \(name.rawValue)") { benchmark in
            blackHole(try BPEEncoding.load(name, from: store))
        }
        guard let encoding = try? BPEEncoding.load(name, from: store) else { continue }
        Benchmark("Tokenization: count the standard library (\(corpus.utf8.count / 1_000_000) MB) with \(name.rawValue), one thread") { benchmark in
            blackHole(encoding.count(corpus))
        }
        Benchmark("Tokenization: 1 MB of one letter with \(name.rawValue) (heap merge)") { benchmark in
            blackHole(encoding.count(String(repeating: "a", count: 1 << 20)))
        }
    }
}
