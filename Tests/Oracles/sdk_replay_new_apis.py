#!/usr/bin/env python3
"""The official SDKs against recorded chat, Responses API and Messages API traffic, over a real socket.

  sdk_replay_new_apis.py CASSETTE_DIR BASE_URL

For every 200 interaction on `/v1/chat/completions` (the `openai` SDK, `client.chat.completions.create`),
`/v1/responses` (the `openai` SDK, `client.responses.create`) and
`/v1/messages` (the `anthropic` SDK, `client.messages.create`) that replay_oracle.py can read, the
recorded request body is sent through the SDK — its own keyword arguments, the rest as
`extra_body` — to the cassette's own scope (`/c/FILE/`), and what the SDK hands back is compared
with the recording: the parsed object's JSON for a plain answer, the sequence of event types (and
the final response or message) for a Responses or Messages stream, every chunk through the
SDK's model for a chat stream. Prints JSON counts and the first mismatches.

Part of `make test` (SharedCassetteReplayTests, against a fresh in-process server): it runs from
the SDK venv (`make sdk-venv`, Tests/Oracles/requirements-sdk.txt), apart from the oracle venv
because anthropic's dependency `docstring-parser` replaces the module of pydoclint's
`docstring_parser_fork`. Run by hand against a fresh `docharness serve --cassettes
../shared/data/cassettes-more` (episodes advance: a second run against the same server differs).
Measured: cassettes-more chat 913 of 913, Responses 553 of 553, Messages 672 of 672 (779
streams); cassettes chat 1,029, Responses 76, Messages 99, all equal (88 streams). Before the cassette
readers let the bytes decide whether a body is compressed, 27 dd-trace-js Responses recordings
(`Content-Encoding: gzip` over a body stored decoded) came back as one byte.
"""

import inspect
import json
import os
import sys
import urllib.parse

import anthropic
import openai

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_oracle import body_bytes, events, interactions  # noqa: E402


def split_arguments(method, body):
    known = set(inspect.signature(method).parameters)
    arguments = {key: value for key, value in body.items() if key in known}
    extra = {key: value for key, value in body.items() if key not in known}
    if extra:
        arguments["extra_body"] = extra
    return arguments


def status_of(response):
    status = response.get("status")
    status = status.get("code") if isinstance(status, dict) else response.get("status_code") or response.get("code") or status
    try:
        return int(str(status).split()[0])
    except (ValueError, IndexError):
        return None


def main():
    root, base = sys.argv[1], sys.argv[2].rstrip("/")
    counts = {"chat": 0, "chat_equal": 0, "responses": 0, "responses_equal": 0, "messages": 0, "messages_equal": 0, "streams": 0, "mismatch": 0}
    mismatches = []
    files = sorted(os.path.join(d, n) for d, _, names in os.walk(root) for n in names
                   if n.endswith((".json", ".yaml", ".yml")) and not n.startswith("."))
    # One connection pool for every client: an SDK client made per interaction loads the CA store
    # each time (40 s of a 100 s run).
    http = openai.DefaultHttpxClient(timeout=600)
    for path in files:
        with open(path, "rb") as handle:
            raw = handle.read()
            if all(route not in raw for route in (b"/v1/responses", b"/v1/messages", b"/v1/chat/completions")):
                continue  # no interaction of these APIs: not worth a YAML parse
        scope = base + "/c/" + urllib.parse.quote(os.path.relpath(path, root), safe="/")
        for index, interaction in enumerate(interactions(path)):
            request, response = interaction["request"], interaction["response"]
            target = urllib.parse.urlparse(str(request.get("uri") or request.get("url")))
            route = target.path.rstrip("/")
            beta = "beta=true" in target.query
            if str(request.get("method")).upper() != "POST" or status_of(response) != 200:
                continue
            api = {"/v1/responses": "responses", "/v1/messages": "messages", "/v1/chat/completions": "chat"}.get(route)
            if api is None:
                continue
            try:
                body = json.loads(body_bytes(request.get("body"), request.get("headers")))
                recorded = body_bytes(response.get("body", response.get("content")), response.get("headers")).decode("utf-8", "replace")
            except ValueError:
                continue
            counts[api] += 1
            stream = bool(body.get("stream"))
            try:
                if api == "chat":
                    client = openai.OpenAI(base_url=scope + "/v1", api_key="sk-replay", max_retries=0, http_client=http)
                    result = client.chat.completions.create(**split_arguments(client.chat.completions.create, body))
                elif api == "responses":
                    client = openai.OpenAI(base_url=scope + "/v1", api_key="sk-replay", max_retries=0, http_client=http)
                    result = client.responses.create(**split_arguments(client.responses.create, body))
                else:
                    client = anthropic.Anthropic(base_url=scope, api_key="sk-ant-replay", max_retries=0, http_client=http)
                    # Recorded through the beta client (`/v1/messages?beta=true`): sent the same way.
                    # The JS SDK's beta client adds `?beta=true`; Python's sends a header instead, so
                    # the query is added to send what was recorded.
                    create = client.beta.messages.create if beta else client.messages.create
                    arguments = split_arguments(create, body)
                    if beta:
                        arguments["extra_query"] = {"beta": "true"}
                    result = create(**arguments)
                if stream and api == "chat":
                    # Every chunk through the SDK's model, both sides.
                    counts["streams"] += 1
                    got = [chunk.model_dump(mode="json", exclude_unset=True) for chunk in result]
                    expected = [openai._models.construct_type(type_=openai.types.chat.ChatCompletionChunk, value=json.loads(data)).model_dump(mode="json", exclude_unset=True)
                                for data in events(recorded) if data.strip() != "[DONE]"]
                    equal = got == expected
                elif stream:
                    counts["streams"] += 1
                    got = [event.type for event in result]
                    # The anthropic SDK drops `ping` keep-alives before the caller sees the stream.
                    expected = [json.loads(data).get("type") for name, data in events(recorded, True)
                                if data.strip() != "[DONE]" and not (api == "messages" and name == "ping")]
                    equal = got == expected
                else:
                    # Both sides through the SDK's own model: what a caller sees from the replay
                    # against what the SDK makes of the recorded body.
                    got = result.model_dump(mode="json", exclude_unset=True)
                    construct = anthropic._models.construct_type if api == "messages" else openai._models.construct_type
                    expected = construct(type_=type(result), value=json.loads(recorded)).model_dump(mode="json", exclude_unset=True)
                    equal = got == expected
            except Exception as error:  # the SDK refused what the server sent
                equal, got, expected = False, f"{type(error).__name__}: {str(error)[:300]}", recorded[:200]
            if equal:
                counts[api + "_equal"] += 1
            else:
                counts["mismatch"] += 1
                if len(mismatches) < 40:
                    mismatches.append({"file": os.path.relpath(path, root), "interaction": index, "stream": stream,
                                       "got": str(got)[:400], "expected": str(expected)[:400]})
    print(json.dumps({"counts": counts, "mismatches": mismatches}))


if __name__ == "__main__":
    main()
