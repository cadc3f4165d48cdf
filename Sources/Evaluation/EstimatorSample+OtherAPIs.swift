import ChatWire
import Replay

extension EstimatorSample {
    /// Every distinct Responses API or Messages API request of the cassettes whose answer reports
    /// usage, as the chat-completions request the estimators count (`ResponsesRequest` /
    /// `MessagesRequest.chatEquivalent()`); one with no chat form is kept with the reason
    /// (`untranslatable`) so that the benchmark says why it was left out.
    ///
    /// The recorded size is what the server billed as input: the Responses API's
    /// `usage.input_tokens` (from the JSON, or the `response.completed` event), the Messages
    /// API's `input_tokens` + `cache_creation_input_tokens` + `cache_read_input_tokens` (from the
    /// JSON, or `message_start`).
    public static func samples(from cassettes: [Cassette], api: WireAPI) -> [EstimatorSample] {
        if api == .chatCompletions { return samples(from: cassettes) }
        var samples: [EstimatorSample] = []
        var seen: Set<String> = []
        for cassette in cassettes {
            for (index, interaction) in cassette.interactions.enumerated()
            where interaction.request.method == "POST" && interaction.response.status == 200 && WireAPI(path: interaction.request.path) == api {
                guard let body = interaction.request.body.jsonValue, let (tokens, model) = inputUsage(interaction.response.body, api: api),
                      seen.insert(api.rawValue + " " + JSONWriter.string(body.canonical)).inserted else { continue }
                var chat = ChatCompletionRequest(model: nil, messages: [])
                var reason: String?
                do {
                    chat = try api.request(json: body)?.chatEquivalent() ?? chat
                } catch {
                    reason = error.reason
                }
                var sample = EstimatorSample(request: chat, model: model ?? body["model"]?.stringValue ?? "", recordedPromptTokens: tokens,
                                             source: "\(cassette.path)#\(index)", alteredBody: interaction.request.alteredBody)
                sample.api = api
                sample.untranslatable = reason
                samples.append(sample)
            }
        }
        return samples
    }

    /// The input tokens and the model an answer of `api` reports, when it reports them.
    static func inputUsage(_ body: RecordedBody, api: WireAPI) -> (tokens: Int, model: String?)? {
        var objects: [JSONValue] = []
        switch body {
        case .json(let value): objects = [value]
        case .events(let events):
            for event in events where !event.isDone {
                guard let value = try? JSONParser.parse(event.data) else { continue }
                switch value["type"]?.stringValue {
                case "response.completed", "response.incomplete": if let response = value["response"] { objects.append(response) }
                case "message_start": if let message = value["message"] { objects.append(message) }
                default: break
                }
            }
        default: return nil
        }
        for object in objects {
            guard let usage = object["usage"], let input = usage["input_tokens"]?.intValue else { continue }
            let cached = api == .messages
                ? (usage["cache_creation_input_tokens"]?.intValue ?? 0) + (usage["cache_read_input_tokens"]?.intValue ?? 0) : 0
            return (input + cached, object["model"]?.stringValue)
        }
        return nil
    }
}
