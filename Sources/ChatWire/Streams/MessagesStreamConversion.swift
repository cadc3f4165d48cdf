/// Converts a Messages API answer between its two wire forms (`serve --convert-streams`): a
/// `message` JSON body into Anthropic's events (`message_start`, per content block its start,
/// one delta and stop, `message_delta` with the stop reason and output tokens, `message_stop`),
/// and a stream back into the message it builds. Nothing is invented but the event framing.
public enum MessagesStreamConversion {
    /// The events of a stream that says what `message` says.
    public static func events(from message: JSONValue) throws(ChatStreamConversion.Failure) -> [ServerSentEvent] {
        guard message["type"]?.stringValue ?? "message" == "message", let content = message["content"]?.arrayValue else {
            throw ChatStreamConversion.Failure(description: "the recorded body is not a Messages API message with content")
        }
        let usage = message["usage"] ?? .object([])
        var events = [JSONValue.typedEvent("message_start", [JSONMember("message", message
            .setting("content", .array([])).setting("stop_reason", .null).setting("stop_sequence", .null)
            .setting("usage", usage.setting("output_tokens", .integer(0))))])]
        for (index, block) in content.enumerated() {
            let position = JSONMember("index", .integer(index))
            var deltas: [JSONValue] = []
            var start = block
            switch block["type"]?.stringValue {
            case "text":
                start = block.setting("text", "")
                deltas = [.object([JSONMember("type", "text_delta"), JSONMember("text", block["text"] ?? "")])]
            case "tool_use", "server_tool_use":
                start = block.setting("input", .object([]))
                deltas = [.object([JSONMember("type", "input_json_delta"), JSONMember("partial_json", .string(JSONWriter.string(block["input"] ?? .object([]))))])]
            case "thinking":
                start = block.setting("thinking", "").setting("signature", "")
                deltas = [.object([JSONMember("type", "thinking_delta"), JSONMember("thinking", block["thinking"] ?? "")])]
                if let signature = block["signature"] { deltas.append(.object([JSONMember("type", "signature_delta"), JSONMember("signature", signature)])) }
            default:
                break
            }
            events.append(JSONValue.typedEvent("content_block_start", [position, JSONMember("content_block", start)]))
            for delta in deltas { events.append(JSONValue.typedEvent("content_block_delta", [position, JSONMember("delta", delta)])) }
            events.append(JSONValue.typedEvent("content_block_stop", [position]))
        }
        events.append(JSONValue.typedEvent("message_delta", [
            JSONMember("delta", .object([JSONMember("stop_reason", message["stop_reason"] ?? .null), JSONMember("stop_sequence", message["stop_sequence"] ?? .null)])),
            JSONMember("usage", .object([JSONMember("output_tokens", usage["output_tokens"] ?? .integer(0))])),
        ]))
        events.append(JSONValue.typedEvent("message_stop", []))
        return events
    }

    /// The message a stream builds: `message_start`'s message, each block started and extended
    /// by its deltas (text, tool input JSON, thinking, signature), `message_delta`'s stop reason
    /// and usage merged in.
    public static func message(from events: [ServerSentEvent]) throws(ChatStreamConversion.Failure) -> JSONValue {
        var message: JSONValue?
        var blocks: [JSONValue] = []
        var partialJSON: [Int: String] = [:]
        for event in events {
            guard let value = try? JSONParser.parse(event.data) else { continue }
            let index = value["index"]?.intValue ?? 0
            switch value["type"]?.stringValue {
            case "message_start": message = value["message"]
            case "content_block_start":
                while blocks.count <= index { blocks.append(.null) }
                blocks[index] = value["content_block"] ?? .null
            case "content_block_delta" where index < blocks.count:
                let delta = value["delta"]
                switch delta?["type"]?.stringValue {
                case "text_delta": blocks[index] = blocks[index].setting("text", .string((blocks[index]["text"]?.stringValue ?? "") + (delta?["text"]?.stringValue ?? "")))
                case "thinking_delta": blocks[index] = blocks[index].setting("thinking", .string((blocks[index]["thinking"]?.stringValue ?? "") + (delta?["thinking"]?.stringValue ?? "")))
                case "signature_delta": blocks[index] = blocks[index].setting("signature", delta?["signature"] ?? "")
                case "input_json_delta": partialJSON[index, default: ""] += delta?["partial_json"]?.stringValue ?? ""
                default: break
                }
            case "content_block_stop" where index < blocks.count:
                if let json = partialJSON[index] {
                    blocks[index] = blocks[index].setting("input", json.isEmpty ? .object([]) : ((try? JSONParser.parse(json)) ?? .string(json)))
                }
            case "message_delta":
                for member in value["delta"]?.objectMembers ?? [] { message = message?.setting(member.key, member.value) }
                if let usage = value["usage"]?.objectMembers {
                    var merged = message?["usage"] ?? .object([])
                    for member in usage where !member.value.isNull { merged = merged.setting(member.key, member.value) }
                    message = message?.setting("usage", merged)
                }
            default: break
            }
        }
        guard let message else { throw ChatStreamConversion.Failure(description: "the recorded stream has no message_start event") }
        return message.setting("content", .array(blocks))
    }
}
