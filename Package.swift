// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "DocHarness",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "docharness", targets: ["docharness"]),
        .library(name: "PythonSyntax", targets: ["PythonSyntax"]),
        .library(name: "Docstrings", targets: ["Docstrings"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Tokenization", targets: ["Tokenization"]),
        .library(name: "ChatWire", targets: ["ChatWire"]),
        .library(name: "Replay", targets: ["Replay"]),
        .library(name: "ReplayServer", targets: ["ReplayServer"]),
        .library(name: "Generation", targets: ["Generation"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(name: "PythonSyntax"),
        .target(name: "Docstrings"),
        .target(name: "Scoring", dependencies: ["PythonSyntax", "Docstrings"]),
        .target(name: "Tokenization"),
        .target(name: "ChatWire"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(
            name: "Replay",
            dependencies: ["ChatWire", "Tokenization", "CZlib", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ReplayServer",
            dependencies: [
                "Replay", "ChatWire", "Tokenization",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Generation",
            dependencies: [
                "PythonSyntax", "Docstrings", "Tokenization", "ChatWire", "Replay",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Prompts")]
        ),
        .target(
            name: "Evaluation",
            dependencies: ["Generation", "Scoring", "Replay", "ReplayServer", "Tokenization", "ChatWire", "PythonSyntax", "Docstrings"]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "Reports", dependencies: ["Scoring", "PythonSyntax", "CLibXML2", "Evaluation", "Generation", "Tokenization"]),
        .executableTarget(
            name: "docharness",
            dependencies: [
                "PythonSyntax", "Docstrings", "Scoring", "Reports", "Tokenization",
                "ChatWire", "Replay", "ReplayServer", "Generation", "Evaluation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "DocHarnessTestSupport",
            dependencies: ["PythonSyntax"],
            path: "Tests/DocHarnessTestSupport"
        ),
        .testTarget(
            name: "PythonSyntaxTests",
            dependencies: ["PythonSyntax", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "DocstringsTests",
            dependencies: ["Docstrings"]
        ),
        .testTarget(
            name: "ScoringTests",
            dependencies: ["Scoring", "Docstrings", "PythonSyntax", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "TokenizationTests",
            dependencies: ["Tokenization", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Scoring", "PythonSyntax", "DocHarnessTestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "ChatWireTests",
            dependencies: ["ChatWire", "Replay", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "ReplayTests",
            dependencies: ["Replay", "ChatWire", "Tokenization", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "ReplayServerTests",
            dependencies: [
                "ReplayServer", "Replay", "ChatWire", "Tokenization", "DocHarnessTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            // Read from the source tree by path, not bundled.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GenerationTests",
            dependencies: ["Generation", "ChatWire", "Replay", "ReplayServer", "Tokenization", "PythonSyntax", "Docstrings", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "EvaluationTests",
            dependencies: ["Evaluation", "Generation", "Reports", "Replay", "ReplayServer", "Tokenization", "ChatWire", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "DocHarnessCLITests",
            dependencies: ["DocHarnessTestSupport", "Reports"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
