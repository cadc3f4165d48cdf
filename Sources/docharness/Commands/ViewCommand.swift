import ArgumentParser
import Files
import Foundation
import History
import HistoryViewer

/// `docharness view`: the history in a browser, or as one HTML file.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Browse the recorded runs: trends, a run's symbols, a symbol's docstring diff, two runs side by side.",
        discussion: """
            Serves a local web page (127.0.0.1, no script or font from elsewhere: it works offline) \
            over the history: the runs with their score and coverage trends, each run's symbols \
            (filter: failing, changed, by rule), a symbol's findings and its docstring before and \
            after generation, two runs side by side, and for eval the estimator error histogram \
            and the safe-zone headroom. --html FILE writes the runs, the newest three runs and the \
            newest comparison as one self-contained file instead, for a CI artefact.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port).")
    var port = 8777

    @Option(help: ArgumentHelp("Write the pages as one self-contained HTML file and exit.", valueName: "file"))
    var html: String?

    @Option(name: .customLong("base-branch"), help: "The branch a run's previous comparable run is looked for on first.")
    var baseBranch = "main"

    @OptionGroup var history: HistoryOptions

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0…65535") }
    }

    func run() async throws {
        let store = try await HistoryCommandSupport.openForReading(history)
        let site = HistoryViewerSite(store: store, baseBranch: baseBranch)
        var standardError = StandardError()
        if let html {
            let page = try await HistoryCommandSupport.reading { try await site.singleFile() }
            do {
                try AtomicFile.write(Array(page.utf8), to: html)
            } catch {
                print("error: \(error)", to: &standardError)
                throw ExitCode(ExitStatus.unreadableInput)
            }
            print("wrote \(html) (\(page.utf8.count) bytes)", to: &standardError)
            return
        }
        let host = self.host
        try await HistoryViewerServer.run(site, host: host, port: port) { port in
            FileHandle.standardError.write(Data("docharness view: http://\(host):\(port)/ (Ctrl-C stops it)\n".utf8))
        }
    }
}
