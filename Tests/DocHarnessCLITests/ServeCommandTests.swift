import DocHarnessTestSupport
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `docharness serve` as a user runs it: start-up errors, serving, and a graceful stop on SIGTERM.
@Suite("docharness serve")
struct ServeCommandTests {
    @Test("a malformed cassette stops start-up with the file and line, exit 3")
    func malformedCassette() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\n  \"docharness_cassette\": 1,\n  \"interactions\": [\n    {\"request\": {\"method\": \"POST\"}, \"response\": {\"status\": 200}}\n  ]\n}\n".utf8)
            .write(to: directory.appendingPathComponent("bad.json"))
        let result = try ProcessRunner.docharness(["serve", "--cassettes", directory.path, "--port", "0"])
        #expect(result.status == 3)
        #expect(result.standardError.contains("bad.json:4: interactions[0].request.path: required"))
    }

    @Test("usage errors exit 2")
    func usage() throws {
        #expect(try ProcessRunner.docharness(["serve"]).status == 2)
        #expect(try ProcessRunner.docharness(["serve", "--cassettes", ".", "--record"]).status == 2)
        // Accepted before, and the next request crashed the server (issue 23).
        let negative = try ProcessRunner.docharness(["serve", "--cassettes", ".", "--max-body-bytes=-1"])
        #expect(negative.status == 2)
        #expect(negative.standardError.contains("--max-body-bytes must be 1…1073741824"))
        let both = try ProcessRunner.docharness(["serve", "--cassettes", ".", "--record", "--record-mode", "once", "--upstream", "http://127.0.0.1:9"])
        #expect(both.status == 2 && both.standardError.contains("give --record or --record-mode MODE, not both"), "\(both.standardError)")
        let noUpstream = try ProcessRunner.docharness(["serve", "--cassettes", ".", "--record-mode", "new_episodes"])
        #expect(noUpstream.status == 2 && noUpstream.standardError.contains("--record-mode new_episodes needs --upstream URL"), "\(noUpstream.standardError)")
        let unknownMode = try ProcessRunner.docharness(["serve", "--cassettes", ".", "--record-mode", "sometimes"])
        #expect(unknownMode.status == 2)
        #expect(try ProcessRunner.docharness(["serve", "--cassettes", ".", "--log-capacity", "0"]).status == 2)
    }

    @Test("serves on a free port, answers, and stops gracefully on SIGTERM with its counts")
    func serveAndStop() async throws {
        let fixture = TestEnvironment.packageRoot.appendingPathComponent("Tests/ReplayServerTests/Fixtures/sdk-scenarios.json").path
        let process = Process()
        process.executableURL = TestEnvironment.docharness
        process.arguments = ["serve", "--cassettes", fixture, "--port", "0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let reader = errors.fileHandleForReading
        var text = ""
        var port: Int?
        while port == nil, process.isRunning {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                port = Int(text[range.upperBound...].prefix(while: \.isNumber))
            }
        }
        let listening = try #require(port, "\(text)")
        #expect(text.hasPrefix("docharness serve: 9 interactions from 1 cassettes, strict, listening on"))
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(listening)/v1/chat/completions")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"messages":[{"role":"user","content":"Say hello in one word."}],"model":"gpt-4o-mini"}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"Hello!\""))
        process.terminate()
        process.waitUntilExit()
        text += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text.contains("docharness serve: stopped (matched 1, unmatched 0, faulted 0"))
    }

    /// SIGTERM while a request sleeps in a latency fault waited for the fault (an hour, say)
    /// before exiting (issue 23): requests get --shutdown-grace seconds, then are cancelled.
    @Test("SIGTERM during a long latency fault exits after the grace period")
    func stopsDuringALatencyFault() async throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("slow.json")
        try Data(#"{"faults": [{"latency_ms": 600000}]}"#.utf8).write(to: plan)
        let fixture = TestEnvironment.packageRoot.appendingPathComponent("Tests/ReplayServerTests/Fixtures/sdk-scenarios.json").path
        let process = Process()
        process.executableURL = TestEnvironment.docharness
        process.arguments = ["serve", "--cassettes", fixture, "--faults", plan.path, "--port", "0", "--shutdown-grace", "0.5"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var text = ""
        var port: Int?
        while port == nil, process.isRunning {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: "listening on http://127.0.0.1:") { port = Int(text[range.upperBound...].prefix(while: \.isNumber)) }
        }
        let listening = try #require(port, "\(text)")
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(listening)/v1/chat/completions")!)
        request.httpMethod = "POST"
        request.timeoutInterval = 900
        request.httpBody = Data(#"{"messages":[{"role":"user","content":"Say hello in one word."}],"model":"gpt-4o-mini"}"#.utf8)
        let pending = Task { _ = try? await URLSession.shared.data(for: request) }
        try await Task.sleep(for: .seconds(1)) // let the request reach its fault
        process.terminate()
        // A watchdog far above the grace period: before the fix this waited for the 10-minute fault.
        var waited = 0
        while process.isRunning, waited < 240 {
            try await Task.sleep(for: .milliseconds(500))
            waited += 1
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("docharness serve was still running 2 minutes after SIGTERM")
        }
        process.waitUntilExit()
        pending.cancel()
        #expect(process.terminationStatus == 0)
    }
}
