import Foundation

/// Locations and tools the test targets share: the package root, the built `docharness`
/// binary, the oracle virtualenv's Python, temporary folders.
public enum TestEnvironment {
    /// The package's root folder.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The folder holding the built products (`.build/debug`), found from the test runner.
    public static let productsDirectory: URL = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("docharness").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }()

    /// The `docharness` executable under test.
    public static var docharness: URL { productsDirectory.appendingPathComponent("docharness") }

    /// The oracle virtualenv's Python (`$DOCHARNESS_ORACLE_PYTHON`, else `.venv/bin/python`), or nil.
    public static var oraclePython: URL? {
        let path = ProcessInfo.processInfo.environment["DOCHARNESS_ORACLE_PYTHON"]
            ?? packageRoot.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    /// The SDK virtualenv's Python (`$DOCHARNESS_SDK_PYTHON`, else `.cache/sdk-venv/bin/python`):
    /// the official `openai` and `anthropic` SDKs and pytest, apart from the oracle venv because
    /// anthropic's `docstring-parser` replaces the module pydoclint's fork installs. Nil when missing.
    public static var sdkPython: URL? {
        let path = ProcessInfo.processInfo.environment["DOCHARNESS_SDK_PYTHON"]
            ?? packageRoot.appendingPathComponent(".cache/sdk-venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    /// Whether a missing oracle must fail the run (`make test` sets `DOCHARNESS_REQUIRE_ORACLES=1`).
    public static var oraclesRequired: Bool {
        ProcessInfo.processInfo.environment["DOCHARNESS_REQUIRE_ORACLES"] == "1"
    }

    /// The real recorded traffic beside the repository (`$DOCHARNESS_SHARED/data/cassettes`, else
    /// `../shared/data/cassettes`), or nil when it is not there.
    public static var sharedCassettes: URL? {
        let shared = ProcessInfo.processInfo.environment["DOCHARNESS_SHARED"]
            .map { URL(fileURLWithPath: $0) } ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let cassettes = shared.appendingPathComponent("data/cassettes")
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: cassettes.path, isDirectory: &isDirectory) && isDirectory.boolValue ? cassettes : nil
    }

    /// A new empty temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("docharness-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
