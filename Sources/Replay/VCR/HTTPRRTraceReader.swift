import ChatWire

/// Reads Go's `httprr` traces (rsc.io/httprr, used by langchaingo): after the line
/// `httprr trace v1`, each interaction is a line `REQUEST_BYTES RESPONSE_BYTES` and then the
/// request and the response as raw HTTP/1.1 messages of exactly those sizes. Header lines end
/// in CRLF or (hand-edited traces) LF; a chunked body is decoded.
enum HTTPRRTraceReader {
    /// The first line of every trace.
    static let header = "httprr trace v1\n"

    static func read(_ bytes: [UInt8], file: String) throws(CassetteError) -> Cassette {
        var offset = header.utf8.count
        var line = 2
        var interactions: [Interaction] = []
        var lines: [Int?] = []
        func broken(_ reason: String) -> CassetteError {
            CassetteError(file: file, line: line, reason: reason, fix: "fix the trace or re-record it")
        }
        while offset < bytes.count {
            guard let newline = bytes[offset...].firstIndex(of: 0x0A) else { throw broken("a size line without its line feed") }
            let sizes = String(decoding: bytes[offset ..< newline], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
            guard sizes.count == 2, (0 ... bytes.count).contains(sizes[0]), (0 ... bytes.count).contains(sizes[1]), newline + 1 + sizes[0] + sizes[1] <= bytes.count else {
                throw broken("expected \"REQUEST_BYTES RESPONSE_BYTES\" sizes that fit in the file")
            }
            let requestBytes = bytes[(newline + 1) ..< (newline + 1 + sizes[0])]
            let responseBytes = bytes[(newline + 1 + sizes[0]) ..< (newline + 1 + sizes[0] + sizes[1])]
            guard let request = Message(requestBytes), let response = Message(responseBytes) else { throw broken("an HTTP message without a start line and headers") }
            let requestLine = request.startLine.split(separator: " ")
            let statusLine = response.startLine.split(separator: " ")
            guard requestLine.count >= 2 else { throw broken("the request line is not \"METHOD URL HTTP/1.1\"") }
            guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw broken("the status line is not \"HTTP/1.1 CODE REASON\"") }
            interactions.append(try VCRCassetteReader.make(
                method: String(requestLine[0]), uri: String(requestLine[1]), requestHeaders: request.headers,
                requestBody: VCRCassetteReader.body(.binary(request.body, line: line), headers: request.headers), status: status, statusLine: line,
                responseHeaders: response.headers, responseBody: { headers in VCRCassetteReader.body(.binary(response.body, line: line), headers: headers) }, file: file))
            lines.append(line)
            line += 1 + requestBytes.count(where: { $0 == 0x0A }) + responseBytes.count(where: { $0 == 0x0A })
            offset = newline + 1 + sizes[0] + sizes[1]
        }
        return Cassette(path: file, interactions: interactions, lines: lines)
    }

    /// A raw HTTP message: start line, headers, body (de-chunked; `VCRCassetteReader.body` decodes gzip).
    struct Message {
        var startLine: String
        var headers: HeaderFields
        var body: [UInt8]

        init?(_ bytes: ArraySlice<UInt8>) {
            var index = bytes.startIndex
            var lines: [String] = []
            // Lines up to the first empty one; each ends in LF, with or without CR before it.
            while true {
                guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return nil }
                var end = newline
                if end > index, bytes[end - 1] == 0x0D { end -= 1 }
                let text = String(decoding: bytes[index ..< end], as: UTF8.self)
                index = newline + 1
                if text.isEmpty { break }
                lines.append(text)
            }
            guard let first = lines.first else { return nil }
            startLine = first
            headers = HeaderFields()
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append(String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }))
            }
            var body = Array(bytes[index...])
            if headers["transfer-encoding"]?.lowercased().contains("chunked") == true, let joined = Self.dechunked(body) { body = joined }
            self.body = body
        }

        /// The body of a chunked transfer: `SIZE(hex)[;ext]CRLF DATA CRLF … 0 CRLF CRLF`.
        static func dechunked(_ bytes: [UInt8]) -> [UInt8]? {
            var output: [UInt8] = []
            var index = 0
            while index < bytes.count {
                guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return nil }
                let sizeText = String(decoding: bytes[index ..< newline], as: UTF8.self).split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
                if size == 0 { return output }
                let start = newline + 1
                guard size <= bytes.count - start else { return nil }
                output.append(contentsOf: bytes[start ..< start + size])
                index = start + size
                if index < bytes.count, bytes[index] == 0x0D { index += 1 }
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
            }
            return output
        }
    }
}
