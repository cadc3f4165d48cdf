#!/usr/bin/env python3
"""Extracts the chat-completions interactions with a recorded `usage` from VCR.py / pytest-recording
cassettes (YAML, read with a loader that never executes tags) and JSON cassettes.

  cassette_usage.py CASSETTE_DIR OUT.jsonl
One JSON object per distinct request: file, served model, request body, prompt_tokens,
and kind ("plain", "tools", "response_format", "other").
"""
import base64
import gzip
import json
import os
import sys
import zlib

import yaml


class SafeLoader(yaml.SafeLoader):
    pass


def _ignore(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


SafeLoader.add_multi_constructor("!", _ignore)
SafeLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)


def text_of(body):
    """A cassette body (string, bytes, {'string': …}, base64 gzip) as text, or None."""
    if isinstance(body, dict):
        body = body.get("string", body.get("base64_string"))
    if body is None:
        return None
    if isinstance(body, str):
        data = body.encode("utf-8", "surrogateescape")
        if body.startswith("H4sI"):
            try:
                data = base64.b64decode(body)
            except Exception:
                pass
    else:
        data = bytes(body)
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except Exception:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return zlib.decompress(data).decode("utf-8")
        except Exception:
            return None


def usage_of(text):
    if text is None:
        return None, None
    try:
        document = json.loads(text)
        return document.get("usage"), document.get("model")
    except Exception:
        pass
    usage, model = None, None
    for line in text.splitlines():
        if line.startswith("data:") and line.strip() != "data: [DONE]":
            try:
                chunk = json.loads(line[5:])
            except Exception:
                continue
            model = chunk.get("model") or model
            if chunk.get("usage"):
                usage = chunk["usage"]
    return usage, model


def interactions(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        document = json.loads(raw)
    except Exception:
        try:
            document = yaml.load(raw.decode("utf-8", "replace"), Loader=SafeLoader)
        except Exception:
            return []
    if isinstance(document, dict):
        return document.get("interactions", []) or []
    return []


def main():
    root, output = sys.argv[1], sys.argv[2]
    if not os.path.isdir(root):
        sys.exit(f"{root}: no cassette folder here; the shared data must sit beside the repository (../shared/data/cassettes)")
    seen = set()
    rows = []
    for directory, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(directory, name)
            for interaction in interactions(path):
                request = interaction.get("request") or {}
                response = interaction.get("response") or {}
                uri = str(request.get("uri", ""))
                if "chat/completions" not in uri or str(request.get("method", "")).upper() != "POST":
                    continue
                status = response.get("status", {})
                code = status.get("code") if isinstance(status, dict) else status
                if code != 200:
                    continue
                body = text_of(request.get("body"))
                usage, model = usage_of(text_of(response.get("body")))
                if not body or not usage or "prompt_tokens" not in usage:
                    continue
                try:
                    request_body = json.loads(body)
                except Exception:
                    continue
                key = json.dumps(request_body, sort_keys=True)
                if key in seen:
                    continue
                seen.add(key)
                kind = "plain"
                if request_body.get("tools") or request_body.get("functions"):
                    kind = "tools"
                elif request_body.get("response_format") and request_body["response_format"].get("type") != "text":
                    kind = "response_format"
                messages = request_body.get("messages", [])
                if any(not isinstance(m.get("content", ""), (str, type(None))) or m.get("tool_calls") or m.get("role") in ("tool", "function")
                       for m in messages) and kind == "plain":
                    kind = "other"
                rows.append({"file": os.path.relpath(path, root), "model": model or request_body.get("model"),
                             "request": request_body, "prompt_tokens": usage["prompt_tokens"], "kind": kind})
    with open(output, "w") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    kinds = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    print(f"{len(rows)} distinct chat-completions requests with usage: {kinds}")


if __name__ == "__main__":
    main()
