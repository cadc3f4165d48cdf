import ChatWire
import DocHarnessTestSupport
import Foundation
import Testing
@testable import Replay

@Suite("Cassettes")
struct CassetteTests {
    @Test("a VCR.py cassette with !!binary gzip, multidict header tags and an SSE body loads")
    func vcrShapes() throws {
        let gzipped = try gzip(#"{"id":"chatcmpl-1","object":"chat.completion","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}"#)
        let yaml = """
            interactions:
            - request:
                body: '{"messages":[{"role":"user","content":"Hi"}],"model":"gpt-4o"}'
                headers:
                  ? !!python/object/apply:multidict._multidict.istr
                  - Content-Type
                  : - application/json
                  authorization:
                  - Bearer sk-secret
                method: POST
                uri: https://api.openai.com/v1/chat/completions
              response:
                body:
                  string: !!binary |
                    \(Data(gzipped).base64EncodedString())
                headers:
                  Content-Encoding:
                  - gzip
                  x-request-id:
                  - req_1
                status:
                  code: 200
                  message: OK
            - request:
                body: '{"messages":[{"role":"user","content":"Hi"}],"model":"gpt-4o","stream":true}'
                headers: {}
                method: POST
                uri: https://api.openai.com/v1/chat/completions
              response:
                body:
                  string: 'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}


                    data: [DONE]


                    '
                headers: {}
                status:
                  code: 200
                  message: OK
            version: 1
            """
        let cassette = try VCRCassetteReader.readYAML(yaml, file: "t.yaml")
        #expect(cassette.interactions.count == 2)
        let first = cassette.interactions[0]
        #expect(first.request.path == "/v1/chat/completions")
        #expect(first.request.headers["content-type"] == "application/json")
        #expect(first.response.body.usage?.promptTokens == 12)
        #expect(first.response.headers["content-encoding"] == nil)
        #expect(first.response.headers["x-request-id"] == "req_1")
        #expect(cassette.lines == [2, 24])
        guard case .events(let events) = cassette.interactions[1].response.body else {
            Issue.record("expected an event stream")
            return
        }
        #expect(events.map(\.data) == [#"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}"#, "[DONE]"])
    }

    @Test("a body stored decoded under Content-Encoding: gzip stays as recorded; compressed bodies inflate")
    func contentEncodingOverDecodedBody() throws {
        let json = #"{"id":"resp_1","object":"response","output":[]}"#
        // dd-trace-js keeps the decoded body beside the server's header: raw-inflating it used to
        // "succeed" with one byte.
        #expect(Gzip.decodedBody(Array(json.utf8), contentEncoding: "gzip") == Array(json.utf8))
        #expect(Gzip.decodedBody(Array(json.utf8), contentEncoding: "deflate") == Array(json.utf8))
        #expect(Gzip.decodedBody(Array("x plain".utf8), contentEncoding: "br") == Array("x plain".utf8))
        let gzipped = try gzip(json)
        #expect(Gzip.decodedBody(gzipped, contentEncoding: "") == Array(json.utf8))
        #expect(Gzip.decodedBody(gzipped, contentEncoding: "gzip") == Array(json.utf8))
        // zlib-wrapped deflate (what HTTP's `deflate` means): the gzip member's deflate data with a
        // zlib header and an Adler-32 trailer.
        let deflate = Array(gzipped[10..<(gzipped.count - 8)])
        var adlerA: UInt32 = 1, adlerB: UInt32 = 0
        for byte in json.utf8 { adlerA = (adlerA + UInt32(byte)) % 65_521; adlerB = (adlerB + adlerA) % 65_521 }
        let adler = adlerB << 16 | adlerA
        let zlibbed: [UInt8] = [0x78, 0x9C] + deflate + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> $0) }
        #expect(Gzip.decodedBody(zlibbed, contentEncoding: "deflate") == Array(json.utf8))
        #expect(Gzip.decodedBody(deflate, contentEncoding: "deflate") == Array(json.utf8))
        #expect(Gzip.decodedBody(deflate, contentEncoding: "") == deflate)
    }

    @Test("our format round-trips and never writes credentials")
    func ownFormatRoundTrip() throws {
        let interaction = Interaction(
            request: RecordedRequest(
                method: "POST", path: "/openai/deployments/d1/chat/completions?api-version=2024-10-21",
                headers: HeaderFields([.init("api-key", "secret"), .init("Content-Type", "application/json"), .init("Cookie", "a=b")]),
                body: .json(try JSONParser.parse(#"{"model":"gpt-4o","messages":[{"role":"user","content":"héllo\n\"x\""}],"temperature":0.7}"#))
            ),
            response: RecordedResponse(status: 200, headers: HeaderFields([.init("Set-Cookie", "x"), .init("x-ratelimit-remaining-requests", "99")]), body: .events([
                ServerSentEvent(data: #"{"a":1}"#, delayMilliseconds: 12.34), ServerSentEvent(data: "[DONE]", delayMilliseconds: 0.5),
            ])),
            recordedAt: "2026-11-23T15:00:00Z", durationMilliseconds: 321.0
        )
        let bytes = CassetteFormat.encode(Cassette(path: "x.json", interactions: [interaction]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("secret"))
        #expect(!text.contains("a=b"))
        #expect(!text.lowercased().contains("set-cookie"))
        let (document, lines) = try JSONParser.parseRecordingLines(bytes, depth: 2)
        let back = try CassetteFormat.decode(document, lines: lines, file: "x.json")
        var expected = interaction
        expected.request.headers = HeaderFields([.init("content-type", "application/json")])
        expected.response.headers = HeaderFields([.init("x-ratelimit-remaining-requests", "99")])
        expected.response.body = .events([ServerSentEvent(data: #"{"a":1}"#, delayMilliseconds: 12.3), ServerSentEvent(data: "[DONE]", delayMilliseconds: 0.5)])
        #expect(back.interactions.count == 1)
        #expect(back.interactions[0].request.body.jsonValue?.isEquivalent(to: expected.request.body.jsonValue!) == true)
        expected.request.body = back.interactions[0].request.body
        #expect(back.interactions == [expected])
        #expect(back.lines == [4])
        // Stable: writing again gives the same bytes.
        #expect(CassetteFormat.encode(back) == bytes)
    }

    @Test("secret-looking header and query names are redacted, rate-limit headers are not")
    func secretNames() {
        for name in ["x-goog-api-key", "X-Auth-Token", "x-azure-api-key", "authorization-token", "access_token", "Key", "api-key", "apikey", "x-amz-signature", "session_id"] {
            #expect(HeaderRedaction.isSecretName(name), "\(name)")
        }
        for name in ["x-ratelimit-remaining-tokens", "x-ratelimit-limit-requests", "content-type", "openai-processing-ms", "keep", "monkey"] {
            #expect(!HeaderRedaction.isSecretName(name), "\(name)")
        }
        #expect(HeaderRedaction.redactQuery("/v1/models?api%2Dkey=s&x=1") == "/v1/models?api%2Dkey=REDACTED&x=1")
        #expect(RequestMatcher.normalizedPath("/v1/files?key=abc&b=2") == RequestMatcher.normalizedPath("/v1/files?b=2&key=REDACTED"))
        // --redact-body: the values at the paths, where present; nothing else.
        let body = RecordedBody.json(try! JSONParser.parse(#"{"user": "alice", "metadata": {"api_key": "s", "keep": 1}, "messages": [{"role": "user", "name": "bob"}, {"role": "user"}]}"#))
        let redacted = HeaderRedaction.redactBody(body, paths: ["user", "metadata.api_key", "messages.*.name", "absent.path"])
        #expect(redacted == .json(try! JSONParser.parse(#"{"user": "REDACTED", "metadata": {"api_key": "REDACTED", "keep": 1}, "messages": [{"role": "user", "name": "REDACTED"}, {"role": "user"}]}"#)))
    }

    /// `ln -s . x` twice in a cassette folder hung start-up, and a FIFO named like a cassette
    /// blocked it forever (issue 23): each folder is read once, only regular files are cassettes.
    @Test("folder links and FIFOs in a cassette folder")
    func linksAndFIFOs() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\"docharness_cassette\": 1, \"interactions\": []}".utf8).write(to: directory.appendingPathComponent("a.json"))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("x").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("y").path, withDestinationPath: ".")
        #expect(mkfifo(directory.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
        let files = try CassetteLoader.files(under: directory.path)
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["a.json"])
        #expect(throws: CassetteError.self) { try CassetteLoader.load(file: directory.appendingPathComponent("pipe.yaml").path) }
    }

    /// Ten lines of nested aliases expand to 10⁹ nodes: 45 s and 7.5 GB before (issue 23).
    @Test("a billion-laughs YAML cassette is refused, not expanded")
    func billionLaughs() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        for (level, previous) in zip("bcdefghi", "abcdefgh") {
            lines.append("\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        lines.append("interactions: [*i]")
        let file = directory.appendingPathComponent("laughs.yaml")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        do {
            _ = try CassetteLoader.load(file: file.path)
            Issue.record("expanded")
        } catch {
            #expect(error.reason.contains("YAML aliases expand to more than"))
        }
    }

    @Test("a malformed cassette names the file and the line")
    func malformedCassettes() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.json")
        try Data("{\n  \"docharness_cassette\": 1,\n  \"interactions\": [\n    {\"request\": }\n  ]\n}\n".utf8).write(to: broken)
        #expect(throws: CassetteError.self) { try CassetteLoader.load(file: broken.path) }
        do {
            _ = try CassetteLoader.load(file: broken.path)
        } catch {
            #expect(error.line == 4)
            #expect(error.description.hasPrefix(broken.path + ":4: not valid JSON"))
        }
        try expectLoadError(directory, "shape.json", "{\n  \"docharness_cassette\": 1,\n  \"interactions\": [\n    {\"request\": {\"method\": \"POST\"}, \"response\": {\"status\": 200}}\n  ]\n}\n",
                            line: 4, reason: "interactions[0].request.path")
        // A status no server can send loaded, then killed the replay server (issue 23).
        for status in ["-1", "1000"] {
            try expectLoadError(directory, "status\(status).json", "{\n  \"docharness_cassette\": 1,\n  \"interactions\": [\n    {\"request\": {\"method\": \"POST\", \"path\": \"/v1/chat/completions\"}, \"response\": {\"status\": \(status), \"body\": {}}}\n  ]\n}\n",
                                line: 4, reason: "response.status: \(status) is not an HTTP status code (100–599)")
            try expectLoadError(directory, "vcr\(status).yaml", "interactions:\n- request:\n    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n  response:\n    status:\n      code: \(status)\n    body:\n      string: '{}'\n",
                                line: nil, reason: "response status \(status) is not an HTTP status code")
        }
        try expectLoadError(directory, "bad.yaml", "interactions:\n- request:\n    method: POST\n   uri: [unclosed\n", line: nil, reason: "not valid YAML")
        // A control character in a 250 KB body line: Yams quotes the whole line, and the error
        // used to echo all of it with no line number (issue 23 item 12).
        let longLine = "interactions:\n- request:\n    body: \"" + String(repeating: "x", count: 250_000) + "\u{1}\"\n    method: POST\n"
        try expectLoadError(directory, "control.yaml", longLine, line: 3, reason: "not valid YAML: control characters are not allowed")
        do {
            _ = try CassetteLoader.load(file: directory.appendingPathComponent("control.yaml").path)
        } catch {
            #expect(error.description.count < 400, "\(error.description.count) characters")
            #expect(error.description.hasPrefix(directory.appendingPathComponent("control.yaml").path + ":3: "))
        }
    }

    /// Writes `text` to `name` and expects loading it to fail at `line` (any line when nil) with
    /// a reason containing `reason`.
    private func expectLoadError(_ directory: URL, _ name: String, _ text: String, line: Int?, reason: String) throws {
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        do {
            _ = try CassetteLoader.load(file: file.path)
            Issue.record("\(name) loaded")
        } catch {
            if let line { #expect(error.line == line, "\(name)") } else { #expect(error.line != nil, "\(name)") }
            #expect(error.reason.contains(reason), "\(name): \(error.reason)")
        }
    }

    private func gzip(_ text: String) throws -> [UInt8] {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("body")
        try Data(text.utf8).write(to: file)
        _ = try ProcessRunner.run(URL(fileURLWithPath: "/bin/gzip"), ["-n", file.path])
        return Array(try Data(contentsOf: file.appendingPathExtension("gz")))
    }
}
