import Foundation

/// A temporary folder of files written for one test, removed when the test's body returns.
public enum FixtureTree {
    /// Writes `files` (relative path → bytes) into a new temporary folder and runs `body` with it.
    public static func with<Result>(_ files: [String: [UInt8]], _ body: (URL) throws -> Result) throws -> Result {
        let root = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return try body(root)
    }
}
