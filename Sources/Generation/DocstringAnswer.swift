import ChatWire
import Foundation

/// The structured answer a model gives for one docstring: what `response_format` asks for and
/// what the renderers turn into Google, NumPy or Sphinx text.
public struct DocstringAnswer: Sendable, Hashable, Codable {
    /// One documented parameter.
    public struct Parameter: Sendable, Hashable, Codable {
        /// The parameter's name as in the signature.
        public var name: String
        /// Its type, as the model describes it (may be empty).
        public var type: String
        /// What it is for.
        public var description: String

        /// Creates a parameter entry.
        public init(name: String, type: String, description: String) {
            self.name = name
            self.type = type
            self.description = description
        }
    }

    /// What is returned or yielded; an empty description means nothing is.
    public struct Value: Sendable, Hashable, Codable {
        /// The type (may be empty).
        public var type: String
        /// What it is; empty when nothing is returned or yielded.
        public var description: String

        /// Creates a value entry.
        public init(type: String, description: String) {
            self.type = type
            self.description = description
        }

        /// Whether the entry says anything.
        public var isEmpty: Bool { description.isEmpty && type.isEmpty }
    }

    /// One exception the symbol raises.
    public struct Raised: Sendable, Hashable, Codable {
        /// The exception class.
        public var exception: String
        /// When it is raised.
        public var description: String

        /// Creates an exception entry.
        public init(exception: String, description: String) {
            self.exception = exception
            self.description = description
        }
    }

    /// The one-line summary.
    public var summary: String
    /// Further paragraphs (may be empty).
    public var description: String
    /// The parameters in signature order.
    public var parameters: [Parameter]
    /// What is returned.
    public var returns: Value
    /// What is yielded.
    public var yields: Value
    /// The exceptions raised.
    public var raises: [Raised]
    /// Doctest-style examples, each one or more `>>>` lines with their output.
    public var examples: [String]

    /// Creates an answer.
    public init(summary: String, description: String = "", parameters: [Parameter] = [], returns: Value = Value(type: "", description: ""),
                yields: Value = Value(type: "", description: ""), raises: [Raised] = [], examples: [String] = []) {
        self.summary = summary
        self.description = description
        self.parameters = parameters
        self.returns = returns
        self.yields = yields
        self.raises = raises
        self.examples = examples
    }

    /// The JSON schema of an answer, strict (every member required, nothing else allowed), as
    /// OpenAI's structured outputs require.
    public static let schema: JSONValue = {
        func object(_ properties: [(String, JSONValue)]) -> JSONValue {
            .object([
                JSONMember("type", "object"),
                JSONMember("properties", .object(properties.map { JSONMember($0.0, $0.1) })),
                JSONMember("required", .array(properties.map { .string($0.0) })),
                JSONMember("additionalProperties", false),
            ])
        }
        func string(_ description: String, minLength: Int? = nil) -> JSONValue {
            var members = [JSONMember("type", "string"), JSONMember("description", .string(description))]
            if let minLength { members.append(JSONMember("minLength", .integer(minLength))) }
            return .object(members)
        }
        func array(of items: JSONValue) -> JSONValue {
            .object([JSONMember("type", "array"), JSONMember("items", items)])
        }
        let value = object([("type", string("The type, or empty")), ("description", string("What it is; empty when there is none"))])
        return object([
            ("summary", string("One line, imperative mood, ending with a period", minLength: 1)),
            ("description", string("Further explanation, or empty")),
            ("parameters", array(of: object([("name", string("The name in the signature", minLength: 1)), ("type", string("The type, or empty")), ("description", string("What it is for", minLength: 1))]))),
            ("returns", value),
            ("yields", value),
            ("raises", array(of: object([("exception", string("The exception class", minLength: 1)), ("description", string("When it is raised", minLength: 1))]))),
            ("examples", array(of: string("A doctest: '>>> ' lines and their output"))),
        ])
    }()

    /// The `response_format` that asks for an answer.
    public static var responseFormat: ResponseFormat {
        .jsonSchema(name: "docstring", schema: schema, strict: true)
    }

    /// Why an answer was rejected.
    public struct Rejection: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong, each problem on its own.
        public var problems: [String]
        public var description: String { "the answer does not match the docstring schema: " + problems.prefix(5).joined(separator: "; ") }
    }

    /// Reads and validates a model's answer text (the message content).
    public static func parse(_ content: String) throws(Rejection) -> DocstringAnswer {
        let value: JSONValue
        do {
            value = try JSONParser.parse(content)
        } catch {
            throw Rejection(problems: ["not JSON (\(error.description))"])
        }
        let violations = JSONSchemaValidator(schema: schema).violations(of: value)
        guard violations.isEmpty else { throw Rejection(problems: violations.map(\.description)) }
        do {
            return try JSONDecoder().decode(DocstringAnswer.self, from: Data(JSONWriter.bytes(value)))
        } catch {
            throw Rejection(problems: ["\(error)"])
        }
    }

    /// The answer as JSON (what a model would have sent).
    public var json: JSONValue {
        (try? JSONEncoder().encode(self)).flatMap { try? JSONParser.parse([UInt8]($0)) } ?? .null
    }
}
