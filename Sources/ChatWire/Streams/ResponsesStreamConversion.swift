/// Converts a Responses API answer between its two wire forms (`serve --convert-streams`): a
/// `response` JSON body into the events a `stream: true` client reads (`response.created`, each
/// output item added, its text or arguments as one delta, done, `response.completed`), and a
/// stream back into the response its last `response.completed` (or `incomplete`, `failed`) event
/// carries. Nothing is invented but the event framing and sequence numbers.
public enum ResponsesStreamConversion {
    /// The events of a stream that says what `response` says.
    public static func events(from response: JSONValue) throws(ChatStreamConversion.Failure) -> [ServerSentEvent] {
        guard response["object"]?.stringValue ?? "response" == "response", let output = response["output"]?.arrayValue else {
            throw ChatStreamConversion.Failure(description: "the recorded body is not a Responses API response with output")
        }
        var events: [ServerSentEvent] = []
        func emit(_ type: String, _ fields: [JSONMember]) {
            events.append(JSONValue.typedEvent(type, fields + [JSONMember("sequence_number", .integer(events.count))]))
        }
        let started = response.setting("status", "in_progress").setting("output", .array([])).setting("usage", .null)
        emit("response.created", [JSONMember("response", started)])
        emit("response.in_progress", [JSONMember("response", started)])
        for (index, item) in output.enumerated() {
            let outputIndex = JSONMember("output_index", .integer(index))
            let itemID = JSONMember("item_id", item["id"] ?? .null)
            switch item["type"]?.stringValue {
            case "message":
                emit("response.output_item.added", [outputIndex, JSONMember("item", item.setting("status", "in_progress").setting("content", .array([])))])
                for (partIndex, part) in (item["content"]?.arrayValue ?? []).enumerated() {
                    let contentIndex = JSONMember("content_index", .integer(partIndex))
                    if part["type"]?.stringValue == "refusal" {
                        emit("response.content_part.added", [itemID, outputIndex, contentIndex, JSONMember("part", part.setting("refusal", ""))])
                        emit("response.refusal.delta", [itemID, outputIndex, contentIndex, JSONMember("delta", part["refusal"] ?? "")])
                        emit("response.refusal.done", [itemID, outputIndex, contentIndex, JSONMember("refusal", part["refusal"] ?? "")])
                    } else {
                        emit("response.content_part.added", [itemID, outputIndex, contentIndex, JSONMember("part", part.setting("text", "").setting("annotations", .array([])))])
                        emit("response.output_text.delta", [itemID, outputIndex, contentIndex, JSONMember("delta", part["text"] ?? "")])
                        emit("response.output_text.done", [itemID, outputIndex, contentIndex, JSONMember("text", part["text"] ?? "")])
                    }
                    emit("response.content_part.done", [itemID, outputIndex, contentIndex, JSONMember("part", part)])
                }
            case "function_call":
                emit("response.output_item.added", [outputIndex, JSONMember("item", item.setting("status", "in_progress").setting("arguments", ""))])
                emit("response.function_call_arguments.delta", [itemID, outputIndex, JSONMember("delta", item["arguments"] ?? "")])
                emit("response.function_call_arguments.done", [itemID, outputIndex, JSONMember("arguments", item["arguments"] ?? "")])
            default:
                emit("response.output_item.added", [outputIndex, JSONMember("item", item)])
            }
            emit("response.output_item.done", [outputIndex, JSONMember("item", item)])
        }
        let status = response["status"]?.stringValue ?? "completed"
        emit(status == "incomplete" ? "response.incomplete" : status == "failed" ? "response.failed" : "response.completed", [JSONMember("response", response)])
        return events
    }

    /// The response a stream ends with (its last `response.completed`, `incomplete` or `failed`).
    public static func response(from events: [ServerSentEvent]) throws(ChatStreamConversion.Failure) -> JSONValue {
        for event in events.reversed() {
            guard let value = try? JSONParser.parse(event.data) else { continue }
            switch value["type"]?.stringValue {
            case "response.completed", "response.incomplete", "response.failed":
                if let response = value["response"] { return response }
            default: continue
            }
        }
        throw ChatStreamConversion.Failure(description: "the recorded stream has no response.completed event")
    }
}
