import Files
import PythonSyntax

/// The generated docstrings of a run, rendered in each target's style and grouped by file, ready
/// to be patched into the files (`generate --apply`, `--diff`) or into copies to score (`eval`).
public struct DocstringEdits: Sendable {
    /// The rendered lines per symbol, by file path.
    public private(set) var byPath: [String: [(symbol: Symbol, value: [String])]] = [:]
    /// The rendered docstring (lines joined) by `DocstringTarget.identifier`.
    public private(set) var docstrings: [String: String] = [:]

    /// Renders the answers of `entries` (the journal entries of `targets`, in the same order).
    public init(targets: [DocstringTarget], entries: [JournalEntry]) {
        for (target, entry) in zip(targets, entries) {
            guard let answer = entry.answer else { continue }
            let value = DocstringRenderer(style: target.style).render(answer, indent: Self.indent(of: target.symbol))
            byPath[target.path, default: []].append((target.symbol, value))
            docstrings[target.identifier] = value.joined(separator: "\n")
        }
    }

    /// The indentation of a docstring in `symbol`'s body, as PEP 8 lays it out: 8 in a method, 4
    /// in a function or class.
    public static func indent(of symbol: Symbol) -> Int {
        symbol.kind == .method ? 8 : 4
    }

    /// `file`'s bytes with its edits applied, or nil when it has none; `bytes` are the bytes the
    /// file was parsed from.
    public func patched(_ file: SourceFile, bytes: [UInt8]) throws(DocstringPatch.Refusal) -> [UInt8]? {
        guard let edits = byPath[file.path] else { return nil }
        return try DocstringPatch.apply(edits, to: bytes, file: file)
    }

    /// Writes the edits back (`generate --apply`) or describes them as unified diffs (`--diff`,
    /// given to `diff`), file by file; returns what could not be done, one message each. A file
    /// is patched only when it still holds what was parsed (it may have been edited during the
    /// run: its line numbers would be stale and the patch would lose code); the edits the file
    /// refuses are reported and the others still applied. A symlinked file is written through its
    /// link; its permissions are kept.
    public func writeBack(_ files: [SourceFile], apply: Bool, diff: (String) -> Void) -> [String] {
        var problems: [String] = []
        for file in files {
            guard let edits = byPath[file.path] else { continue }
            let bytes: [UInt8]
            switch FileBytes.read(path: file.path) {
            case .success(let read): bytes = read
            case .failure(let error):
                problems.append("\(error); its \(edits.count) docstring(s) were not applied")
                continue
            }
            // Decoding is enough to compare with what was parsed (SourceText holds the decoded bytes).
            guard case .success(let decoded) = SourceDecoder.decode(bytes), decoded.bytes == file.text?.bytes else {
                problems.append("\(file.path): changed since it was read (edited during the run?); its \(edits.count) docstring(s) were not applied — run generate again (the journal keeps the answers)")
                continue
            }
            do {
                let (patched, refused) = try DocstringPatch.applyEach(edits, to: bytes, file: file)
                problems += refused.map { "\($0); that docstring was not applied" }
                guard refused.count < edits.count else { continue }
                if apply {
                    try AtomicFile.write(patched, to: file.path, followingLinks: true)
                } else {
                    diff(Self.diff(path: file.path, old: bytes, new: patched))
                }
            } catch {
                problems.append("\(error)")
            }
        }
        return problems
    }

    /// The unified diff `patched` makes to `bytes`, named `a/path` and `b/path`.
    public static func diff(path: String, old: [UInt8], new: [UInt8]) -> String {
        func lines(_ bytes: [UInt8]) -> [String] {
            bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        }
        return UnifiedDiff(old: lines(old), new: lines(new)).rendered(oldName: "a/" + path, newName: "b/" + path, maximumLines: 100_000)
    }
}
