import Foundation

/// A progress bar on a terminal (stderr), plain progress lines every 10% otherwise.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastDecile = -1

    init(label: String) {
        self.label = label
    }

    func update(_ done: Int, of total: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard total > 0 else { return }
        if isTerminal {
            let width = 30
            let filled = done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            try? FileHandle.standardError.write(contentsOf: Data("\r\(label) \(bar) \(done)/\(total)".utf8))
        } else {
            let decile = done * 10 / total
            if decile != lastDecile {
                lastDecile = decile
                try? FileHandle.standardError.write(contentsOf: Data("\(label): \(done)/\(total)\n".utf8))
            }
        }
    }

    func finish() {
        if isTerminal { try? FileHandle.standardError.write(contentsOf: Data("\n".utf8)) }
    }
}
