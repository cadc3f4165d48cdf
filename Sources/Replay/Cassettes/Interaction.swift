import ChatWire

/// A request as recorded.
public struct RecordedRequest: Sendable, Hashable {
    /// `POST`, `GET`, …
    public var method: String
    /// The path with its query, without scheme and host (`/v1/chat/completions`).
    public var path: String
    /// The headers (secrets never kept).
    public var headers: HeaderFields
    /// The body.
    public var body: RecordedBody
    /// Set when the body is not the one sent: its length fits none of the ways the client could
    /// have written it, given the `Content-Length` it declared (edited after recording).
    public var alteredBody: AlteredRequestBody?

    /// Creates a request.
    public init(method: String, path: String, headers: HeaderFields = HeaderFields(), body: RecordedBody, alteredBody: AlteredRequestBody? = nil) {
        self.method = method.uppercased()
        self.path = path
        self.headers = headers
        self.body = body
        self.alteredBody = alteredBody
    }

    /// The chat-completions route, when the request is one.
    public var chatRoute: ChatRoute? { method == "POST" ? ChatRoute(pathAndQuery: path) : nil }

    /// The typed chat-completions body, when the request is one and its body reads as one.
    public var chatRequest: ChatCompletionRequest? {
        guard chatRoute != nil, let value = body.jsonValue else { return nil }
        return try? ChatCompletionRequest(json: value)
    }
}

/// A response as recorded.
public struct RecordedResponse: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The status codes a response can have; a cassette with another is refused when it loads
    /// (a server cannot send it, and trying used to crash the replay).
    public static let validStatuses = 100 ... 599
    /// The headers, without those that describe the recorded transfer (length, encoding, chunking).
    public var headers: HeaderFields
    /// The body, decompressed.
    public var body: RecordedBody

    /// Creates a response.
    public init(status: Int, headers: HeaderFields = HeaderFields(), body: RecordedBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// One request and the response it got, with when and how long.
public struct Interaction: Sendable, Hashable {
    /// The request.
    public var request: RecordedRequest
    /// The response.
    public var response: RecordedResponse
    /// When it was recorded (ISO 8601), if known.
    public var recordedAt: String?
    /// How long the server took, in milliseconds, if known.
    public var durationMilliseconds: Double?

    /// Creates an interaction.
    public init(request: RecordedRequest, response: RecordedResponse, recordedAt: String? = nil, durationMilliseconds: Double? = nil) {
        self.request = request
        self.response = response
        self.recordedAt = recordedAt
        self.durationMilliseconds = durationMilliseconds
    }
}

/// Where an interaction came from: its file and its position there, for messages.
public struct InteractionSource: Sendable, Hashable, CustomStringConvertible {
    /// The cassette file.
    public var file: String
    /// The 0-based index of the interaction in that file.
    public var index: Int
    /// The 1-based line where it starts, when known.
    public var line: Int?

    /// Creates a source.
    public init(file: String, index: Int, line: Int? = nil) {
        self.file = file
        self.index = index
        self.line = line
    }

    public var description: String {
        line.map { "\(file):\($0) (interaction \(index + 1))" } ?? "\(file) (interaction \(index + 1))"
    }
}

/// A cassette: the interactions of one suite, in recorded order.
public struct Cassette: Sendable, Hashable {
    /// The file it was read from or is written to.
    public var path: String
    /// The interactions.
    public var interactions: [Interaction]
    /// The line each interaction starts at in the file, when known (same count as `interactions`).
    public var lines: [Int?]

    /// Creates a cassette.
    public init(path: String, interactions: [Interaction], lines: [Int?]? = nil) {
        self.path = path
        self.interactions = interactions
        self.lines = lines ?? Array(repeating: nil, count: interactions.count)
    }

    /// The source of interaction `index`.
    public func source(of index: Int) -> InteractionSource {
        InteractionSource(file: path, index: index, line: index < lines.count ? lines[index] : nil)
    }
}
