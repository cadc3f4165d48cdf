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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "PythonSyntax"),
        .target(name: "Docstrings"),
        .target(name: "Scoring", dependencies: ["PythonSyntax", "Docstrings"]),
        .target(name: "Tokenization"),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "Reports", dependencies: ["Scoring", "PythonSyntax", "CLibXML2"]),
        .executableTarget(
            name: "docharness",
            dependencies: [
                "PythonSyntax", "Docstrings", "Scoring", "Reports", "Tokenization",
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
            name: "DocHarnessCLITests",
            dependencies: ["DocHarnessTestSupport", "Reports"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
