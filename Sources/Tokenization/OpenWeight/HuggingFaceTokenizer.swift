import ChatWire
import Files
import Foundation

/// A Hugging Face `tokenizer.json` (with `tokenizer_config.json` and `chat_template.jinja` beside
/// it, when present), read as `tokenizers` runs it: added tokens split out first (leftmost, longest),
/// the normalizer, the pre-tokenizer's Split regexes (Oniguruma semantics: real Unicode categories)
/// and byte-level split, then the BPE merges.
///
/// Supported: `BPE` models over a `ByteLevel` pre-tokenizer (GPT-2, Llama 3, Qwen, DeepSeek, …),
/// `Split` (Isolated) and `Digits` pre-tokenizers before it, no normalizer or NFC/NFKC. Anything
/// else (WordPiece, Unigram, Metaspace with byte fallback, other normalizers) is refused by name.
enum HuggingFaceTokenizer {
    /// The parts of a tokenizer.json a ``ModelTokenizer`` is built from.
    struct Parts {
        var tokens: [String]
        var merges: [String]
        var preTokenizer: PreTokenizer
        var normalization: ModelTokenizer.Normalization
        var specials: [ModelTokenizer.Special]
        var chatTemplate: String?
        var bosToken: String?
        var eosToken: String?
        var addsBOS: Bool
    }

    /// Reads `path` (a tokenizer.json, or a folder holding one).
    static func read(path: String) throws(ModelTokenizerError) -> Parts {
        var file = path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            file = (path as NSString).appendingPathComponent("tokenizer.json")
        }
        let json = try parse(file)
        guard let model = json["model"], model["type"]?.stringValue == "BPE" else {
            throw .unsupported(path: file, what: "the tokenizer model `\(json["model"]?["type"]?.stringValue ?? "?")` (BPE is supported)")
        }
        guard case .object(let vocabulary)? = model["vocab"] else { throw .malformed(path: file, reason: "model.vocab is not an object of token → id") }
        var byID: [Int: String] = [:]
        for member in vocabulary {
            guard let id = member.value.intValue, id >= 0 else { throw .malformed(path: file, reason: "model.vocab[\(member.key)] is not a token id") }
            byID[id] = member.key
        }
        var specials: [ModelTokenizer.Special] = []
        for (index, added) in (json["added_tokens"]?.arrayValue ?? []).enumerated() {
            guard let id = added["id"]?.intValue, let content = added["content"]?.stringValue, !content.isEmpty else {
                throw .malformed(path: file, reason: "added_tokens[\(index)] has no id or content")
            }
            if added["single_word"]?.boolValue == true {
                throw .unsupported(path: file, what: "the single_word added token \(content)")
            }
            byID[id] = content
            specials.append(ModelTokenizer.Special(bytes: Array(content.utf8), id: id, isControl: added["special"]?.boolValue ?? false,
                                                   stripsLeft: added["lstrip"]?.boolValue ?? false, stripsRight: added["rstrip"]?.boolValue ?? false))
        }
        let size = (byID.keys.max() ?? -1) + 1
        var tokens = [String](repeating: "", count: size)
        for (id, text) in byID { tokens[id] = text }
        var merges: [String] = []
        for (index, merge) in (model["merges"]?.arrayValue ?? []).enumerated() {
            if let line = merge.stringValue {
                merges.append(line)
            } else if let pair = merge.arrayValue, pair.count == 2, let left = pair[0].stringValue, let right = pair[1].stringValue {
                merges.append(left + " " + right)
            } else {
                throw .malformed(path: file, reason: "model.merges[\(index)] is neither \"a b\" nor [\"a\", \"b\"]")
            }
        }
        if model["byte_fallback"]?.boolValue == true || (model["continuing_subword_prefix"]?.stringValue ?? "") != "" || (model["end_of_word_suffix"]?.stringValue ?? "") != "" {
            throw .unsupported(path: file, what: "a BPE model with byte_fallback, continuing_subword_prefix or end_of_word_suffix")
        }
        let preTokenizer = try PreTokenizer(huggingFace: json["pre_tokenizer"] ?? .null, ignoresMerges: model["ignore_merges"]?.boolValue ?? false, path: file)
        let normalization = try normalization(json["normalizer"] ?? .null, path: file)

        var parts = Parts(tokens: tokens, merges: merges, preTokenizer: preTokenizer, normalization: normalization, specials: specials,
                          chatTemplate: nil, bosToken: nil, eosToken: nil, addsBOS: false)
        let folder = (file as NSString).deletingLastPathComponent
        let configPath = (folder as NSString).appendingPathComponent("tokenizer_config.json")
        if FileBytes.exists(path: configPath) {
            let config = try parse(configPath)
            func tokenText(_ value: JSONValue?) -> String? { value?.stringValue ?? value?["content"]?.stringValue }
            parts.bosToken = tokenText(config["bos_token"])
            parts.eosToken = tokenText(config["eos_token"])
            parts.addsBOS = config["add_bos_token"]?.boolValue ?? false
            if let template = config["chat_template"]?.stringValue {
                parts.chatTemplate = template
            } else if let named = config["chat_template"]?.arrayValue {
                parts.chatTemplate = named.first { $0["name"]?.stringValue == "default" }?["template"]?.stringValue ?? named.first?["template"]?.stringValue
            }
        }
        let templatePath = (folder as NSString).appendingPathComponent("chat_template.jinja")
        if case .success(let bytes) = FileBytes.read(path: templatePath) { parts.chatTemplate = String(decoding: bytes, as: UTF8.self) }
        return parts
    }

    static func parse(_ path: String) throws(ModelTokenizerError) -> JSONValue {
        let bytes: [UInt8]
        switch FileBytes.read(path: path) {
        case .success(let read): bytes = read
        case .failure(let error): throw .unreadable(path: path, reason: error.reason)
        }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .malformed(path: path, reason: "not JSON: line \(error.line), column \(error.column): \(error.reason)")
        }
    }

    static func normalization(_ normalizer: JSONValue, path: String) throws(ModelTokenizerError) -> ModelTokenizer.Normalization {
        switch normalizer["type"]?.stringValue {
        case nil: return .none
        case "NFC": return .nfc
        case "NFKC": return .nfkc
        case "Sequence" where (normalizer["normalizers"]?.arrayValue ?? []).isEmpty: return .none
        case "Sequence" where normalizer["normalizers"]?.arrayValue?.count == 1:
            return try normalization(normalizer["normalizers"]!.arrayValue![0], path: path)
        case let other: throw .unsupported(path: path, what: "the normalizer `\(other ?? "?")`")
        }
    }
}

extension PreTokenizer {
    /// A `tokenizer.json` pre-tokenizer: `Split` (Isolated, not inverted) and `Digits` stages,
    /// then `ByteLevel` (its GPT-2 split when `use_regex`, which it is by default).
    init(huggingFace json: JSONValue, ignoresMerges: Bool, path: String) throws(ModelTokenizerError) {
        var stages: [Stage] = []
        var sawByteLevel = false
        let items = json["type"]?.stringValue == "Sequence" ? json["pretokenizers"]?.arrayValue ?? [] : [json]
        for item in items {
            switch item["type"]?.stringValue {
            case "Split":
                guard item["behavior"]?.stringValue == "Isolated", item["invert"]?.boolValue != true else {
                    throw .unsupported(path: path, what: "a Split pre-tokenizer with behavior \(item["behavior"]?.stringValue ?? "?")\(item["invert"]?.boolValue == true ? ", inverted" : "")")
                }
                if let literal = item["pattern"]?["String"]?.stringValue {
                    throw .unsupported(path: path, what: "a Split pre-tokenizer on the string \(literal)")
                }
                guard let pattern = item["pattern"]?["Regex"]?.stringValue else { throw .malformed(path: path, reason: "a Split pre-tokenizer without a pattern") }
                do {
                    stages.append(.regex(try SplitRegex(pattern, dialect: .oniguruma)))
                } catch {
                    throw .unsupported(path: path, what: "the Split regex \(pattern) (\(error.construct))")
                }
            case "Digits":
                guard item["individual_digits"]?.boolValue == true else { throw .unsupported(path: path, what: "a Digits pre-tokenizer without individual_digits") }
                stages.append(.regex(try! SplitRegex("\\p{N}", dialect: .oniguruma)))
            case "ByteLevel":
                guard item["add_prefix_space"]?.boolValue != true else { throw .unsupported(path: path, what: "a ByteLevel pre-tokenizer with add_prefix_space") }
                if item["use_regex"]?.boolValue ?? true { stages.append(.gpt2) }
                sawByteLevel = true
            case let other:
                throw .unsupported(path: path, what: "the pre-tokenizer `\(other ?? "none")`")
            }
        }
        guard sawByteLevel else { throw .unsupported(path: path, what: "a BPE tokenizer without a ByteLevel pre-tokenizer (SentencePiece-style tokenizer.json; use the model's GGUF)") }
        self.init(name: "tokenizer.json", stages: stages, ignoresMerges: ignoresMerges)
    }
}
