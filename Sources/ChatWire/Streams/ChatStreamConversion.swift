/// Converts a chat completion between its two wire forms, for a replay server asked to serve a
/// recording in the form it was not recorded in (`serve --convert-streams`): a `chat.completion`
/// JSON body into the `chat.completion.chunk` events a `stream: true` client expects, and a stream
/// back into the one JSON body. Every field of the recording is carried over (tool calls,
/// refusals, logprobs, the system fingerprint); nothing is invented but the chunk framing.
public enum ChatStreamConversion {
    /// Why a recording cannot be converted.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the recording.
        public var description: String
    }

    /// The events of a stream that says what `completion` says: a role chunk, a content (or tool
    /// call, or refusal) chunk and a finish chunk per choice; when `includeUsage`, every chunk
    /// carries `"usage": null` and a last chunk with no choices carries the usage; then `[DONE]`.
    public static func events(from completion: JSONValue, includeUsage: Bool) throws(Failure) -> [ServerSentEvent] {
        guard completion["object"]?.stringValue == "chat.completion", let choices = completion["choices"]?.arrayValue else {
            throw Failure(description: "the recorded body is not a chat.completion with choices")
        }
        var header: [JSONMember] = []
        for field in ["id", "created", "model", "service_tier", "system_fingerprint"] {
            if let value = completion[field] { header.append(JSONMember(field, value)) }
        }
        func chunk(_ choices: [JSONValue], usage: JSONValue? = nil) -> ServerSentEvent {
            var members = [JSONMember("object", "chat.completion.chunk")] + header + [JSONMember("choices", .array(choices))]
            members.sort { order($0.key) < order($1.key) }
            if includeUsage { members.append(JSONMember("usage", usage ?? .null)) }
            return ServerSentEvent(data: String(decoding: JSONWriter.bytes(.object(members)), as: UTF8.self))
        }
        var events: [ServerSentEvent] = []
        for (position, choice) in choices.enumerated() {
            let index = choice["index"] ?? .integer(position)
            let message = choice["message"]
            let role = message?["role"] ?? "assistant"
            events.append(chunk([.object([
                JSONMember("index", index), JSONMember("delta", .object([JSONMember("role", role), JSONMember("content", "")])),
                JSONMember("logprobs", .null), JSONMember("finish_reason", .null),
            ])]))
            var delta: [JSONMember] = []
            if let content = message?["content"], !content.isNull, content.stringValue != "" { delta.append(JSONMember("content", content)) }
            if let refusal = message?["refusal"], !refusal.isNull { delta.append(JSONMember("refusal", refusal)) }
            if let calls = message?["tool_calls"]?.arrayValue, !calls.isEmpty {
                delta.append(JSONMember("tool_calls", .array(calls.enumerated().map { offset, call in
                    .object([JSONMember("index", .integer(offset))] + (call.objectMembers ?? []))
                })))
            }
            if let call = message?["function_call"], !call.isNull { delta.append(JSONMember("function_call", call)) }
            if !delta.isEmpty {
                events.append(chunk([.object([
                    JSONMember("index", index), JSONMember("delta", .object(delta)),
                    JSONMember("logprobs", choice["logprobs"] ?? .null), JSONMember("finish_reason", .null),
                ])]))
            }
            events.append(chunk([.object([
                JSONMember("index", index), JSONMember("delta", .object([])), JSONMember("logprobs", .null),
                JSONMember("finish_reason", choice["finish_reason"] ?? .null),
            ])]))
        }
        if includeUsage { events.append(chunk([], usage: completion["usage"] ?? .null)) }
        events.append(ServerSentEvent(data: "[DONE]"))
        return events
    }

    /// The `chat.completion` a stream's events describe: each choice's content, refusal, tool
    /// calls (their arguments joined by index) and finish reason; the usage of the chunk that
    /// carries it. A stream without `[DONE]` was cut and is refused.
    public static func completion(from events: [ServerSentEvent]) throws(Failure) -> JSONValue {
        guard events.last?.isDone == true else { throw Failure(description: "the recorded stream ends without [DONE] (it was cut)") }
        struct Choice {
            var role: JSONValue = "assistant"
            var content: String?
            var refusal: String?
            var calls: [Int: (id: JSONValue?, type: JSONValue?, name: String, arguments: String)] = [:]
            var finishReason: JSONValue = .null
            var logprobs: JSONValue = .null
        }
        var header: [String: JSONValue] = [:]
        var choices: [Int: Choice] = [:]
        var usage: JSONValue?
        for event in events where !event.isDone {
            let chunk: JSONValue
            do { chunk = try JSONParser.parse(Array(event.data.utf8)) } catch {
                throw Failure(description: "a recorded event is not JSON: \(error)")
            }
            for field in ["id", "created", "model", "service_tier", "system_fingerprint"] where header[field] == nil {
                if let value = chunk[field], !value.isNull { header[field] = value }
            }
            if let value = chunk["usage"], !value.isNull { usage = value }
            for choice in chunk["choices"]?.arrayValue ?? [] {
                let index = choice["index"]?.intValue ?? 0
                var state = choices[index] ?? Choice()
                let delta = choice["delta"]
                if let role = delta?["role"], !role.isNull { state.role = role }
                if let text = delta?["content"]?.stringValue { state.content = (state.content ?? "") + text }
                if let text = delta?["refusal"]?.stringValue { state.refusal = (state.refusal ?? "") + text }
                for call in delta?["tool_calls"]?.arrayValue ?? [] {
                    let position = call["index"]?.intValue ?? 0
                    var entry = state.calls[position] ?? (nil, nil, "", "")
                    if let id = call["id"], !id.isNull { entry.id = id }
                    if let type = call["type"], !type.isNull { entry.type = type }
                    entry.name += call["function"]?["name"]?.stringValue ?? ""
                    entry.arguments += call["function"]?["arguments"]?.stringValue ?? ""
                    state.calls[position] = entry
                }
                if let reason = choice["finish_reason"], !reason.isNull { state.finishReason = reason }
                if let logprobs = choice["logprobs"], !logprobs.isNull { state.logprobs = logprobs }
                choices[index] = state
            }
        }
        var members: [JSONMember] = []
        if let id = header["id"] { members.append(JSONMember("id", id)) }
        members.append(JSONMember("object", "chat.completion"))
        for field in ["created", "model"] { if let value = header[field] { members.append(JSONMember(field, value)) } }
        members.append(JSONMember("choices", .array(choices.keys.sorted().map { index in
            let state = choices[index]!
            var message: [JSONMember] = [JSONMember("role", state.role), JSONMember("content", state.content.map(JSONValue.string) ?? .null)]
            if let refusal = state.refusal { message.append(JSONMember("refusal", .string(refusal))) }
            if !state.calls.isEmpty {
                message.append(JSONMember("tool_calls", .array(state.calls.keys.sorted().map { position in
                    let call = state.calls[position]!
                    return .object([JSONMember("id", call.id ?? .null), JSONMember("type", call.type ?? "function"),
                                    JSONMember("function", .object([JSONMember("name", .string(call.name)), JSONMember("arguments", .string(call.arguments))]))])
                })))
            }
            return .object([JSONMember("index", .integer(index)), JSONMember("message", .object(message)),
                             JSONMember("logprobs", state.logprobs), JSONMember("finish_reason", state.finishReason)])
        })))
        if let usage { members.append(JSONMember("usage", usage)) }
        for field in ["service_tier", "system_fingerprint"] { if let value = header[field] { members.append(JSONMember(field, value)) } }
        return .object(members)
    }

    /// The order OpenAI writes a chunk's fields in.
    private static func order(_ key: String) -> Int {
        ["id", "object", "created", "model", "service_tier", "system_fingerprint", "choices"].firstIndex(of: key) ?? 99
    }
}
