import Testing
@testable import PythonSyntax

@Suite("PEP 263 decoding")
struct SourceDecoderTests {
    @Test("a latin-1 declaration decodes the bytes as latin-1")
    func latin1() throws {
        let bytes: [UInt8] = Array("# -*- coding: latin-1 -*-\ns = '".utf8) + [0xE9] + Array("'\n".utf8)
        let decoded = try SourceDecoder.decode(bytes).get()
        #expect(decoded.encoding == "iso-8859-1")
        #expect(String(decoding: decoded.bytes, as: UTF8.self).contains("é"))
    }

    @Test("the declaration may be on line 2 only after a comment or blank line")
    func secondLine() throws {
        let onTwo: [UInt8] = Array("#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n".utf8) + [0x80]
        #expect(try SourceDecoder.decode(onTwo).get().encoding == "cp1252")
        let afterCode: [UInt8] = Array("import os\n# coding: latin-1\n".utf8)
        #expect(try SourceDecoder.decode(afterCode).get().encoding == "utf-8")
    }

    @Test("koi8-r goes through iconv")
    func koi8() throws {
        let bytes: [UInt8] = Array("# coding: koi8-r\nx = '".utf8) + [0xF0, 0xD2] + Array("'\n".utf8)
        let text = String(decoding: try SourceDecoder.decode(bytes).get().bytes, as: UTF8.self)
        #expect(text.contains("Пр"))
    }

    @Test("a byte-order mark is dropped; with a non-UTF-8 declaration it is an error")
    func byteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try SourceDecoder.decode(bom + Array("x = 1\n".utf8)).get().bytes == Array("x = 1\n".utf8))
        guard case .failure(let diagnostic) = SourceDecoder.decode(bom + Array("# coding: latin-1\n".utf8)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostic.code == .decodingError)
    }

    @Test("CRLF and lone CR become LF")
    func newlines() throws {
        #expect(try SourceDecoder.decode(Array("a\r\nb\rc\n".utf8)).get().bytes == Array("a\nb\nc\n".utf8))
    }

    @Test("failures name the line, the column and the fix")
    func failures() {
        guard case .failure(let invalid) = SourceDecoder.decode(Array("x = 1\ns = '".utf8) + [0xF6, 0x27]) else {
            Issue.record("expected invalid UTF-8 to fail")
            return
        }
        #expect(invalid.line == 2 && invalid.column == 6)
        #expect(invalid.message.contains("invalid start byte") && invalid.message.contains("coding"))
        guard case .failure(let unknown) = SourceDecoder.decode(Array("# coding: uft-8\n".utf8)) else {
            Issue.record("expected an unknown encoding to fail")
            return
        }
        #expect(unknown.message.hasPrefix("unknown encoding: uft-8"))
        guard case .failure(let binary) = SourceDecoder.decode([0x7F, 0x45, 0x4C, 0x46, 0, 1]) else {
            Issue.record("expected a NUL byte to fail")
            return
        }
        #expect(binary.code == .binaryFile)
    }
}
