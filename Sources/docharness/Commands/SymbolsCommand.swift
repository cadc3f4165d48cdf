import ArgumentParser
import Foundation
import PythonSyntax

/// `docharness symbols`: list every module, class, function and method with its signature,
/// docstring, body facts and complexity.
struct SymbolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symbols",
        abstract: "List the symbols of Python files: signatures, docstrings, raises, yields, complexity.",
        discussion: """
            Directories are walked for *.py files, honouring .gitignore. Files that cannot be read \
            or parsed are reported on stderr as 'path:line:col: CODE message'; the others are still \
            listed, and the exit code is then 3.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Python files or directories to read.")
    var paths: [String] = ["."]

    @Option(help: "Output format: text (one line per symbol) or json.")
    var format: Format = .text

    @Option(name: .customLong("exclude"), help: "Skip paths matching this .gitignore-style pattern (repeatable).")
    var excludes: [String] = []

    @Option(help: "Files to parse at once (default: one per core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 {
            throw ValidationError("--jobs must be at least 1, got \(jobs)")
        }
    }

    func run() throws {
        let walker = PythonFileWalker(excludes: excludes)
        let (paths, problems, _) = walker.expand(self.paths)
        let files = SourceFileBatch.read(paths: paths, jobs: jobs)
        var standardError = StandardError()
        for problem in problems {
            print(problem.diagnostic.formatted(path: problem.path), to: &standardError)
        }
        for file in files {
            for diagnostic in file.diagnostics { print(diagnostic.formatted(path: file.path), to: &standardError) }
        }
        switch format {
        case .json:
            var writer = SymbolListingWriter { chunk in
                chunk.withUnsafeBytes { try? FileHandle.standardOutput.write(contentsOf: Data($0)) }
            }
            for file in files { writer.write(SymbolListing.File(file)) }
            writer.finish()
        case .text:
            var output = ""
            for file in files {
                for symbol in file.symbols {
                    output += SymbolLine(path: file.path, symbol: symbol).text + "\n"
                }
                if output.utf8.count > 1 << 16 {
                    try? FileHandle.standardOutput.write(contentsOf: Data(output.utf8))
                    output = ""
                }
            }
            try? FileHandle.standardOutput.write(contentsOf: Data(output.utf8))
        }
        if !problems.isEmpty || files.contains(where: { !$0.isValid }) {
            throw ExitCode(ExitStatus.unreadableInput)
        }
    }
}

/// One line of `symbols --format text`.
struct SymbolLine {
    var path: String
    var symbol: Symbol

    var text: String {
        var parts = ["\(path):\(symbol.line):", symbol.kind.rawValue, symbol.qualname]
        if symbol.kind == .function || symbol.kind == .method {
            let signature = symbol.parameters.map(\.name).joined(separator: ", ")
            parts[2] += "(\(signature))"
            parts.append("complexity=\(symbol.complexity ?? 0)")
        }
        parts.append(symbol.docstring == nil ? "undocumented" : "documented")
        return parts.joined(separator: " ")
    }
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        try? FileHandle.standardError.write(contentsOf: Data(string.utf8))
    }
}
