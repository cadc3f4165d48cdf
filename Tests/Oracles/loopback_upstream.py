#!/usr/bin/env python3
"""A loopback stand-in for an OpenAI-compatible server, for record-mode tests.

  loopback_upstream.py PORT_FILE LOG_FILE [--fail QUALNAME=STATUS ...]

Listens on 127.0.0.1 (a free port, written to PORT_FILE), logs one JSON line per request to
LOG_FILE (path, the Authorization header, the first 80 characters of the user prompt) and answers
chat completions with a fixed, schema-valid docstring answer and `usage`. A request whose prompt
names a failing qualified name gets that status instead (with `retry-after-ms: 1`, so the client's
retries do not wait). It stops when its standard input closes.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, log_file = sys.argv[1], sys.argv[2]
failing = {}
for spec in sys.argv[3:]:
    if spec != "--fail":
        name, status = spec.split("=")
        failing[name] = int(status)
lock = threading.Lock()
ANSWER = {"summary": "Do the thing.", "description": "", "parameters": [], "returns": {"type": "", "description": ""},
          "yields": {"type": "", "description": ""}, "raises": [], "examples": []}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        user = next((m.get("content") or "" for m in body.get("messages", []) if m.get("role") == "user"), "")
        with lock, open(log_file, "a") as log:
            log.write(json.dumps({"path": self.path, "authorization": self.headers.get("authorization"), "prompt": user[:80]}) + "\n")
        # The prompt names the symbol as `qualname` (docstring-v1.prompt).
        status = next((status for name, status in failing.items() if f"`{name}`" in user), None)
        if status:
            return self.send(status, {"error": {"message": f"loopback upstream refuses with {status}", "type": "test", "code": f"loopback_{status}"}})
        prompt = sum(len(m.get("content") or "") for m in body.get("messages", [])) // 4
        self.send(200, {"id": "chatcmpl-loopback", "object": "chat.completion", "created": 1, "model": body.get("model"),
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": json.dumps(ANSWER)}, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": prompt, "completion_tokens": 20, "total_tokens": prompt + 20}})

    def send(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        if status != 200:
            self.send_header("retry-after-ms", "1")
        self.end_headers()
        self.wfile.write(data)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as handle:
    handle.write(str(server.server_address[1]))
import os  # noqa: E402
os.replace(port_file + ".tmp", port_file)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()
