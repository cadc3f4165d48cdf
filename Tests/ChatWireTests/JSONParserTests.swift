import ChatWire
import Foundation
import Testing

@Suite("JSON")
struct JSONParserTests {
    @Test("values, order, number literals and escapes survive a round trip")
    func roundTrip() throws {
        let text = #"{"b":1.50,"a":[true,false,null,-0,1e-05,"\u00e9\ud83d\ude00\n\"\\\/"],"c":{}}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectMembers?.map(\.key) == ["b", "a", "c"])
        #expect(value["b"] == .number("1.50"))
        #expect(value["a"]?.arrayValue?[5] == .string("é😀\n\"\\/"))
        #expect(JSONWriter.string(value) == #"{"b":1.50,"a":[true,false,null,-0,1e-05,"é😀\n\"\\/"],"c":{}}"#)
        #expect(JSONWriter.string(value.canonical) == #"{"a":[true,false,null,0,1e-05,"é😀\n\"\\/"],"b":1.5,"c":{}}"#)
        #expect(value.isEquivalent(to: try JSONParser.parse(#"{"c":{},"a":[true,false,null,0,0.00001,"é😀\n\"\\/"],"b":1.5}"#)))
        // Agrees with Foundation on what the text means.
        let foundation = try JSONSerialization.jsonObject(with: Data(JSONWriter.string(value).utf8)) as? [String: Any]
        #expect(foundation?["b"] as? Double == 1.5)
    }

    @Test("errors name the line and column", arguments: [
        ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8, "invalid literal, expected 'true'"),
        ("[1, 2", 1, 6, "unexpected end of input inside an array"),
        ("{\"a\" 1}", 1, 6, "expected ':' after a member name"),
        ("\"tab\there\"", 1, 5, "control character in a string: escape it"),
        ("01", 1, 2, "unexpected text after the JSON value"),
        ("{} x", 1, 4, "unexpected text after the JSON value"),
    ])
    func errors(text: String, line: Int, column: Int, reason: String) {
        #expect(throws: JSONSyntaxError(line: line, column: column, reason: reason)) { try JSONParser.parse(text) }
    }

    @Test("deep nesting is refused, not a crash")
    func depth() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test("a lone surrogate escape becomes U+FFFD")
    func loneSurrogate() throws {
        #expect(try JSONParser.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
    }
}

@Suite("Server-sent events")
struct ServerSentEventTests {
    @Test("fed in chunks of any size, even between CR and LF, the stream gives the whole body's events")
    func chunked() {
        let body = "data: {\"a\":1}\r\n\r\n: comment\nevent: delta\ndata: line 1\ndata: line 2\n\ndata: [DONE]\r\n\r\n"
        let whole = ServerSentEventParser.events(in: body)
        #expect(whole.map(\.data) == ["{\"a\":1}", "line 1\nline 2", "[DONE]"])
        #expect(whole[1].event == "delta")
        for size in [1, 2, 3, 7, 16] {
            var stream = ServerSentEventStream()
            var events: [ServerSentEvent] = []
            var bytes = Array(body.utf8)[...]
            while !bytes.isEmpty {
                events += stream.feed(bytes.prefix(size))
                bytes = bytes.dropFirst(size)
            }
            events += stream.finish()
            #expect(events == whole, "chunks of \(size)")
        }
        var unterminated = ServerSentEventStream()
        #expect(unterminated.feed("data: x".utf8).isEmpty)
        #expect(unterminated.finish().map(\.data) == ["x"])
    }
}
