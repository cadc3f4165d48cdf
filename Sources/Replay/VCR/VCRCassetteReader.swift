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
        if document["request"] != nil, document["response"] != nil {
            let interaction = try self.interaction(CassetteTree(json: document, line: 1), file: file)
            return Cassette(path: file, interactions: [interaction], lines: [1])
        }
        throw CassetteError(file: file, line: 1, reason: "not a cassette: no \"interactions\" list and no \"request\"/\"response\" pair", fix: "pass cassette files or folders only")
    }

    private static func read(_ tree: CassetteTree, file: String) throws(CassetteError) -> Cassette {
        guard let list = tree["interactions"] else {
            throw CassetteError(file: file, line: tree.line ?? 1, reason: "not a VCR cassette: no \"interactions\" list", fix: "pass cassette files or folders only")
        }
        if case .null = list { return Cassette(path: file, interactions: []) }
        guard let elements = list.elements else {
            throw CassetteError(file: file, line: list.line, reason: "\"interactions\" must be a list", fix: "fix the cassette or re-record it")
        }
        var interactions: [Interaction] = []
        var lines: [Int?] = []
        for element in elements {
            interactions.append(try interaction(element, file: file))
            lines.append(element.line)
        }
        return Cassette(path: file, interactions: interactions, lines: lines)
    }

    private static func interaction(_ tree: CassetteTree, file: String) throws(CassetteError) -> Interaction {
        guard let request = tree["request"], let response = tree["response"] else {
            throw CassetteError(file: file, line: tree.line, reason: "an interaction needs \"request\" and \"response\"", fix: "fix the cassette or re-record it")
        }
        guard let method = request["method"]?.text else {
            throw CassetteError(file: file, line: request.line, reason: "the request has no method", fix: "fix the cassette or re-record it")
        }
        guard let uri = (request["uri"] ?? request["url"])?.text else {
            throw CassetteError(file: file, line: request.line, reason: "the request has no uri", fix: "fix the cassette or re-record it")
        }
        let requestHeaders = headers(request["headers"])
        let requestBody = body(request["body"] ?? request["content"], headers: requestHeaders)

        let statusTree = response["status"] ?? response["status_code"]
        let statusText = statusTree?["code"]?.text ?? statusTree?.text
        guard let statusText, let status = Int(statusText) else {
            throw CassetteError(file: file, line: response.line, reason: "the response has no status code", fix: "fix the cassette or re-record it")
        }
        guard RecordedResponse.validStatuses.contains(status) else {
            throw CassetteError(file: file, line: (statusTree ?? response).line, reason: "response status \(status) is not an HTTP status code (100–599)", fix: "fix the cassette or re-record it")
        }
        let responseHeaders = headers(response["headers"])
        let responseBody = body(response["body"] ?? response["content"], headers: responseHeaders)
        let transferHeaders: Set<String> = ["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive"]
        return Interaction(
            request: RecordedRequest(method: method, path: pathAndQuery(of: uri), headers: requestHeaders.filter { !transferHeaders.contains($0.name.lowercased()) }, body: requestBody),
            response: RecordedResponse(status: status, headers: responseHeaders.filter { !transferHeaders.contains($0.name.lowercased()) }, body: responseBody)
        )
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

    private static func body(_ tree: CassetteTree?, headers: HeaderFields) -> RecordedBody {
        guard var tree else { return .empty }
        if case .mapping = tree {
            guard let inner = tree["string"] ?? tree["base64_string"] else { return .empty }
            if tree["base64_string"] != nil, let text = inner.text, let bytes = Base64.decode(text) {
                tree = .binary(bytes, line: tree.line)
            } else {
                tree = inner
            }
        }
        var bytes: [UInt8]
        switch tree {
        case .null: return .empty
        case .binary(let data, _): bytes = data
        case .text(let text, _):
            bytes = Array(text.utf8)
            if text.hasPrefix("H4sI"), let decoded = Base64.decode(text), Gzip.isGzip(decoded) { bytes = decoded }
        default: return .empty
        }
        let encoding = headers["content-encoding"]?.lowercased() ?? ""
        if Gzip.isGzip(bytes) || encoding.contains("gzip") || encoding.contains("deflate") {
            if let inflated = Gzip.decompress(bytes) ?? Gzip.decompress(bytes, raw: true) { bytes = inflated }
        }
        return RecordedBody(decoded: bytes)
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
