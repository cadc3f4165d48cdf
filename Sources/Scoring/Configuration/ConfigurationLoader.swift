#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Docstrings
import PythonSyntax
import Files

/// Finds and reads `[tool.docharness]` in `pyproject.toml` or `docharness.toml`.
///
/// Every key is checked: an unknown key, a value of the wrong type, or an unknown rule code is an
/// error naming the file, the line and what to write instead.
public enum ConfigurationLoader {
    /// The configuration that applies in `directory`: the nearest `docharness.toml`, or
    /// `pyproject.toml` with a `[tool.docharness]` table, searching upward; the defaults when none.
    public static func discover(from directory: String, knownCodes: Set<String>) throws(ConfigurationError) -> (ScoringConfiguration, String?) {
        var current = absolute(directory)
        while true {
            let dedicated = join(current, "docharness.toml")
            if let text = try readText(dedicated) {
                return (try load(text: text, path: dedicated, isPyproject: false, knownCodes: knownCodes).value, dedicated)
            }
            let pyproject = join(current, "pyproject.toml")
            if let text = try readText(pyproject), text.contains("tool.docharness") || text.contains("[tool]") {
                let configuration = try load(text: text, path: pyproject, isPyproject: true, knownCodes: knownCodes)
                if configuration.found { return (configuration.value, pyproject) }
            }
            guard let slash = current.lastIndex(of: "/"), current != "/" else { break }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
        return (ScoringConfiguration(), nil)
    }

    /// Reads an explicitly named configuration file.
    public static func load(path: String, knownCodes: Set<String>) throws(ConfigurationError) -> ScoringConfiguration {
        guard let text = try readText(path) else {
            throw ConfigurationError(path: path, line: nil, message: "cannot read the configuration file; check the path given to --config")
        }
        let isPyproject = path.hasSuffix("pyproject.toml")
        let result = try load(text: text, path: path, isPyproject: isPyproject, knownCodes: knownCodes)
        if isPyproject && !result.found {
            throw ConfigurationError(path: path, line: nil, message: "has no [tool.docharness] table; add one or point --config at a docharness.toml")
        }
        return result.value
    }

    /// Parses configuration text. `found` is false when a pyproject has no `[tool.docharness]`.
    static func load(text: String, path: String, isPyproject: Bool, knownCodes: Set<String>) throws(ConfigurationError) -> (value: ScoringConfiguration, found: Bool) {
        let document: TOMLTable
        do {
            document = try TOMLParser.parse(text)
        } catch {
            throw ConfigurationError(path: path, line: error.line, message: "column \(error.column): \(error.message)")
        }
        var table = document
        // `[[tool.docharness]]` or `[tool] docharness = 5` were ignored in silence (issue 23).
        if let tool = document["tool"] {
            guard case .table(let toolTable) = tool.value else {
                throw ConfigurationError(path: path, line: tool.line, message: "`tool` must be a table ([tool.docharness] holds DocHarness's settings)")
            }
            if let own = toolTable["docharness"] {
                guard case .table = own.value else {
                    throw ConfigurationError(path: path, line: own.line, message: "`tool.docharness` must be a table: write [tool.docharness] (not [[tool.docharness]] or a value)")
                }
            }
        }
        if isPyproject {
            guard case .table(let tool)? = document["tool"]?.value, case .table(let own)? = tool["docharness"]?.value else {
                return (ScoringConfiguration(), false)
            }
            table = own
        } else if case .table(let tool)? = document["tool"]?.value, case .table(let own)? = tool["docharness"]?.value {
            table = own
        }
        var configuration = ScoringConfiguration()
        configuration.root = directoryName(absolute(path))
        var reader = ConfigurationReader(path: path, knownCodes: knownCodes)
        try reader.read(table, into: &configuration)
        return (configuration, true)
    }

    // MARK: - Files

    /// The file's text; nil when there is no such file. A file that is there but cannot be read
    /// (a FIFO, a device, no permission) is an error naming it, not a missing configuration.
    static func readText(_ path: String) throws(ConfigurationError) -> String? {
        switch FileBytes.read(path: path) {
        case .success(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .failure(let error) where error.isMissing: return nil
        case .failure(let error): throw ConfigurationError(path: path, line: nil, message: "cannot be read: \(error.reason)")
        }
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return normalized(path) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return normalized(path == "." ? cwd : cwd + "/" + path)
    }

    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        // Split on the bytes: a path is split thousands of times a run, and `/` is ASCII.
        for bytes in path.utf8.split(separator: UInt8(ascii: "/")) {
            let part = Substring(bytes)
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
