import Benchmark
import BenchmarkSupport
import Docstrings
import Foundation
import PythonSyntax
import Reports
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

    // The report writers on that result (the reports issue asks that they add little to `check`).
    let result = Scorer(configuration: ScoringConfiguration()).check(standardLibrary)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docharness-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)

    Benchmark("Reports: JSON file of the standard-library check") { benchmark in
        try CheckJSONReport.write(result, to: scratch.appendingPathComponent("report.json").path)
    }

    Benchmark("Reports: SARIF file of the standard-library check") { benchmark in
        try CheckSARIFReport.write(result, toolVersion: "bench", to: scratch.appendingPathComponent("report.sarif").path)
    }

    Benchmark("Reports: Markdown of the standard-library check") { benchmark in
        blackHole(CheckMarkdownReport().render(result))
    }

    Benchmark("Reports: JUnit XML of the standard-library check, written with libxml2") { benchmark in
        try CheckJUnitReport.write(result, to: scratch.appendingPathComponent("junit.xml").path)
    }

    Benchmark("Reports: all four files, concurrently") { benchmark in
        var files = ReportFiles()
        files.json = scratch.appendingPathComponent("report.json").path
        files.junit = scratch.appendingPathComponent("junit.xml").path
        files.markdown = scratch.appendingPathComponent("summary.md").path
        files.sarif = scratch.appendingPathComponent("report.sarif").path
        blackHole(files.write(result))
    }
}
