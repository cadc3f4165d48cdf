import Files
import Foundation
import Generation
import Scoring

/// `check --fix` and `--diff` over the checked files: each file read once more, fixed by
/// `DocstringFixer`, then written back atomically (`--fix`, through a symbolic link to its
/// target, like `generate --apply`) or shown as a unified diff (`--diff`).
struct CheckFixRun {
    /// Findings fixed, by code, over every file.
    var fixed: [String: Int] = [:]
    /// Files changed (or that would change).
    var files = 0
    /// Files that could not be read or written, with why.
    var problems: [String] = []

    /// Fixes `paths` with `fixer`; `write` says whether to write them back or print diffs.
    static func run(_ paths: [String], fixer: DocstringFixer, write: Bool, diff: (String) -> Void) -> CheckFixRun {
        var run = CheckFixRun()
        for path in paths {
            let bytes: [UInt8]
            switch FileBytes.read(path: path) {
            case .success(let read): bytes = read
            case .failure(let error):
                run.problems.append("\(error)")
                continue
            }
            let outcome = fixer.fix(bytes: bytes, path: path)
            guard outcome.bytes != bytes else { continue }
            run.files += 1
            for (code, count) in outcome.fixed { run.fixed[code, default: 0] += count }
            if write {
                do {
                    try AtomicFile.write(outcome.bytes, to: path, followingLinks: true)
                } catch {
                    run.problems.append("\(error)")
                }
            } else {
                let text = DocstringEdits.diff(path: path, old: bytes, new: outcome.bytes)
                diff(text.hasSuffix("\n") ? text : text + "\n")
            }
        }
        return run
    }

    /// "fixed 12 findings in 4 files: DH202 ×7, DH304 ×5" (or "would fix").
    func summary(wrote: Bool) -> String {
        let total = fixed.values.reduce(0, +)
        let codes = fixed.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        return "\(wrote ? "fixed" : "would fix") \(total) finding\(total == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")" + (codes.isEmpty ? "" : ": " + codes)
    }
}
