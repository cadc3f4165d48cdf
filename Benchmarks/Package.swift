// swift-tools-version: 6.1
// package-benchmark suites for DocHarness, kept in their own package so that `swift build` and
// `swift test` of the main package do not build the benchmark toolchain. Run with `make bench`.
import PackageDescription

let package = Package(
    name: "DocHarnessBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "DocHarness", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "PythonSyntaxBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PythonSyntax", package: "DocHarness"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PythonSyntaxBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ScoringBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PythonSyntax", package: "DocHarness"),
                .product(name: "Docstrings", package: "DocHarness"),
                .product(name: "Scoring", package: "DocHarness"),
                .product(name: "Reports", package: "DocHarness"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ScoringBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TokenizationBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Tokenization", package: "DocHarness"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TokenizationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
