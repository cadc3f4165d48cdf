#!/usr/bin/env python3
"""Sends every chat-completions request recorded in a cassette folder to a running DocHarness
replay server and checks that the answer is the recorded one: same status, same JSON value, or
the same server-sent events. The cassettes are read here independently of DocHarness (PyYAML
with a loader that never executes tags), in the order the server reads them (sorted paths).

  replay_oracle.py CASSETTE_DIR BASE_URL [--api chat|responses|messages] [--scoped]
Prints one JSON object: counts, and the first mismatches. With --scoped each request is sent
under `/c/FILE/` (the cassette's path under CASSETTE_DIR), so it replays from its own file only:
identical requests recorded in several files then get their own file's answer. For `responses` (OpenAI's Responses API,
`…/responses`) and `messages` (Anthropic's Messages API, `…/v1/messages`) a stream is compared
event by event, name and data.
"""
import base64
import gzip
import http.client
import json
import os
import sys
import urllib.parse
import zlib

import yaml


class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader, on libyaml when the wheel has it (a fifth of the time of the pure-Python
    scanner, which spent 100 of 170 seconds of an SDK replay run parsing), tolerant of tags."""


def _tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        return items[0] if len(items) == 1 and isinstance(items[0], str) else tuple(items)
    return loader.construct_mapping(node, deep=True)


SafeLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
SafeLoader.add_multi_constructor("!", _tagged)


def body_bytes(body, headers):
    if isinstance(body, dict):
        if "base64_string" in body:
            body = base64.b64decode(body["base64_string"])
        else:
            body = body.get("string")
    if body is None:
        return b""
    if isinstance(body, list) and body and all(isinstance(line, str) for line in body) and any(
            "text/event-stream" in str(value).lower() for key, value in (headers or {}).items() if str(key).lower() == "content-type"):
        body = "".join(body)  # Azure's test proxy keeps an event stream as its lines
    data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    if isinstance(body, str) and body.startswith("H4sI"):
        try:
            decoded = base64.b64decode(body)
            if decoded[:2] == b"\x1f\x8b":
                data = decoded
        except Exception:
            pass
    encoding = ""
    for key, value in (headers or {}).items():
        if str(key).lower() == "content-encoding":
            encoding = str(value[0] if isinstance(value, list) else value).lower()
    # The bytes decide, not the header alone: some recorders keep the decoded body beside
    # `Content-Encoding: gzip` (dd-trace-js), and raw-inflating that JSON yields one garbage byte.
    declared = "gzip" in encoding or "deflate" in encoding
    zlib_header = len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0
    try:
        if data[:2] == b"\x1f\x8b":
            return gzip.decompress(data)
        if declared and zlib_header:
            return zlib.decompress(data)
        if "deflate" in encoding:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return zlib.decompress(data, -15)
    except Exception:
        pass
    return data


def interactions(path):
    raw = open(path, "rb").read()
    try:
        document = json.loads(raw)
    except Exception:
        document = yaml.load(raw.decode("utf-8"), Loader=SafeLoader)
    if isinstance(document, dict) and "interactions" in document:
        return document["interactions"] or []
    if isinstance(document, dict) and "request" in document:
        return [document]
    return []


def events(text, named=False):
    found, data, name = [], [], None
    for line in text.replace("\r\n", "\n").split("\n"):
        if line == "":
            if data:
                found.append((name, "\n".join(data)) if named else "\n".join(data))
            data, name = [], None
        elif line.startswith("data:"):
            data.append(line[5:][1:] if line[5:].startswith(" ") else line[5:])
        elif line.startswith("event:"):
            name = line[6:].strip()
    if data:
        found.append((name, "\n".join(data)) if named else "\n".join(data))
    return found


ROUTES = {
    "chat": lambda path: "chat/completions" in path,
    "responses": lambda path: path.rstrip("/").endswith("/responses"),
    "messages": lambda path: path.rstrip("/").endswith("/v1/messages"),
}


class Replayer:
    """One keep-alive connection to the server; a request whose connection fails is sent again
    on a new connection (twice at most), and a socket waits as long as the machine needs: a
    loaded CI machine makes the server slow, not wrong."""

    def __init__(self, base):
        self.target = urllib.parse.urlparse(base)
        self.connection = None

    def post(self, route, body):
        last = None
        for _ in range(3):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.target.hostname, self.target.port, timeout=600)
            try:
                self.connection.request("POST", route, body=body, headers={"content-type": "application/json"})
                answer = self.connection.getresponse()
                return answer.status, answer.read()
            except (OSError, http.client.HTTPException) as error:
                last = error
                self.connection.close()
                self.connection = None
        raise last


def main():
    root, base = sys.argv[1], sys.argv[2]
    options = sys.argv[3:]
    api = options[options.index("--api") + 1] if "--api" in options else "chat"
    scoped = "--scoped" in options
    wanted = ROUTES[api]
    replayer = Replayer(base)
    files = sorted(os.path.join(d, n) for d, _, names in os.walk(root) for n in names
                   if n.endswith((".json", ".yaml", ".yml")) and not n.startswith("."))
    counts = {"files": len(files), "chat": 0, "json_equal": 0, "events_equal": 0, "other_equal": 0, "mismatch": 0}
    mismatches = []
    for path in files:
        for index, interaction in enumerate(interactions(path)):
            request, response = interaction["request"], interaction["response"]
            uri = str(request.get("uri") or request.get("url"))
            parsed = urllib.parse.urlparse(uri)
            if not wanted(parsed.path) or str(request.get("method")).upper() != "POST":
                continue
            counts["chat"] += 1
            route = parsed.path + ("?" + parsed.query if parsed.query else "")
            sent = body_bytes(request.get("body"), request.get("headers"))
            status = response.get("status")
            status = status.get("code") if isinstance(status, dict) else response.get("status_code") or response.get("code") or status
            try:
                status = int(str(status).split()[0])
            except (ValueError, IndexError):
                counts["unreadable"] = counts.get("unreadable", 0) + 1
                continue
            recorded = body_bytes(response.get("body", response.get("content")), response.get("headers"))
            where = {"file": os.path.relpath(path, root), "interaction": index, "route": route}
            if scoped:
                route = "/c/" + urllib.parse.quote(os.path.relpath(path, root), safe="/") + route
            try:
                answer_status, got = replayer.post(route, sent)
            except (OSError, http.client.HTTPException) as error:
                counts["mismatch"] += 1
                if len(mismatches) < 5:
                    mismatches.append(dict(where, error=f"{type(error).__name__}: {error}"))
                continue
            ok, kind = False, "other"
            try:
                ok, kind = json.loads(recorded) == json.loads(got), "json"
            except Exception:
                text = recorded.decode("utf-8", "replace")
                if text.lstrip().startswith(("data:", "event:")):
                    named = api != "chat"
                    ok, kind = events(text, named) == events(got.decode("utf-8", "replace"), named), "events"
                else:
                    ok = recorded == got
            ok = ok and answer_status == int(status)
            if ok:
                counts[kind + "_equal"] += 1
            else:
                counts["mismatch"] += 1
                if len(mismatches) < 5:
                    mismatches.append(dict(where, status=[answer_status, status],
                                       got=got[:300].decode("utf-8", "replace"), recorded=recorded[:300].decode("utf-8", "replace")))
    print(json.dumps({"counts": counts, "mismatches": mismatches}))


if __name__ == "__main__":
    main()
