import ChatWire

/// Puts a streamed answer (`stream: true`) back together: the text of the first choice's deltas,
/// the finish reason, and the usage of the final chunk (`stream_options.include_usage`). A
/// stream that ends without `data: [DONE]` was cut and is an error, so the client retries it.
public enum StreamedCompletion {
    /// Why a stream could not be assembled.
    public struct Broken: Error, Sendable, CustomStringConvertible {
        /// What was wrong.
        public var description: String
    }

    /// The completion the events of a whole response body describe.
    public static func assemble(_ body: [UInt8]) throws(Broken) -> ChatCompletion {
        let events = ServerSentEventParser.events(in: String(decoding: body, as: UTF8.self))
        guard events.last?.isDone == true else {
            throw Broken(description: "the stream ended after \(events.count) events without [DONE] (a dropped stream)")
        }
        var id = "", model: String?, created: Int?
        var content = ""
        var finishReason: String?
        var usage: Usage?
        for event in events where !event.isDone {
            let chunk: ChatCompletionChunk
            do {
                chunk = try ChatCompletionChunk(json: try JSONParser.parse(event.data), path: "")
            } catch {
                throw Broken(description: "an event is not a chat.completion.chunk: \(error)")
            }
            if id.isEmpty { id = chunk.id }
            model = model ?? chunk.model
            created = created ?? chunk.created
            if let choice = chunk.choices.first(where: { ($0.index ?? 0) == 0 }) {
                content += choice.delta?.text ?? ""
                finishReason = choice.finishReason ?? finishReason
            }
            usage = chunk.usage ?? usage
        }
        let choice = ChatChoice(index: 0, message: .text("assistant", content), finishReason: finishReason)
        return ChatCompletion(id: id, created: created, model: model, choices: [choice], usage: usage)
    }
}
