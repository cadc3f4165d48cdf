#!/usr/bin/env python3
"""The pytest plugin (python/pytest-docharness) on its sample suite, with the official openai and anthropic SDKs.

  pytest_plugin_oracle.py DOCHARNESS

Installs the plugin (pip, no dependencies) into a scratch folder, starts a counting stand-in for
the three APIs on loopback (chat completions, Responses, Messages; each API's n-th answer is
"answer n", streamed in that API's own events when asked), and runs pytest on copies of the sample
suite (the openai and anthropic SDKs): replaying the committed cassettes strictly (`none`), one test
alone (`-k test_second`), with unused recordings failing the run; with two cassettes deleted,
strict replay (a failure naming the cassette), then `new_episodes` recording just those two, then
replaying again; and recording the whole suite into an empty folder, compared with the committed
cassettes (times aside). Prints JSON: each run's exit status, output tail and how many requests
reached the stand-in, the cassette files, and those that differ from the committed ones.

DOCHARNESS_UPDATE_SAMPLE_CASSETTES=1 replaces the committed cassettes with the fresh recording.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGIN = os.path.join(ROOT, "python", "pytest-docharness")


class CountingUpstream(BaseHTTPRequestHandler):
    """Answers each API as its real server would in form, numbering the answers of each API on
    its own ("answer n"): chat completions, the Responses API and the Messages API, JSON or a
    stream of that API's own events."""

    protocol_version = "HTTP/1.1"
    counts = {}
    lock = threading.Lock()

    @classmethod
    def total(cls):
        return sum(cls.counts.values())

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        api = self.path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        with CountingUpstream.lock:
            CountingUpstream.counts[api] = CountingUpstream.counts.get(api, 0) + 1
            number = CountingUpstream.counts[api]
        answer = {"completions": chat_answer, "responses": responses_answer, "messages": messages_answer}.get(api)
        if answer is None:
            data, kind, status = b'{"error": {"message": "not found"}}', "application/json", 404
        else:
            events = answer(number, body)
            status = 200
            if body.get("stream"):
                data = "".join((f"event: {name}\n" if name else "") + f"data: {json.dumps(value) if not isinstance(value, str) else value}\n\n"
                               for name, value in events).encode()
                kind = "text/event-stream"
            else:
                data, kind = json.dumps(events).encode(), "application/json"
        self.send_response(status)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def chat_answer(number, body):
    usage = {"prompt_tokens": 11, "completion_tokens": 2, "total_tokens": 13}
    base = {"id": f"chatcmpl-{number}", "created": 1700000000, "model": "gpt-4o-mini-2024-07-18"}
    if not body.get("stream"):
        return {**base, "object": "chat.completion", "usage": usage,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": f"answer {number}"}, "finish_reason": "stop"}]}
    chunk = {**base, "object": "chat.completion.chunk"}
    chunks = [{**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]},
              {**chunk, "choices": [{"index": 0, "delta": {"content": "answer "}, "finish_reason": None}]},
              {**chunk, "choices": [{"index": 0, "delta": {"content": str(number)}, "finish_reason": None}]},
              {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
    if (body.get("stream_options") or {}).get("include_usage"):
        chunks.append({**chunk, "choices": [], "usage": usage})
    return [(None, value) for value in chunks] + [(None, "[DONE]")]


def responses_answer(number, body):
    text = f"answer {number}"
    item = {"type": "message", "id": f"msg_{number}", "status": "completed", "role": "assistant",
            "content": [{"type": "output_text", "text": text, "annotations": []}]}
    response = {"id": f"resp_{number}", "object": "response", "created_at": 1700000000, "status": "completed",
                "model": "gpt-4o-mini-2024-07-18", "output": [item], "instructions": body.get("instructions"),
                "parallel_tool_calls": True, "tool_choice": "auto", "tools": [],
                "usage": {"input_tokens": 11, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 2,
                          "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 13}}
    if not body.get("stream"):
        return response
    started = {**response, "status": "in_progress", "output": [], "usage": None}
    part = {"item_id": item["id"], "output_index": 0, "content_index": 0}
    events = [("response.created", {"response": started}),
              ("response.in_progress", {"response": started}),
              ("response.output_item.added", {"output_index": 0, "item": {**item, "status": "in_progress", "content": []}}),
              ("response.content_part.added", {**part, "part": {"type": "output_text", "text": "", "annotations": []}}),
              ("response.output_text.delta", {**part, "delta": "answer "}),
              ("response.output_text.delta", {**part, "delta": str(number)}),
              ("response.output_text.done", {**part, "text": text}),
              ("response.content_part.done", {**part, "part": item["content"][0]}),
              ("response.output_item.done", {"output_index": 0, "item": item}),
              ("response.completed", {"response": response})]
    return [(name, {"type": name, "sequence_number": index, **value}) for index, (name, value) in enumerate(events)]


def messages_answer(number, body):
    text = f"answer {number}"
    message = {"id": f"msg_0{number}", "type": "message", "role": "assistant", "model": "claude-haiku-4-5-20251001",
               "content": [{"type": "text", "text": text}], "stop_reason": "end_turn", "stop_sequence": None,
               "usage": {"input_tokens": 12, "output_tokens": 3}}
    if not body.get("stream"):
        return message
    events = [("message_start", {"message": {**message, "content": [], "stop_reason": None, "usage": {"input_tokens": 12, "output_tokens": 1}}}),
              ("content_block_start", {"index": 0, "content_block": {"type": "text", "text": ""}}),
              ("ping", {}),
              ("content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": "answer "}}),
              ("content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": str(number)}}),
              ("content_block_stop", {"index": 0}),
              ("message_delta", {"delta": {"stop_reason": "end_turn", "stop_sequence": None}, "usage": {"output_tokens": 3}}),
              ("message_stop", {})]
    return [(name, {"type": name, **value}) for name, value in events]


def normalized(path):
    """What a cassette says, without what changes from one recording to the next (times, dates,
    the client's platform headers): each interaction's request method, path and body, and
    response status and body (events without their delays)."""
    with open(path, encoding="utf-8") as handle:
        cassette = json.load(handle)

    def body(value):
        if isinstance(value, dict) and "events" in value:
            return [{key: item for key, item in event.items() if key != "delay_ms"} for event in value["events"]]
        return value
    return [(i["request"]["method"], i["request"]["path"], i["request"].get("body"), i["response"]["status"], body(i["response"].get("body")))
            for i in cassette["interactions"]]


def cassette_files(folder):
    return sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, fs in os.walk(folder) for f in fs)


def main():
    docharness = os.path.abspath(sys.argv[1])
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), CountingUpstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    upstream_url = f"http://127.0.0.1:{upstream.server_address[1]}"
    result = {"runs": {}}
    sample = os.path.join(PLUGIN, "tests", "sample_suite")
    committed = os.path.join(sample, "cassettes")
    with tempfile.TemporaryDirectory() as scratch:
        site = os.path.join(scratch, "site")
        # Built from a copy: setuptools leaves build/ and *.egg-info beside the sources it builds.
        source = os.path.join(scratch, "pytest-docharness")
        shutil.copytree(PLUGIN, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
                                  "--no-build-isolation", "--target", site, source], capture_output=True, text=True)
        result["install"] = {"status": install.returncode, "output": (install.stdout + install.stderr)[-2000:]}
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "ANTHROPIC_", "DOCHARNESS_"))}
        environment.update({"PYTHONPATH": site, "DOCHARNESS_BINARY": docharness, "PYTHONDONTWRITEBYTECODE": "1"})
        record = ["--record-mode", "new_episodes", "--docharness-upstream", upstream_url, "--docharness-anthropic-upstream", upstream_url]

        def pytest(suite, name, *arguments):
            before = CountingUpstream.total()
            completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", suite, *arguments],
                                       cwd=suite, env=environment, capture_output=True, text=True)
            result["runs"][name] = {"status": completed.returncode, "output": (completed.stdout + completed.stderr)[-3000:],
                                    "upstream_requests": CountingUpstream.total() - before}

        # The committed cassettes, replayed strictly, one test alone, unused ones reported.
        project = os.path.join(scratch, "project")
        shutil.copytree(sample, os.path.join(project, "tests"), ignore=shutil.ignore_patterns("__pycache__"))
        cassettes = os.path.join(project, "tests", "cassettes")
        result["committed"] = cassette_files(cassettes)
        pytest(project, "replay", "tests")
        pytest(project, "replay_one", "-k", "test_second", "tests")
        pytest(project, "replay_unused", "--docharness-fail-on-unused", "-k", "test_first", "tests")
        # Two cassettes missing: strict replay names the first; new_episodes records both, alone.
        for name in ("test_colours/test_first.json", "test_apis/test_claude.json"):
            if os.path.exists(os.path.join(cassettes, name)):
                os.remove(os.path.join(cassettes, name))
        pytest(project, "replay_missing", "-k", "test_first", "tests")
        CountingUpstream.counts.clear()
        pytest(project, "record_missing", *record, "tests")
        pytest(project, "replay_again", "tests")
        # From nothing: the whole suite records into an empty folder, as the committed cassettes were made.
        fresh = os.path.join(scratch, "fresh")
        shutil.copytree(sample, os.path.join(fresh, "tests"), ignore=shutil.ignore_patterns("__pycache__", "cassettes"))
        CountingUpstream.counts.clear()
        pytest(fresh, "record", *record, "tests")
        recorded = os.path.join(fresh, "tests", "cassettes")
        result["cassettes"] = cassette_files(recorded)
        result["differs_from_committed"] = [name for name in result["cassettes"]
                                            if not os.path.exists(os.path.join(committed, name))
                                            or normalized(os.path.join(recorded, name)) != normalized(os.path.join(committed, name))]
        if os.environ.get("DOCHARNESS_UPDATE_SAMPLE_CASSETTES") == "1" and result["runs"]["record"]["status"] == 0:
            shutil.rmtree(committed, ignore_errors=True)
            shutil.copytree(recorded, committed)
    upstream.shutdown()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
