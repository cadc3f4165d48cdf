import Benchmark
import BenchmarkSupport
import Docstrings
import Foundation
import PythonSyntax
import Scoring

/// The Python standard library without its tests and site-packages (the tree `make bench`
/// compares with ruff, pydoclint and interrogate), parsed once.
let standardLibrary: [SourceFile] = {
    let root = standardLibraryRoot()
    let paths = PythonFileWalker(excludes: ["site-packages/", "test/", "tests/", "idle_test/"]).expand([root]).files
    return SourceFileBatch.read(paths: paths)
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                                           timeUnits: .milliseconds, maxDuration: .seconds(20), maxIterations: 10)
    let docstrings = standardLibrary.flatMap { $0.symbols.compactMap(\.docstring) }

    Benchmark("Docstrings: parse every standard-library docstring (\(docstrings.count))") { benchmark in
        for docstring in docstrings {
            blackHole(DocstringParser.parse(docstring))
        }
    }

    Benchmark("Scoring: every rule over the standard library, one core") { benchmark in
        blackHole(Scorer(configuration: ScoringConfiguration()).check(standardLibrary, jobs: 1))
    }

    Benchmark("Scoring: every rule over the standard library, all cores") { benchmark in
        blackHole(Scorer(configuration: ScoringConfiguration()).check(standardLibrary))
    }
}
