import DocHarnessTestSupport
import Files
import Foundation
import Testing

/// `docharness view` in a real browser: headless Chromium (Debian's) loads the served pages and
/// the `--html` file; the test reads the DOM Chromium built, checks that a screenshot is not
/// blank (Tests/Oracles/png_summary.py) and that the console logged no error.
/// Chromium is run through `SpawnedProcess` (as every child of the tests is): it leaves its crash
/// handler running after it exits, which Foundation's `Process` would wait for.
@Suite("history viewer in headless Chromium", .serialized, .requires(.chromium, .oraclePython))
struct HistoryViewerBrowserTests {
    static let root = TestEnvironment.packageRoot
    static let chromium = URL(fileURLWithPath: "/usr/bin/chromium")

    /// Chromium's flags for a container: no sandbox (root), no GPU, a fresh profile.
    static func chromiumArguments(_ folder: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"]
    }

    /// The DOM after load, and what Chromium logged.
    static func dom(_ url: String, folder: URL) throws -> (dom: String, log: String) {
        let result = try ProcessRunner.run(chromium, chromiumArguments(folder) + ["--dump-dom", url])
        return (result.standardOutput, result.standardError)
    }

    /// A screenshot's summary: size, colours, share of non-background pixels.
    static func screenshot(_ url: String, folder: URL, name: String) throws -> [String: Any] {
        let png = folder.appendingPathComponent("\(name).png").path
        let shot = try ProcessRunner.run(chromium, chromiumArguments(folder) + ["--screenshot=\(png)", "--window-size=1280,900", url])
        #expect(FileManager.default.fileExists(atPath: png), "\(shot.standardError)")
        let python = try #require(TestEnvironment.oraclePython)
        let summary = try ProcessRunner.run(python, [root.appendingPathComponent("Tests/Oracles/png_summary.py").path, png])
        return try #require(try JSONSerialization.jsonObject(with: Data(summary.standardOutput.utf8)) as? [String: Any], "\(summary.standardError)")
    }

    /// Console errors Chromium logged (`CONSOLE` lines at error level, uncaught exceptions).
    static func consoleErrors(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { line in
            (line.contains(":CONSOLE") && (line.contains("ERROR") || line.contains("Uncaught"))) || line.contains("Uncaught ")
        }
    }

    /// Two check runs of the ledger project around a change, so every page has something to show.
    static func history(in folder: URL) throws -> String {
        let store = folder.appendingPathComponent("history.sqlite").path
        let project = folder.appendingPathComponent("ledger")
        try FileManager.default.copyItem(at: root.appendingPathComponent("corpora/python/ledger"), to: project)
        _ = try ProcessRunner.docharness(["check", "ledger", "--history-store", store], currentDirectory: folder)
        let accounts = project.appendingPathComponent("accounts.py")
        let source = try String(contentsOf: accounts, encoding: .utf8)
        try source.replacingOccurrences(of: "            parent (str): The code of the parent account, if any.\n", with: "").write(to: accounts, atomically: true, encoding: .utf8)
        _ = try ProcessRunner.docharness(["check", "ledger", "--history-store", store], currentDirectory: folder)
        return store
    }

    @Test("the served runs page, a run page, a symbol page and the comparison render with tables, charts and links, no console error, not blank")
    func servedPages() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.history(in: folder)
        let log = folder.appendingPathComponent("view.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let server = try SpawnedProcess(TestEnvironment.docharness, ["view", "--port", "0", "--history-store", store],
                                        standardOutput: folder.appendingPathComponent("view.out"), standardError: log)
        defer { server.killAndWait() }
        // It prints its address once it listens; a loaded machine only makes this wait longer.
        var base = ""
        while server.isRunning, base.isEmpty {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression) { base = String(text[range]) } else { usleep(50_000) }
        }
        #expect(!base.isEmpty, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")

        let runs = try Self.dom(base, folder: folder)
        #expect(runs.dom.contains("<table class=\"runs\">"))
        #expect(runs.dom.components(separatedBy: "<a href=\"/runs/").count - 1 == 2)
        #expect(runs.dom.contains("<svg class=\"chart trend\""))
        #expect(runs.dom.components(separatedBy: "<polyline class=\"series\"").count - 1 == 6)
        #expect(runs.dom.contains("href=\"/compare?base=1&amp;head=2\""))
        #expect(Self.consoleErrors(runs.log).isEmpty, "\(Self.consoleErrors(runs.log))")

        let run = try Self.dom(base + "runs/2?show=changed", folder: folder)
        #expect(run.dom.contains("<table class=\"symbols\">"))
        #expect(run.dom.contains("ledger/accounts.py::Chart.add"))
        #expect(run.dom.contains("1 of ") && run.dom.contains(" symbols shown."))
        let byRule = try Self.dom(base + "runs/2?show=all&rule=DH101", folder: folder)
        #expect(byRule.dom.contains("<strong>DH101"))

        let symbolIndex = try #require(run.dom.range(of: #"/runs/2/symbols/\d+"#, options: .regularExpression).map { String(run.dom[$0]) })
        let symbol = try Self.dom(base + String(symbolIndex.dropFirst()), folder: folder)
        #expect(symbol.dom.contains("parameter `parent` is not documented"))

        let compare = try Self.dom(base + "compare?base=1&head=2", folder: folder)
        #expect(compare.dom.contains("<table class=\"changes\">") && compare.dom.contains("class=\"worse\""))
        #expect(compare.dom.contains("<div class=\"sbs\">"))

        for (name, url) in [("runs", base), ("run", base + "runs/2"), ("compare", base + "compare?base=1&head=2")] {
            let summary = try Self.screenshot(url, folder: folder, name: name)
            #expect((summary["colours"] as? Int ?? 0) > 20 && (summary["ink"] as? Double ?? 0) > 0.02, "\(name): \(summary)")
        }
        let missing = try Self.dom(base + "runs/99", folder: folder)
        #expect(missing.dom.contains("there is no run 99"))
    }

    @Test("view --html writes one self-contained file: no request leaves it, its anchors resolve, not blank")
    func singleFile() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.history(in: folder)
        let file = folder.appendingPathComponent("history.html")
        let written = try ProcessRunner.docharness(["view", "--history-store", store, "--html", file.path], currentDirectory: folder)
        #expect(written.status == 0 && written.standardError.contains("wrote "), "\(written.standardError)")
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("<script src") && !html.contains("<link "))
        for anchor in ["#runs", "#run-2", "#compare-1-2"] { #expect(html.contains("href=\"\(anchor)\"")) }
        // Every link is an anchor of the file, and every anchor exists.
        let links = html.matches(of: /href="([^"]*)"/).map { String($0.output.1) }
        let targets = Set(html.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) })
        #expect(!links.isEmpty && links.allSatisfy { $0.hasPrefix("#") && targets.contains(String($0.dropFirst())) },
                "\(links.filter { !$0.hasPrefix("#") || !targets.contains(String($0.dropFirst())) })")
        let page = try Self.dom(file.absoluteString, folder: folder)
        #expect(page.dom.contains("<table class=\"symbols\">") && page.dom.contains("<svg class=\"chart trend\""))
        #expect(Self.consoleErrors(page.log).isEmpty)
        let summary = try Self.screenshot(file.absoluteString, folder: folder, name: "single")
        #expect((summary["ink"] as? Double ?? 0) > 0.02, "\(summary)")
    }
}
