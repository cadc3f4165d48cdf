#!/usr/bin/env python3
"""The pytest plugin (python/pytest-docharness) on its sample suite, with the official openai SDK.

  pytest_plugin_oracle.py DOCHARNESS

Installs the plugin (pip, no dependencies) into a scratch folder, starts a counting stand-in for
the API on loopback (its n-th answer is "answer n"; streamed when asked), and runs pytest on a copy
of the sample suite: recording (`--record-mode new_episodes`), replaying (`none`), replaying one
test alone (`-k test_second`), and recording again in `none` mode after a cassette is deleted (a
failure naming the cassette). Prints JSON: each run's exit status and output tail, the cassette
files, and how many requests reached the stand-in during each run.
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
    protocol_version = "HTTP/1.1"
    count = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        with CountingUpstream.lock:
            CountingUpstream.count += 1
            number = CountingUpstream.count
        text = f"answer {number}"
        usage = {"prompt_tokens": 11, "completion_tokens": 2, "total_tokens": 13}
        base = {"id": f"chatcmpl-{number}", "created": 1700000000, "model": "gpt-4o-mini-2024-07-18"}
        if body.get("stream"):
            chunks = [
                {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]},
                {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": "answer "}, "finish_reason": None}]},
                {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": str(number)}, "finish_reason": None}]},
                {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
            ]
            if (body.get("stream_options") or {}).get("include_usage"):
                chunks.append({**base, "object": "chat.completion.chunk", "choices": [], "usage": usage})
            payload = "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in chunks) + "data: [DONE]\n\n"
            data, kind = payload.encode(), "text/event-stream"
        else:
            answer = {**base, "object": "chat.completion", "usage": usage,
                      "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]}
            data, kind = json.dumps(answer).encode(), "application/json"
        self.send_response(200)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    docharness = os.path.abspath(sys.argv[1])
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), CountingUpstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    upstream_url = f"http://127.0.0.1:{upstream.server_address[1]}"
    result = {"runs": {}}
    with tempfile.TemporaryDirectory() as scratch:
        site = os.path.join(scratch, "site")
        # Built from a copy: setuptools leaves build/ and *.egg-info beside the sources it builds.
        source = os.path.join(scratch, "pytest-docharness")
        shutil.copytree(PLUGIN, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
                                  "--no-build-isolation", "--target", site, source], capture_output=True, text=True)
        result["install"] = {"status": install.returncode, "output": (install.stdout + install.stderr)[-2000:]}
        suite = os.path.join(scratch, "project")
        shutil.copytree(os.path.join(PLUGIN, "tests", "sample_suite"), os.path.join(suite, "tests"))
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "ANTHROPIC_"))}
        environment.update({"PYTHONPATH": site, "DOCHARNESS_BINARY": docharness, "PYTHONDONTWRITEBYTECODE": "1"})

        def pytest(name, *arguments):
            before = CountingUpstream.count
            completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", suite, *arguments],
                                       cwd=suite, env=environment, capture_output=True, text=True)
            result["runs"][name] = {"status": completed.returncode, "output": (completed.stdout + completed.stderr)[-3000:],
                                    "upstream_requests": CountingUpstream.count - before}

        pytest("record", "--record-mode", "new_episodes", "--docharness-upstream", upstream_url, "tests")
        cassettes = os.path.join(suite, "tests", "cassettes")
        result["cassettes"] = sorted(os.path.relpath(os.path.join(d, f), cassettes) for d, _, fs in os.walk(cassettes) for f in fs)
        pytest("replay", "tests")
        pytest("replay_one", "-k", "test_second", "tests")
        pytest("replay_unused", "--docharness-fail-on-unused", "-k", "test_first", "tests")
        if os.path.exists(os.path.join(cassettes, "test_colours", "test_first.json")):
            os.remove(os.path.join(cassettes, "test_colours", "test_first.json"))
        pytest("replay_missing", "-k", "test_first", "tests")
    upstream.shutdown()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
