import ArgumentParser
import Foundation
import Tokenization

/// `docharness tokens`: a `wc` for tokens.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Count the tokens of files, exactly (bpe, identical to tiktoken) or with an estimator.",
        discussion: """
            Files are read in chunks of about 1 MiB cut where the encodings split anyway (after a line, \
            else between the encoding's pre-tokens), so a large file is counted exactly in bounded memory; \
            a file with no such place within 8 MiB (one pre-token that long) is reported, not counted. Estimators: \(EstimatorCatalog.names.joined(separator: ", ")) \
            (`docharness tokens --list-estimators` describes them). Vocabularies come from \
            `docharness encodings install`.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Files to count; - reads standard input.")
    var files: [String] = []

    @Option(help: "Encoding: cl100k_base or o200k_base (default: o200k_base, or the --model's).")
    var encoding: String?

    @Option(help: "Model whose encoding to use (gpt-4o, gpt-35-turbo, ft:gpt-4o-mini:…).")
    var model: String?

    @Option(help: "Estimator (default: bpe, the exact count).")
    var estimator = ExactBPE.name

    @Option(help: ArgumentHelp("An open-weight model's tokenizer: a GGUF file (count exactly as llama.cpp does), a Hugging Face tokenizer.json (or its folder), or phi4 / gpt-oss (their OpenAI vocabularies under their own special tokens).", valueName: "file.gguf|name"))
    var tokenizer: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .customLong("list-estimators"), help: "List the estimators and exit.")
    var listEstimators = false

    func validate() throws {
        if encoding != nil, model != nil { throw ValidationError("give --encoding or --model, not both") }
        if let encoding, EncodingName(rawValue: encoding) == nil {
            throw ValidationError("unknown encoding '\(encoding)'; known: \(EncodingName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let model, ModelEncodings.encoding(forModel: model) == nil {
            throw ValidationError("unknown model '\(model)'; name an --encoding instead")
        }
        if !EstimatorCatalog.names.contains(estimator) {
            throw ValidationError("unknown estimator '\(estimator)'; known: \(EstimatorCatalog.names.joined(separator: ", "))")
        }
        if tokenizer != nil, estimator != ExactBPE.name || encoding != nil || model != nil {
            throw ValidationError("--tokenizer counts with the model's own vocabulary; leave out --estimator, --encoding and --model")
        }
        if files.isEmpty && !listEstimators { throw ValidationError("name at least one file") }
    }

    func run() throws {
        if listEstimators {
            for name in EstimatorCatalog.names { print("\(name)\t\(EstimatorCatalog.summaries[name]!)") }
            return
        }
        var standardError = StandardError()
        let name = encoding.flatMap(EncodingName.init(rawValue:)) ?? model.flatMap(ModelEncodings.encoding(forModel:)) ?? .o200kBase
        var bpe: BPEEncoding?
        var modelTokens: ModelTokens?
        if let tokenizer {
            do {
                modelTokens = ModelTokens(tokenizer: try ModelTokenizer.load(argument: tokenizer, store: VocabularyStore(environment: ProcessInfo.processInfo.environment)))
            } catch {
                print("error: \(error)", to: &standardError)
                throw ExitCode(ExitStatus.unreadableInput)
            }
        } else if EstimatorCatalog.needsEncoding(estimator) {
            do {
                bpe = try BPEEncoding.load(name, from: VocabularyStore(environment: ProcessInfo.processInfo.environment))
            } catch {
                print("error: \(error)", to: &standardError)
                throw ExitCode(ExitStatus.unreadableInput)
            }
        }
        let counter: any TokenEstimator = modelTokens ?? EstimatorCatalog.estimator(named: estimator, encoding: bpe)!
        var rows: [(path: String, tokens: Int, bytes: Int)] = []
        var unreadable = false
        for path in files {
            if let sampled = counter as? SampledEstimator {
                guard let (samples, size) = TextChunks.samples(path: path, bytes: SampledEstimator.sampleBytes) else {
                    print("\(path):0:0: DH004 cannot read the file", to: &standardError)
                    unreadable = true
                    continue
                }
                rows.append((path, sampled.estimate(samples: samples, totalBytes: size), size))
                continue
            }
            guard var chunks = TextChunks(path: path, estimator: counter) else {
                print("\(path):0:0: DH004 cannot read the file", to: &standardError)
                unreadable = true
                continue
            }
            defer { chunks.close() }
            var tokens = 0
            do {
                while let chunk = try chunks.next() { tokens += counter.estimate(chunk) }
            } catch {
                print("\(path):0:0: DH004 \(error)", to: &standardError)
                unreadable = true
                continue
            }
            rows.append((path, tokens, chunks.byteCount))
        }
        let totalTokens = rows.reduce(0) { $0 + $1.tokens }
        let totalBytes = rows.reduce(0) { $0 + $1.bytes }
        switch format {
        case .text:
            let width = max(8, String(totalTokens).count)
            for row in rows { print(String(repeating: " ", count: max(0, width - String(row.tokens).count)) + "\(row.tokens) \(row.path)") }
            if rows.count > 1 { print(String(repeating: " ", count: max(0, width - String(totalTokens).count)) + "\(totalTokens) total") }
        case .json:
            struct Row: Encodable { let path: String; let tokens: Int; let bytes: Int }
            struct Report: Encodable {
                let encoding: String
                let estimator: String
                let files: [Row]
                let totalTokens: Int
                let totalBytes: Int
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let report = Report(encoding: tokenizer ?? name.rawValue, estimator: modelTokens == nil ? estimator : ModelTokens.name, files: rows.map { Row(path: $0.path, tokens: $0.tokens, bytes: $0.bytes) },
                                totalTokens: totalTokens, totalBytes: totalBytes)
            let encoded = try encoder.encode(report) + Data("\n".utf8)
            try? FileHandle.standardOutput.write(contentsOf: encoded)
        }
        if unreadable { throw ExitCode(ExitStatus.unreadableInput) }
    }
}
