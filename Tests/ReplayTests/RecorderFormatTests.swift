import ChatWire
import DocHarnessTestSupport
import Foundation
import Testing
@testable import Replay

/// Every recorder's file format, each from a small fixture written here in that recorder's shape
/// (never copied from a project): the request body must read as the same chat request, the
/// response keep its status, headers and body.
@Suite("Recorder formats")
struct RecorderFormatTests {
    static let request = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hi."}],"temperature":0.5,"max_tokens":5,"stream":false}"#
    static let answer = #"{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"Hi."},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":2,"total_tokens":13}}"#

    /// Loads `text` as a file named `name`, and checks the one chat interaction in it.
    func expectChat(_ name: String, _ text: String, status: Int = 200, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        #expect(try CassetteLoader.files(under: folder.path) == [file.path], sourceLocation: sourceLocation)
        let cassette = try CassetteLoader.load(file: file.path)
        let chat = try #require(cassette.interactions.first { $0.request.chatRoute != nil }, "\(name): no chat interaction", sourceLocation: sourceLocation)
        #expect(chat.request.method == "POST", sourceLocation: sourceLocation)
        #expect(chat.request.path.hasPrefix("/v1/chat/completions"), sourceLocation: sourceLocation)
        guard case .json(let body) = chat.request.body else {
            Issue.record("\(name): the request body is \(chat.request.body), not JSON", sourceLocation: sourceLocation)
            return
        }
        #expect(body.isEquivalent(to: try JSONParser.parse(Self.request)), "\(name): \(JSONWriter.string(body))", sourceLocation: sourceLocation)
        #expect(chat.response.status == status, sourceLocation: sourceLocation)
        #expect(chat.response.body.usage?.promptTokens == 11, "\(name): the response's usage", sourceLocation: sourceLocation)
        #expect(chat.request.chatRequest?.model == "gpt-4o-mini", sourceLocation: sourceLocation)
    }

    /// pydantic-ai's cassettes keep both bodies as YAML mappings (`parsed_body:`): they used to
    /// load without bodies, so `bench` measured none and `serve` collapsed them into one.
    @Test func vcrPyWithParsedBodies() throws {
        try expectChat("pydantic_ai.yaml", """
            interactions:
            - request:
                headers:
                  content-type:
                  - application/json
                method: POST
                parsed_body:
                  max_tokens: 5
                  messages:
                  - content: Say hi.
                    role: user
                  model: gpt-4o-mini
                  stream: false
                  temperature: 0.5
                uri: https://api.openai.com/v1/chat/completions
              response:
                headers:
                  content-type:
                  - application/json
                parsed_body:
                  choices:
                  - finish_reason: stop
                    index: 0
                    message:
                      content: Hi.
                      role: assistant
                  id: chatcmpl-1
                  model: gpt-4o-mini-2024-07-18
                  object: chat.completion
                  usage:
                    completion_tokens: 2
                    prompt_tokens: 11
                    total_tokens: 13
                status:
                  code: 200
                  message: OK
            version: 1
            """)
    }

    @Test func rubyVCR() throws {
        try expectChat("ruby.yml", """
            ---
            http_interactions:
            - request:
                method: post
                uri: https://api.openai.com/v1/chat/completions
                body:
                  encoding: UTF-8
                  string: '\(Self.request)'
                headers:
                  Content-Type:
                  - application/json
                  Authorization:
                  - Bearer <OPENAI_API_KEY>
              response:
                status:
                  code: 200
                  message: OK
                headers:
                  Content-Type:
                  - application/json
                body:
                  encoding: ASCII-8BIT
                  string: '\(Self.answer)'
              recorded_at: Mon, 01 Dec 2025 10:00:00 GMT
            recorded_with: VCR 6.3.1
            """)
    }

    @Test func goVCRVersion2() throws {
        try expectChat("go.yaml", """
            ---
            version: 2
            interactions:
            - id: 0
              request:
                proto: HTTP/1.1
                content_length: 120
                body: '\(Self.request)'
                headers:
                  Content-Type:
                  - application/json
                url: https://api.openai.com/v1/chat/completions
                method: POST
              response:
                proto: HTTP/2.0
                content_length: -1
                body: '\(Self.answer)'
                headers:
                  Content-Type:
                  - application/json
                status: 200 OK
                code: 200
                duration: 512.3ms
            """)
    }

    @Test func azureTestProxy() throws {
        try expectChat("Session.json", """
            {
              "Entries": [
                {
                  "RequestUri": "https://api.openai.com/v1/chat/completions",
                  "RequestMethod": "POST",
                  "RequestHeaders": {"Authorization": "Sanitized", "Content-Type": "application/json"},
                  "RequestBody": \(Self.request),
                  "StatusCode": 200,
                  "ResponseHeaders": {"Content-Type": "application/json"},
                  "ResponseBody": \(Self.answer)
                }
              ],
              "Variables": {}
            }
            """)
    }

    @Test func har() throws {
        let escapedRequest = String(decoding: try JSONSerialization.data(withJSONObject: [Self.request], options: [.fragmentsAllowed]), as: UTF8.self).dropFirst().dropLast()
        let escapedAnswer = String(decoding: try JSONSerialization.data(withJSONObject: [Self.answer], options: [.fragmentsAllowed]), as: UTF8.self).dropFirst().dropLast()
        try expectChat("recording.har", """
            {"log": {"version": "1.2", "creator": {"name": "Polly.JS", "version": "6.0.6"}, "entries": [{
              "request": {"method": "POST", "url": "https://api.openai.com/v1/chat/completions", "httpVersion": "HTTP/1.1",
                          "headers": [{"name": "content-type", "value": "application/json"}],
                          "postData": {"mimeType": "application/json", "text": \(escapedRequest)}},
              "response": {"status": 200, "statusText": "OK", "headers": [{"name": "content-type", "value": "application/json"}],
                           "content": {"mimeType": "application/json", "size": 300, "text": \(escapedAnswer)}}
            }]}}
            """)
    }

    @Test func nock() throws {
        try expectChat("mock.json", """
            [
              {
                "scope": "https://api.openai.com:443",
                "method": "POST",
                "path": "/v1/chat/completions",
                "body": \(Self.request),
                "status": 200,
                "response": \(Self.answer),
                "rawHeaders": ["Content-Type", "application/json", "openai-processing-ms", "212"]
              }
            ]
            """)
    }

    /// Go's httprr: sizes, then raw HTTP; one header line ends in LF only (hand-edited traces do),
    /// and the response body is chunked.
    @Test func httprr() throws {
        let request = "POST https://api.openai.com/v1/chat/completions HTTP/1.1\r\nHost: api.openai.com\r\nUser-Agent: test-httprr\nContent-Type: application/json\r\n\r\n" + Self.request
        let chunked = String(Self.answer.utf8.count, radix: 16) + "\r\n" + Self.answer + "\r\n0\r\n\r\n"
        let response = "HTTP/2.0 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
        try expectChat("trace.httprr", "httprr trace v1\n\(request.utf8.count) \(response.utf8.count)\n" + request + response)
    }

    /// VCR.py writes a cassette named without an extension as is.
    @Test func extensionlessVCRFile() throws {
        try expectChat("test_invoke", """
            interactions:
            - request:
                body: '\(Self.request)'
                method: POST
                uri: https://api.openai.com/v1/chat/completions
              response:
                body:
                  string: '\(Self.answer)'
                status:
                  code: 200
                  message: OK
            version: 1
            """)
    }

    /// One file that is not an HTTP cassette used to stop a whole folder (exit 3): it is skipped
    /// and listed, unless loading is strict; a broken cassette still fails; a file named directly
    /// is never skipped.
    @Test func foldersSkipFilesThatAreNotCassettes() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("interactions:\n- request: {method: POST, uri: 'https://api.openai.com/v1/chat/completions', body: '{}'}\n  response: {status: {code: 200}, body: {string: '{}'}}\n".utf8)
            .write(to: folder.appendingPathComponent("a.yaml"))
        try Data(#"{"grpc": {"service": "Greeter", "frames": [1, 2]}}"#.utf8).write(to: folder.appendingPathComponent("fixture.json"))
        try Data("- just\n- a list\n".utf8).write(to: folder.appendingPathComponent("list.yml"))
        let loaded = try CassetteLoader.load(paths: [folder.path], strict: false)
        #expect(loaded.cassettes.count == 1)
        #expect(loaded.skipped.map { ($0.file as NSString).lastPathComponent }.sorted() == ["fixture.json", "list.yml"])
        #expect(loaded.skipped.allSatisfy { $0.reason.hasPrefix("not an HTTP cassette") && $0.line == 1 })
        #expect(throws: CassetteError.self) { try CassetteLoader.load(paths: [folder.path], strict: true) }
        #expect(throws: CassetteError.self) { try CassetteLoader.load(paths: [folder.appendingPathComponent("fixture.json").path], strict: false) }
        try Data("interactions:\n- request: {method: POST}\n  response: {status: {code: 200}}\n".utf8).write(to: folder.appendingPathComponent("broken.yaml"))
        do {
            _ = try CassetteLoader.load(paths: [folder.path], strict: false)
            Issue.record("a broken cassette was skipped")
        } catch {
            #expect(error.kind == .broken && error.reason == "the request has no uri")
        }
    }

    /// A request body edited after it was recorded no longer has the length its `Content-Length`
    /// declared; one a recorder only re-serialized (compact, Python's `, `/`: `, pretty-printed)
    /// still fits one of the forms, and text whose length depends on escaping is not judged.
    @Test func bodiesEditedAfterSendingAreFlagged() throws {
        func check(_ text: String, declared: Int?, encoding: String? = nil) -> AlteredRequestBody? {
            var headers = HeaderFields()
            if let declared { headers.append("Content-Length", "\(declared)") }
            if let encoding { headers.append("Content-Encoding", encoding) }
            return AlteredRequestBody.check(text: text, headers: headers)
        }
        let compact = Self.request
        let spaced = #"{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hi."}], "temperature": 0.5, "max_tokens": 5, "stream": false}"#
        let pretty = "{\n  \"model\": \"gpt-4o-mini\",\n  \"messages\": [{\"role\": \"user\", \"content\": \"Say hi.\"}],\n  \"temperature\": 0.5, \"max_tokens\": 5, \"stream\": false\n}"
        #expect(check(compact, declared: compact.utf8.count) == nil)
        #expect(check(spaced, declared: compact.utf8.count) == nil)
        #expect(check(compact, declared: spaced.utf8.count) == nil)
        #expect(check(pretty, declared: compact.utf8.count) == nil)
        #expect(check(pretty, declared: spaced.utf8.count) == nil)
        #expect(check(compact, declared: nil) == nil)
        #expect(check(compact, declared: 7, encoding: "gzip") == nil)
        let edited = compact.replacingOccurrences(of: "Say hi.", with: "Say hello, world.")
        #expect(check(edited, declared: compact.utf8.count) == AlteredRequestBody(declaredLength: compact.utf8.count, recordedLength: edited.utf8.count))
        #expect(check(#"{"messages":[{"role":"user","content":"caf\u00e9"}]}"#, declared: 3) == nil)
        #expect(check("{\"content\":\"café\"}", declared: 3) == nil)
        #expect(check("a=1&b=2", declared: 3) == nil)

        // Through a VCR.py cassette: the flag travels with the request.
        let folder = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("edited.yaml")
        try Data("""
            interactions:
            - request:
                body: '\(edited)'
                headers:
                  content-length:
                  - '\(compact.utf8.count)'
                method: POST
                uri: https://api.openai.com/v1/chat/completions
              response:
                body:
                  string: '\(Self.answer)'
                status:
                  code: 200
            version: 1
            """.utf8).write(to: file)
        let request = try CassetteLoader.load(file: file.path).interactions[0].request
        #expect(request.alteredBody?.recordedLength == edited.utf8.count)
        #expect(request.chatRequest != nil)
    }
}
