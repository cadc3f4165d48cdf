#!/usr/bin/env python3
"""Load-tests `docharness serve` against `mitmdump --server-replay` on the same recorded
interaction, in the same run, with wrk on loopback; optionally soaks the server and samples its
memory.

  compare_replay.py --docharness .build/release/docharness --cassettes ../shared/data/cassettes
                    [--mitmdump PATH] [--duration 10] [--connections 32] [--soak 300]

The interaction is the first non-streamed chat completion with HTTP 200 in the shared cassettes;
it is written to a temporary DocHarness cassette (never into the repository). mitmproxy gets the
same interaction by recording it through `mitmdump --mode reverse:` in front of docharness.
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Tests", "Oracles"))
from replay_oracle import body_bytes, interactions  # noqa: E402


def free_port():
    with socket.socket() as handle:
        handle.bind(("127.0.0.1", 0))
        return handle.getsockname()[1]


def wait_for(port, path="/", timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing listens on port {port} after {timeout} s")


def pick_interaction(root):
    for directory, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            path = os.path.join(directory, name)
            for interaction in interactions(path):
                request, response = interaction["request"], interaction["response"]
                uri = str(request.get("uri") or request.get("url"))
                status = response.get("status")
                status = status.get("code") if isinstance(status, dict) else response.get("status_code")
                if not uri.endswith("/v1/chat/completions") or status != 200:
                    continue
                body = body_bytes(request.get("body"), request.get("headers"))
                answer = body_bytes(response.get("body", response.get("content")), response.get("headers"))
                try:
                    request_json, answer_json = json.loads(body), json.loads(answer)
                except Exception:
                    continue
                if request_json.get("stream") or len(body) > 2000 or not isinstance(answer_json, dict) or "choices" not in answer_json:
                    continue
                return os.path.relpath(path, root), request_json, answer_json
    sys.exit("no non-streamed chat completion found")


def one_interaction_cassette(prefix, request_json, answer_json):
    """A temporary folder holding one DocHarness cassette with this chat completion."""
    work = tempfile.mkdtemp(prefix=prefix)
    cassette = {"docharness_cassette": 1, "interactions": [{
        "request": {"method": "POST", "path": "/v1/chat/completions", "headers": {"content-type": "application/json"}, "body": request_json},
        "response": {"status": 200, "headers": {"content-type": "application/json"}, "body": answer_json}}]}
    with open(os.path.join(work, "bench.json"), "w") as handle:
        json.dump(cassette, handle, indent=2, sort_keys=True)
    return work


def wrk(url, body, duration, connections, threads):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
        script.write("wrk.body = " + json.dumps(body.decode()) + "\n")
    output = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script.name, url],
                            capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    return {"requests_per_second": rate, "p99_ms": float(p99.group(1)) * scale,
            "non_2xx": int(errors.group(1)) if errors else 0, "socket_errors": sockets.group(1) if sockets else None}


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docharness", required=True)
    parser.add_argument("--cassettes", required=True)
    parser.add_argument("--mitmdump")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--soak", type=int, default=0, help="seconds of soak with memory sampling (0: none)")
    options = parser.parse_args()

    source, request_json, answer_json = pick_interaction(options.cassettes)
    work = one_interaction_cassette("docharness-bench-", request_json, answer_json)
    body = json.dumps(request_json).encode()
    print(f"interaction: {source}", flush=True)
    print(f"   ({len(body)} request bytes, {len(json.dumps(answer_json))} response bytes)")

    port = free_port()
    server = subprocess.Popen([options.docharness, "serve", "--cassettes", work, "--port", str(port)], stderr=subprocess.DEVNULL)
    results = {}
    try:
        wait_for(port)
        check = urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", data=body,
                                                              headers={"content-type": "application/json"}))
        assert json.loads(check.read()) == answer_json, "docharness did not replay the interaction"
        wrk(f"http://127.0.0.1:{port}/v1/chat/completions", body, 2, options.connections, options.threads)  # warm-up
        # Scoped replay (`/c/bench/…`: the cassette bench.json only) against the global pool,
        # interleaved round by round so that the machine's drift hits both alike.
        scoped_url = f"http://127.0.0.1:{port}/c/bench/v1/chat/completions"
        check = urllib.request.urlopen(urllib.request.Request(scoped_url, data=body, headers={"content-type": "application/json"}))
        assert json.loads(check.read()) == answer_json, "docharness did not replay the interaction in its scope"
        rounds = {"docharness serve": [], "docharness serve, scoped (/c/NAME/)": []}
        for _ in range(3):
            rounds["docharness serve"].append(wrk(f"http://127.0.0.1:{port}/v1/chat/completions", body, options.duration,
                                                  options.connections, options.threads))
            rounds["docharness serve, scoped (/c/NAME/)"].append(wrk(scoped_url, body, options.duration, options.connections, options.threads))
        for name, runs in rounds.items():
            results[name] = sorted(runs, key=lambda run: run["requests_per_second"])[1]
        scoped_ratio = results["docharness serve, scoped (/c/NAME/)"]["requests_per_second"] / results["docharness serve"]["requests_per_second"]

        if options.mitmdump:
            flows = os.path.join(work, "flows.mitm")
            record_port = free_port()
            recorder = subprocess.Popen([options.mitmdump, "-q", "--mode", f"reverse:http://127.0.0.1:{port}", "-p", str(record_port), "-w", flows],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_for(record_port)
            urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{record_port}/v1/chat/completions", data=body,
                                                          headers={"content-type": "application/json"})).read()
            recorder.send_signal(signal.SIGINT)
            recorder.wait(timeout=30)
            replay_port = free_port()
            replayer = subprocess.Popen([options.mitmdump, "-q", "--mode", "reverse:http://127.0.0.1:9", "-p", str(replay_port),
                                         "--server-replay", flows, "--set", "server_replay_reuse=true",
                                         "--set", "server_replay_extra=kill", "--set", "connection_strategy=lazy", "--set", "server_replay_ignore_host=true", "--set", "server_replay_ignore_port=true"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_for(replay_port)
                check = urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{replay_port}/v1/chat/completions", data=body,
                                                                      headers={"content-type": "application/json"}))
                assert json.loads(check.read()) == answer_json, "mitmdump did not replay the interaction"
                results["mitmdump --server-replay"] = wrk(f"http://127.0.0.1:{replay_port}/v1/chat/completions", body, options.duration,
                                                          options.connections, options.threads)
            finally:
                replayer.send_signal(signal.SIGINT)
                replayer.wait(timeout=30)

        print(f"\nwrk -t{options.threads} -c{options.connections} -d{options.duration}s on loopback, same request, same run:")
        print(f"{'server':28} {'requests/s':>12} {'p99 ms':>8} {'non-2xx':>8}")
        for name, result in results.items():
            print(f"{name:28} {result['requests_per_second']:12.0f} {result['p99_ms']:8.2f} {result['non_2xx']:8d}")
        print(f"scoped / unscoped throughput (median of 3 interleaved rounds): {scoped_ratio:.3f} "
              f"(bar: within 10%: {'met' if scoped_ratio >= 0.9 else 'NOT met'})")
        if "mitmdump --server-replay" in results:
            ratio = results["docharness serve"]["requests_per_second"] / results["mitmdump --server-replay"]["requests_per_second"]
            print(f"throughput ratio docharness / mitmdump: {ratio:.1f}x")

        if options.soak:
            samples = [rss_kib(server.pid)]
            print(f"\nsoak: {options.soak} s of wrk, RSS sampled every 15 s")
            soak = subprocess.Popen(["wrk", f"-t{options.threads}", f"-c{options.connections}", f"-d{options.soak}s", "-s",
                                     write_lua(work, body), f"http://127.0.0.1:{port}/v1/chat/completions"],
                                    stdout=subprocess.PIPE, text=True)
            while soak.poll() is None:
                time.sleep(15)
                samples.append(rss_kib(server.pid))
            output = soak.stdout.read()
            rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
            first = samples[1] if len(samples) > 1 else samples[0]
            print(f"RSS KiB: start {samples[0]}, after 15 s {first}, end {samples[-1]}, max {max(samples)}; "
                  f"growth after warm-up {samples[-1] - first} KiB; {rate.group(1) if rate else '?'} requests/s")
            results["soak_rss_kib"] = samples
        print(json.dumps(results))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def write_lua(work, body):
    path = os.path.join(work, "soak.lua")
    with open(path, "w") as script:
        script.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ' + json.dumps(body.decode()) + "\n")
    return path


if __name__ == "__main__":
    main()
