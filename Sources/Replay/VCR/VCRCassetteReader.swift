import ChatWire
import Files
import Yams

/// Reads cassettes recorded by VCR.py, pytest-recording and vcrpy's httpx stubs (YAML, or the
/// same shape in JSON), and single-interaction JSON files such as dd-trace-py's, as they are.
///
/// Bodies may be plain strings, `{string: …}`, `{base64_string: …}`, `!!binary` (often gzip),
/// base64 gzip text (`H4sI…`), or server-sent-event streams; all are decoded to a `RecordedBody`.
/// Headers that describe the recorded transfer (length, content and transfer encodings) are
/// dropped, since the replayed body is sent decoded.
enum VCRCassetteReader {
    /// Reads a YAML cassette.
    static func readYAML(_ text: String, file: String) throws(CassetteError) -> Cassette {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw CassetteError(file: file, line: yamlLine(of: error, in: text), reason: "not valid YAML: \(yamlProblem(of: error))", fix: "fix the YAML or re-record the cassette")
        }
        guard let root else {
            throw CassetteError(file: file, line: 1, reason: "the file is empty", fix: "delete it or re-record the cassette")
        }
        // Aliases may repeat what they name, but not blow the document up: at most 16 nodes per
        // byte of the file (a real cassette has about one per 30 bytes) and a million more.
        var budget = 1_000_000 + 16 * text.utf8.count
        let tree: CassetteTree
        do {
            tree = try CassetteTree(yaml: root, budget: &budget)
        } catch {
            throw CassetteError(file: file, line: nil, reason: "its YAML aliases expand to more than \(1_000_000 + 16 * text.utf8.count) nodes (a \"billion laughs\" document)",
                                fix: "write the cassette without nested aliases, or re-record it")
        }
        return try read(tree, file: file)
    }

    /// Reads a parsed JSON document in one of the recorder shapes.
    static func readJSON(_ document: JSONValue, lines: [Int], file: String) throws(CassetteError) -> Cassette {
        if let list = document["interactions"]?.arrayValue {
            let elements = list.enumerated().map { CassetteTree(json: $0.element, line: $0.offset < lines.count ? lines[$0.offset] : nil) }
            return try read(.mapping([("interactions", .sequence(elements, line: 1))], line: 1), file: file)
        }
        return try read(CassetteTree(json: document, line: 1), file: file)
    }

    /// The recorders whose files are read, by the shape of the document.
    private static func read(_ tree: CassetteTree, file: String) throws(CassetteError) -> Cassette {
        // VCR.py, go-vcr (`interactions`), Ruby VCR (`http_interactions`).
        if let list = tree["interactions"] ?? tree["http_interactions"] {
            if case .null = list { return Cassette(path: file, interactions: []) }
            guard let elements = list.elements else {
                throw CassetteError(file: file, line: list.line, reason: "\"interactions\" must be a list", fix: "fix the cassette or re-record it")
            }
            return try cassette(elements, file: file) { (element) throws(CassetteError) in try interaction(element, file: file) }
        }
        // Azure SDK test proxy session records (openai-dotnet): `Entries`.
        if let entries = tree["Entries"]?.elements {
            return try cassette(entries, file: file) { (entry) throws(CassetteError) in try testProxyEntry(entry, file: file) }
        }
        // HAR (Polly.js, browsers): `log.entries`.
        if let entries = tree["log"]?["entries"]?.elements {
            return try cassette(entries, file: file) { (entry) throws(CassetteError) in try harEntry(entry, file: file) }
        }
        // nock's recorder: a list of `{scope, method, path, body, status, response}`.
        if let elements = tree.elements, !elements.isEmpty, elements.allSatisfy({ $0["scope"] != nil && $0["method"] != nil }) {
            return try cassette(elements, file: file) { (element) throws(CassetteError) in try nockDefinition(element, file: file) }
        }
        if tree["request"] != nil, tree["response"] != nil {
            return Cassette(path: file, interactions: [try interaction(tree, file: file)], lines: [tree.line ?? 1])
        }
        throw CassetteError(file: file, line: tree.line ?? 1,
                            reason: "not an HTTP cassette: none of VCR's \"interactions\"/\"http_interactions\", a test proxy's \"Entries\", HAR's \"log.entries\", nock's definitions or a \"request\"/\"response\" pair",
                            fix: "pass cassette files or folders only", kind: .notACassette)
    }

    private static func cassette(_ elements: [CassetteTree], file: String, _ read: (CassetteTree) throws(CassetteError) -> Interaction) throws(CassetteError) -> Cassette {
        var interactions: [Interaction] = []
        var lines: [Int?] = []
        for element in elements {
            interactions.append(try read(element))
            lines.append(element.line)
        }
        return Cassette(path: file, interactions: interactions, lines: lines)
    }

    private static func broken(_ file: String, _ tree: CassetteTree?, _ reason: String) -> CassetteError {
        CassetteError(file: file, line: tree?.line, reason: reason, fix: "fix the cassette or re-record it")
    }

    /// A VCR interaction: `request: {method, uri|url, headers, body}`, `response: {status: {code}
    /// | status_code | code, headers, body}`; bodies as text, `{string | base64_string}` (Ruby
    /// VCR, VCR.py), or a structure (`parsed_body`, a mapping).
    private static func interaction(_ tree: CassetteTree, file: String) throws(CassetteError) -> Interaction {
        guard let request = tree["request"], let response = tree["response"] else {
            throw broken(file, tree, "an interaction needs \"request\" and \"response\"")
        }
        guard let method = request["method"]?.text else { throw broken(file, request, "the request has no method") }
        guard let uri = (request["uri"] ?? request["url"])?.text else { throw broken(file, request, "the request has no uri") }
        let requestHeaders = headers(request["headers"])
        let requestBody = body(request["parsed_body"] ?? request["body"] ?? request["content"], headers: requestHeaders)
        // A body kept as text can be checked against the length the client declared.
        let recordedText = request["parsed_body"] == nil ? (request["body"]?["string"] ?? request["body"] ?? request["content"])?.stringScalar : nil
        let alteredBody = recordedText.flatMap { AlteredRequestBody.check(text: $0, headers: requestHeaders) }
        // `status: {code: 200}` (VCR.py, Ruby VCR), `status_code: 200`, go-vcr's `code: 200` (and
        // its `status: "200 OK"`).
        let statusTree = response["status"] ?? response["status_code"] ?? response["code"]
        let statusText = response["code"]?.text ?? statusTree?["code"]?.text ?? statusTree?.text
        guard let statusText, let status = Int(statusText) ?? Int(statusText.prefix { $0.isNumber }) else { throw broken(file, response, "the response has no status code") }
        var made = try make(method: method, uri: uri, requestHeaders: requestHeaders, requestBody: requestBody, status: status, statusLine: statusTree?.line ?? response.line,
                            responseHeaders: headers(response["headers"]), responseBody: { headers in body(response["parsed_body"] ?? response["body"] ?? response["content"], headers: headers) },
                            file: file)
        made.request.alteredBody = alteredBody
        return made
    }

    /// An interaction from a recorder's parts: the status checked, transfer headers dropped
    /// (the replayed body is sent decoded), the path taken from the URI.
    static func make(method: String, uri: String, requestHeaders: HeaderFields, requestBody: RecordedBody, status: Int, statusLine: Int?,
                             responseHeaders: HeaderFields, responseBody: (HeaderFields) -> RecordedBody, file: String) throws(CassetteError) -> Interaction {
        guard RecordedResponse.validStatuses.contains(status) else {
            throw CassetteError(file: file, line: statusLine, reason: "response status \(status) is not an HTTP status code (100–599)", fix: "fix the cassette or re-record it")
        }
        let transferHeaders: Set<String> = ["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive"]
        return Interaction(
            request: RecordedRequest(method: method, path: pathAndQuery(of: uri), headers: requestHeaders.filter { !transferHeaders.contains($0.name.lowercased()) }, body: requestBody),
            response: RecordedResponse(status: status, headers: responseHeaders.filter { !transferHeaders.contains($0.name.lowercased()) }, body: responseBody(responseHeaders))
        )
    }

    /// An Azure SDK test-proxy entry: `RequestUri`, `RequestMethod`, `RequestHeaders`,
    /// `RequestBody` (a structure, a string, or null), `StatusCode`, `ResponseHeaders`, `ResponseBody`.
    private static func testProxyEntry(_ entry: CassetteTree, file: String) throws(CassetteError) -> Interaction {
        guard let method = entry["RequestMethod"]?.text, let uri = entry["RequestUri"]?.text else { throw broken(file, entry, "a test-proxy entry needs RequestMethod and RequestUri") }
        guard let statusText = entry["StatusCode"]?.text, let status = Int(statusText) else { throw broken(file, entry, "a test-proxy entry has no StatusCode") }
        let requestHeaders = headers(entry["RequestHeaders"])
        return try make(method: method, uri: uri, requestHeaders: requestHeaders, requestBody: body(entry["RequestBody"], headers: requestHeaders), status: status,
                        statusLine: entry.line, responseHeaders: headers(entry["ResponseHeaders"]), responseBody: { headers in body(entry["ResponseBody"], headers: headers) }, file: file)
    }

    /// A HAR entry: `request: {method, url, headers: [{name, value}], postData: {text}}`,
    /// `response: {status, headers, content: {text, encoding}}`.
    private static func harEntry(_ entry: CassetteTree, file: String) throws(CassetteError) -> Interaction {
        guard let request = entry["request"], let response = entry["response"], let method = request["method"]?.text, let uri = request["url"]?.text else {
            throw broken(file, entry, "a HAR entry needs request.method and request.url")
        }
        guard let statusText = response["status"]?.text, let status = Int(statusText) else { throw broken(file, response, "a HAR entry has no response.status") }
        let requestHeaders = nameValueHeaders(request["headers"])
        var content = response["content"]?["text"]
        if response["content"]?["encoding"]?.text == "base64", let text = content?.text, let bytes = Base64.decode(text) { content = .binary(bytes, line: content?.line) }
        return try make(method: method, uri: uri, requestHeaders: requestHeaders, requestBody: body(request["postData"]?["text"], headers: requestHeaders), status: status,
                        statusLine: response.line, responseHeaders: nameValueHeaders(response["headers"]), responseBody: { headers in body(content, headers: headers) }, file: file)
    }

    /// A nock definition: `{scope, method, path, body, status, response, rawHeaders | headers}`.
    private static func nockDefinition(_ definition: CassetteTree, file: String) throws(CassetteError) -> Interaction {
        guard let method = definition["method"]?.text, let path = definition["path"]?.text else { throw broken(file, definition, "a nock definition needs method and path") }
        let status = definition["status"]?.text.flatMap { Int($0) } ?? 200
        var responseHeaders = headers(definition["headers"])
        if let raw = definition["rawHeaders"] {
            if let pairs = raw.elements {
                var index = 0
                while index + 1 < pairs.count {
                    if let name = pairs[index].text, let value = pairs[index + 1].text { responseHeaders.append(name, value) }
                    index += 2
                }
            } else {
                responseHeaders = headers(raw)
            }
        }
        return try make(method: method.uppercased(), uri: path, requestHeaders: HeaderFields(), requestBody: body(definition["body"], headers: HeaderFields()), status: status,
                        statusLine: definition.line, responseHeaders: responseHeaders, responseBody: { headers in body(definition["response"], headers: headers) }, file: file)
    }

    private static func nameValueHeaders(_ tree: CassetteTree?) -> HeaderFields {
        var headers = HeaderFields()
        for element in tree?.elements ?? [] {
            if let name = element["name"]?.text, let value = element["value"]?.text { headers.append(name, value) }
        }
        return headers
    }

    /// The path and query of a recorded URI (`https://host/v1/x?q` → `/v1/x?q`).
    static func pathAndQuery(of uri: String) -> String {
        guard let scheme = uri.firstRange(of: "://") else { return uri.hasPrefix("/") ? uri : "/" + uri }
        let rest = uri[scheme.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let path = String(rest[slash...])
        return path.hasPrefix("?") ? "/" + path : path
    }

    private static func headers(_ tree: CassetteTree?) -> HeaderFields {
        guard case .mapping(let members, _)? = tree else { return HeaderFields() }
        var headers = HeaderFields()
        for member in members {
            switch member.value {
            case .sequence(let values, _): for value in values { if let text = value.text { headers.append(member.key, text) } }
            default: if let text = member.value.text { headers.append(member.key, text) }
            }
        }
        return headers
    }

    /// A recorded body from a recorder's tree: text, `{string | base64_string}`, a structure, or
    /// bytes; gzip and deflate decoded (`Gzip.decodedBody`).
    static func body(_ tree: CassetteTree?, headers: HeaderFields) -> RecordedBody {
        guard var tree else { return .empty }
        if case .mapping(let members, _) = tree {
            // `{string: …}` / `{encoding: …, string: …}` / `{base64_string: …}` hold the text; any
            // other mapping is the body itself, kept as a structure (`parsed_body`, a JSON body).
            let wrapperKeys: Set<String> = ["string", "base64_string", "encoding"]
            if tree["string"] != nil || tree["base64_string"] != nil, members.allSatisfy({ wrapperKeys.contains($0.key) }) {
                let inner = (tree["string"] ?? tree["base64_string"])!
                if tree["base64_string"] != nil, let text = inner.text, let bytes = Base64.decode(text) {
                    tree = .binary(bytes, line: tree.line)
                } else {
                    tree = inner
                }
            } else {
                return .json(tree.json)
            }
        }
        var bytes: [UInt8]
        switch tree {
        case .null: return .empty
        case .sequence(let elements, _):
            // Azure's test proxy keeps an event stream as its lines, a JSON array of strings.
            let lines = elements.compactMap(\.text)
            if lines.count == elements.count, !lines.isEmpty, headers["content-type"]?.lowercased().hasPrefix("text/event-stream") == true {
                bytes = Array(lines.joined().utf8)
            } else {
                return .json(tree.json)
            }
        case .mapping: return .empty
        case .binary(let data, _): bytes = data
        case .literal(let text, _): bytes = Array(text.utf8)
        case .text(let text, _):
            bytes = Array(text.utf8)
            if text.hasPrefix("H4sI"), let decoded = Base64.decode(text), Gzip.isGzip(decoded) { bytes = decoded }
        }
        return RecordedBody(decoded: Gzip.decodedBody(bytes, contentEncoding: headers["content-encoding"] ?? ""))
    }

    private static func yamlLine(of error: any Error, in text: String) -> Int? {
        guard let yamlError = error as? YamlError else { return nil }
        switch yamlError {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .reader(_, let offset?, _, _):
            // The offset counts characters; the line is one more than the line breaks before it.
            var line = 1
            for character in text.prefix(offset) where character.isNewline { line += 1 }
            return line
        default: return nil
        }
    }

    /// The problem alone, at most 200 characters: Yams's descriptions quote the offending line,
    /// and a cassette's line can be a 250 KB body (the whole of it used to be echoed).
    private static func yamlProblem(of error: any Error) -> String {
        let problem: String
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let text, _, _), .parser(_, let text, _, _), .composer(_, let text, _, _), .reader(let text, _, _, _): problem = text
            default: problem = "\(yamlError)"
            }
        } else {
            problem = "\(error)"
        }
        let oneLine = problem.split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count <= 200 ? oneLine : oneLine.prefix(200) + "…"
    }
}
