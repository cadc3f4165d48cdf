// swift-tools-version: 6.1
import PackageDescription

/// The pure computing modules (parsing, scoring, tokenizing, templates) are optimized in debug
/// builds too: the tests run them over the standard library and megabytes of text, which takes
/// several times longer unoptimized. After changing a stored property of a type in one of them,
/// an incremental debug build can leave a dependent module compiled against the old layout (seen
/// as a crash in an "outlined destroy" in the tests): delete `.build/<triple>/debug/<Module>.build`
/// of that module and of its dependents, and build again.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "DocHarness",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "docharness", targets: ["docharness"]),
        .library(name: "Files", targets: ["Files"]),
        .library(name: "SeededRandom", targets: ["SeededRandom"]),
        .library(name: "RateLimits", targets: ["RateLimits"]),
        .library(name: "PythonSyntax", targets: ["PythonSyntax"]),
        .library(name: "Docstrings", targets: ["Docstrings"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Jinja", targets: ["Jinja"]),
        .library(name: "Tokenization", targets: ["Tokenization"]),
        .library(name: "ChatWire", targets: ["ChatWire"]),
        .library(name: "Replay", targets: ["Replay"]),
        .library(name: "ReplayServer", targets: ["ReplayServer"]),
        .library(name: "LLMClient", targets: ["LLMClient"]),
        .library(name: "Generation", targets: ["Generation"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "History", targets: ["History"]),
        .library(name: "HistoryViewer", targets: ["HistoryViewer"]),
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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.36.0"),
    ],
    targets: [
        // Each first-party target's comment is its line in docs/architecture.md's module map
        // (ArchitectureTests regenerates and checks it).

        // Writing bytes out safely and fast: atomic files, file-descriptor output, in-order
        // parallel production, byte scans, base64, unified diffs, and running another program with
        // its output in files.
        .target(name: "Files"),
        // A small seeded random generator (SplitMix64) for repeatable faults and retry jitter.
        .target(name: "SeededRandom"),
        // Rate limits as OpenAI and Azure apply them: continuously refilling token buckets.
        .target(name: "RateLimits"),
        // Python source: decoding (PEP 263), tokens, statements, symbols, McCabe complexity.
        .target(name: "PythonSyntax", dependencies: ["Files"], swiftSettings: optimizedInDebug),
        // Docstring parsing and building: Google, NumPy and reST sections.
        .target(name: "Docstrings", swiftSettings: optimizedInDebug),
        // The rules, scores, configuration, baseline, suppressions and changed lines of `check`, and the fixes of `check --fix`.
        .target(name: "Scoring", dependencies: ["Files", "PythonSyntax", "Docstrings"], swiftSettings: optimizedInDebug),
        // Wire types: OpenAI chat completions (requests, completions, chunks, errors), the Responses and Messages API requests in their chat form, each API's stream conversion, and a JSON parser and writer.
        .target(name: "ChatWire"),
        // The Jinja2 subset chat templates use, rendering byte-identical to Python's jinja2.
        .target(name: "Jinja", swiftSettings: optimizedInDebug),
        // BPE vocabularies and encodings (OpenAI's and open-weight models' GGUF tokenizers), the
        // token estimators, and chat-request counting (OpenAI's framing and chat templates).
        .target(name: "Tokenization", dependencies: ["Files", "ChatWire", "Jinja"], swiftSettings: optimizedInDebug),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Cassettes (docharness JSON and VCR YAML), request matching, fault plans, the replay engine.
        .target(
            name: "Replay",
            dependencies: ["Files", "SeededRandom", "RateLimits", "ChatWire", "CZlib", .product(name: "Yams", package: "Yams")]
        ),
        // `docharness serve`: the replay engine behind Hummingbird, with record mode upstream.
        .target(
            name: "ReplayServer",
            dependencies: [
                "Replay", "ChatWire", "Tokenization",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Talking to a model server: endpoints, HTTP transport (and plain downloads), rate limiter, retry policy,
        // clocks, streamed-answer assembly.
        .target(
            name: "LLMClient",
            dependencies: [
                "ChatWire", "SeededRandom", "RateLimits",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Docstring generation: selection, prompt template, safe-zone budget, journal,
        // structured answers, rendering and patching into files.
        .target(
            name: "Generation",
            dependencies: ["Files", "PythonSyntax", "Docstrings", "Scoring", "Tokenization", "ChatWire", "LLMClient"],
            resources: [.copy("Prompts")]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The reports of `check`: text, JSON, SARIF, Markdown, JUnit XML (libxml2), annotations.
        .target(name: "Reports", dependencies: ["Files", "Scoring", "ChatWire", "CLibXML2"]),
        // Run history: run records, the stores they are kept in (SQLite through GRDB, PostgreSQL
        // through postgres-nio), and run-to-run comparison with its reports.
        .target(
            name: "History",
            dependencies: [
                "Files", "Scoring", "Reports", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `docharness view`: the history as web pages (runs and trends, a run's symbols, a symbol's
        // docstring diff, two runs side by side; inline SVG charts) on Hummingbird, or as one file.
        .target(
            name: "HistoryViewer",
            dependencies: [
                "History", "Scoring",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `eval`: generation through the in-process replay server, rescoring, the estimator
        // benchmark, safe-zone compliance, and the eval reports.
        .target(
            name: "Evaluation",
            dependencies: [
                "Files", "Generation", "LLMClient", "Scoring", "Reports", "Replay", "ReplayServer", "Tokenization", "ChatWire", "PythonSyntax",
                "Docstrings", "History",
            ]
        ),
        // The command-line tool: argument declarations and a short `run` per command.
        .executableTarget(
            name: "docharness",
            dependencies: [
                "PythonSyntax", "Docstrings", "Scoring", "Reports", "Tokenization", "Jinja",
                "Files", "ChatWire", "Replay", "ReplayServer", "LLMClient", "Generation", "Evaluation", "History", "HistoryViewer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildStamp"]
        ),
        // Stamps the `docharness` binary with the commit it is built from, for `--version`.
        .plugin(name: "BuildStamp", capability: .buildTool()),
        .target(
            name: "DocHarnessTestSupport",
            dependencies: ["Files", "PythonSyntax", "Tokenization", "Replay", "ReplayServer"],
            path: "Tests/DocHarnessTestSupport"
        ),
        .testTarget(
            name: "ArchitectureTests",
            dependencies: ["DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "RateLimitsTests",
            dependencies: ["RateLimits"]
        ),
        .testTarget(
            name: "FilesTests",
            dependencies: ["Files"]
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
            name: "JinjaTests",
            dependencies: ["Jinja", "ChatWire", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "TokenizationTests",
            dependencies: ["Tokenization", "Jinja", "ChatWire", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Scoring", "PythonSyntax", "Files", "DocHarnessTestSupport"],
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
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // Read from the source tree by path, not bundled.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LLMClientTests",
            dependencies: ["LLMClient", "ChatWire"]
        ),
        .testTarget(
            name: "GenerationTests",
            dependencies: ["Generation", "ChatWire", "Replay", "ReplayServer", "Tokenization", "PythonSyntax", "Docstrings", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "EvaluationTests",
            dependencies: ["Evaluation", "Generation", "LLMClient", "Reports", "Replay", "ReplayServer", "Tokenization", "ChatWire", "PythonSyntax", "DocHarnessTestSupport"]
        ),
        .testTarget(
            name: "HistoryTests",
            dependencies: ["History", "HistoryViewer", "Scoring", "DocHarnessTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DocHarnessCLITests",
            dependencies: ["DocHarnessTestSupport", "Files", "Reports", "PythonSyntax", "Tokenization"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
