#!/usr/bin/env python3
"""A deterministic stand-in for the OpenAI chat-completions API, for recording corpora/cassettes.

  synthetic_upstream.py --port 8765 --vocab-dir ~/.cache/docharness
  synthetic_upstream.py --port 0 --port-file PORT_FILE   (a free port, written once it listens; for tests)

It answers DocHarness's docstring prompts with structured answers whose quality varies by symbol
(good, weak, stale, placeholder; chosen by a hash of the qualified name, so every run gives the
same answers), and reports `usage` counted by Python tiktoken — an implementation independent of
DocHarness's — with the cookbook rule (3 per message + role + content, 3 for reply priming) plus
the response-format section (docs/token-counting.md). Nothing here calls a real API.
"""
import argparse
import ast
import hashlib
import json
import os
import re
import shutil
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=8765)
parser.add_argument("--port-file", help="write the port listened on to this file once listening")
parser.add_argument("--vocab-dir", default=os.environ.get("DOCHARNESS_CACHE_DIR", os.path.expanduser("~/.cache/docharness")))
args = parser.parse_args()

cache = tempfile.mkdtemp(prefix="tiktoken-cache-")
for name in ("o200k_base", "cl100k_base"):
    url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
    shutil.copyfile(os.path.join(args.vocab_dir, f"{name}.tiktoken"), os.path.join(cache, hashlib.sha1(url.encode()).hexdigest()))
os.environ["TIKTOKEN_CACHE_DIR"] = cache
import tiktoken  # noqa: E402  (after the cache is set)


def encoding_for(model):
    return tiktoken.get_encoding("cl100k_base" if model.startswith(("gpt-3.5", "gpt-4-", "gpt-35")) or model == "gpt-4" else "o200k_base")


def counted_schema(schema, in_property_map=False):
    """The schema as the real server counts it (docs/token-counting.md): without the keywords strict
    mode implies or does not support (`required`, `"additionalProperties": false`, `minimum`,
    `maximum`); a property so named stays."""
    if isinstance(schema, dict):
        return {key: counted_schema(value, not in_property_map and key in ("properties", "$defs", "definitions", "patternProperties"))
                for key, value in schema.items()
                if in_property_map or not (key in ("required", "minimum", "maximum") or (key == "additionalProperties" and value is False))}
    if isinstance(schema, list):
        return [counted_schema(value) for value in schema]
    return schema


# What the real server adds around a JSON schema response format beyond its text (fitted on the
# recorded traffic of ../shared/data, docs/token-counting.md).
RESPONSE_FORMAT_OVERHEAD = 7


def prompt_tokens(request, enc):
    total = 3
    for message in request["messages"]:
        total += 3 + len(enc.encode(message["role"])) + len(enc.encode(message.get("content") or ""))
        if "name" in message:
            total += 1 + len(enc.encode(message["name"]))
    fmt = request.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        schema = fmt["json_schema"]
        text = "# Response Formats\n\n## " + schema.get("name", "") + "\n\n"
        if schema.get("description"):
            text += "// " + schema["description"] + "\n"
        text += json.dumps(counted_schema(schema.get("schema", {})), separators=(",", ":"), ensure_ascii=False)
        total += len(enc.encode(text)) + RESPONSE_FORMAT_OVERHEAD
    return total


def words(name):
    return re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name.strip("_")).replace("_", " ").lower()


def answer(user):
    qualname = re.search(r"`([^`]+)`", user).group(1)
    signature = re.search(r"Signature:\n```python\n(.*?)\n```", user, re.S).group(1)
    raises = re.search(r"Exceptions raised in its body: (.*)", user)
    source = re.search(r"Its source:\n```python\n(.*?)\n```", user, re.S)
    body = source.group(1) if source else ""
    name = qualname.split(".")[-1]
    try:
        tree = ast.parse(signature.strip() + "\n    pass\n")
        node = tree.body[0]
    except SyntaxError:
        node = None
    params = []
    returns_annotation = ""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        a = node.args
        every = a.posonlyargs + a.args + ([a.vararg] if a.vararg else []) + a.kwonlyargs + ([a.kwarg] if a.kwarg else [])
        for index, arg in enumerate(every):
            if index == 0 and arg.arg in ("self", "cls") and "." in qualname:
                continue
            params.append((arg.arg, ast.unparse(arg.annotation) if arg.annotation else ""))
        returns_annotation = ast.unparse(node.returns) if node.returns else ""
    quality = int(hashlib.sha256(qualname.encode()).hexdigest(), 16) % 10
    verb = words(name).split(" ")[0] if name not in ("__init__",) else "create"
    rest = " ".join(words(name).split(" ")[1:])
    summary = f"{verb.capitalize()} {rest or 'the value'}." if quality < 6 else f"Handle {words(name)}."
    if quality == 9:
        summary = "TODO."
    parameters = [{"name": p, "type": t, "description": f"The {words(p)} to use."} for p, t in params]
    if quality == 8 and parameters:
        parameters = parameters[1:] + [{"name": "options", "type": "", "description": "Extra options."}]
    if 6 <= quality <= 7:
        for p in parameters:
            p["description"] = "A value."
    returns = {"type": "", "description": ""}
    if re.search(r"\breturn\s+\S", body) and name != "__init__":
        returns = {"type": returns_annotation, "description": f"The {words(name)} result." if quality < 6 else "The result."}
    yields = {"type": "", "description": ""}
    if re.search(r"\byield\b", body):
        yields = {"type": "", "description": f"Each {words(name)} item."}
        returns = {"type": "", "description": ""}
    raised = []
    if raises and quality < 8:
        raised = [{"exception": e.strip(), "description": f"If the {words(name)} input is invalid."} for e in raises.group(1).split(",")]
    description = "" if quality >= 6 else f"This is used by callers of `{qualname}`."
    return {"summary": summary, "description": description, "parameters": parameters, "returns": returns,
            "yields": yields, "raises": raised, "examples": []}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def date_time_string(self, timestamp=None):
        # A fixed Date header, so re-recording an unchanged prompt changes only `recorded_at` and
        # `duration_ms` in the cassette.
        return "Mon, 23 Nov 2026 00:00:00 GMT"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", "0"))))
        if not self.path.split("?")[0].endswith("/chat/completions"):
            return self.send(404, {"error": {"message": "only chat completions", "type": "invalid_request_error"}})
        enc = encoding_for(body["model"])
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        content = json.dumps(answer(user), ensure_ascii=False)
        usage_prompt = prompt_tokens(body, enc)
        usage_completion = len(enc.encode(content))
        digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
        usage = {"prompt_tokens": usage_prompt, "completion_tokens": usage_completion, "total_tokens": usage_prompt + usage_completion}
        if body.get("stream"):
            return self.stream(digest, body["model"], content, usage if (body.get("stream_options") or {}).get("include_usage") else None)
        self.send(200, {
            "id": "chatcmpl-" + digest[:24], "object": "chat.completion", "created": 1763856000, "model": body["model"] + "-2024-07-18",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None}, "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": usage_prompt, "completion_tokens": usage_completion, "total_tokens": usage_prompt + usage_completion},
            "system_fingerprint": "fp_synthetic",
        })

    def stream(self, digest, model, content, usage):
        """The answer as server-sent events in three content pieces, a usage chunk when asked, [DONE]."""
        base = {"id": "chatcmpl-" + digest[:24], "object": "chat.completion.chunk", "created": 1763856000, "model": model + "-2024-07-18",
                "system_fingerprint": "fp_synthetic"}
        third = max(1, len(content) // 3)
        pieces = [content[:third], content[third:2 * third], content[2 * third:]]
        chunks = [dict(base, choices=[{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])]
        chunks += [dict(base, choices=[{"index": 0, "delta": {"content": piece}, "finish_reason": None}]) for piece in pieces]
        chunks.append(dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}]))
        if usage:
            chunks.append(dict(base, choices=[], usage=usage))
        data = "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in chunks) + "data: [DONE]\n\n"
        encoded = data.encode()
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("content-length", str(len(encoded)))
        self.end_headers()
        self.wfile.write(encoded)

    def send(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        # OpenAI's usage tier 5 limits for gpt-4o-mini. A safe-zone-sized request reserves about
        # 22,800 tokens of the per-minute budget (max_tokens counts), so low tiers throttle hard.
        self.send_header("x-ratelimit-limit-requests", "30000")
        self.send_header("x-ratelimit-remaining-requests", "29999")
        self.send_header("x-ratelimit-limit-tokens", "150000000")
        self.send_header("x-ratelimit-remaining-tokens", "149977200")
        self.end_headers()
        self.wfile.write(data)


server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
port = server.server_address[1]
if args.port_file:
    with open(args.port_file + ".tmp", "w") as handle:
        handle.write(str(port))
    os.replace(args.port_file + ".tmp", args.port_file)
print(f"synthetic upstream on http://127.0.0.1:{port}", flush=True)
server.serve_forever()
