"""DocHarness's `--template-flavor llama-server` count against a real llama.cpp `llama-server`.

Usage:
  llama_server_differential.py --server LLAMA_SERVER --docharness BIN --gguf MODEL.gguf --cassettes DIR

Starts llama-server (one thread, a 4,096-token context) on the model, sends it every request
recorded in the cassettes (with max_tokens 1 and no response_format: neither changes the prompt),
reads `usage.prompt_tokens`, and compares it with `docharness prompt --tokenizer MODEL.gguf
--template-flavor llama-server` on the same requests — and, for contrast, with the
llama-cpp-python flavor. Prints the table; exits 1 when any llama-server count differs.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request


def requests_of(folder):
    bodies = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                for interaction in json.load(handle).get("interactions", []):
                    body = interaction["request"]["body"]
                    body = json.loads(body) if isinstance(body, str) else body
                    body["max_tokens"] = 1
                    body.pop("response_format", None)
                    body.pop("stream", None)
                    bodies.append(body)
    return bodies


def post(port, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.load(response)


def ours(docharness, gguf, flavor, path):
    result = subprocess.run([docharness, "prompt", "--tokenizer", gguf, "--template-flavor", flavor, path],
                            capture_output=True, text=True)
    counts = {}
    for line in result.stdout.splitlines():
        match = re.fullmatch(r"(\d+) .*:(\d+)", line)
        if match:
            counts[int(match.group(2))] = int(match.group(1))
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--docharness", required=True)
    parser.add_argument("--gguf", required=True)
    parser.add_argument("--cassettes", required=True)
    parser.add_argument("--port", type=int, default=8767)
    arguments = parser.parse_args()
    bodies = requests_of(arguments.cassettes)
    log = open(os.path.join(tempfile.gettempdir(), "llama-server-differential.log"), "w")
    server = subprocess.Popen([arguments.server, "-m", arguments.gguf, "--host", "127.0.0.1", "--port", str(arguments.port),
                               "-t", "1", "-c", "4096", "-np", "1", "--jinja"], stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            if server.poll() is not None:
                sys.exit(f"llama-server exited with {server.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{arguments.port}/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(1)
        theirs = [post(arguments.port, body)["usage"]["prompt_tokens"] for body in bodies]
    finally:
        server.terminate()
        server.wait()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        handle.writelines(json.dumps(body) + "\n" for body in bodies)
        path = handle.name
    rows = []
    for flavor in ("llama-server", "llama-cpp-python"):
        counts = ours(arguments.docharness, arguments.gguf, flavor, path)
        equal = sum(1 for index, expected in enumerate(theirs) if counts.get(index + 1) == expected)
        differences = sorted({counts.get(index + 1, 0) - expected for index, expected in enumerate(theirs)})
        rows.append((flavor, equal, differences))
    os.unlink(path)
    print(f"llama-server ({arguments.server}) usage.prompt_tokens on {len(theirs)} requests of {arguments.cassettes}:")
    for flavor, equal, differences in rows:
        print(f"  --template-flavor {flavor:17} {equal} of {len(theirs)} equal; docharness − server: {differences}")
    sys.exit(0 if rows[0][1] == len(theirs) else 1)


if __name__ == "__main__":
    main()
