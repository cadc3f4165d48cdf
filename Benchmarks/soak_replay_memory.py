#!/usr/bin/env python3
"""Soaks `docharness serve` with hostile traffic and checks that its memory stays bounded.

  soak_replay_memory.py --docharness .build/release/docharness --cassettes ../shared/data/cassettes
                        [--seconds 600] [--cache-mib 64] [--workers 4]

For `--seconds`, `--workers` clients send a mix, each request distinct unless said otherwise:
  - large chat requests (1 to 7.5 MiB, a few hundred messages) that match nothing: the server
    parses and analyses them (too large to cache), then searches the nearest recording and diffs it;
  - medium ones (50 to 300 KiB), which the analysis cache keeps until it is full;
  - unmatched requests of 4,000 short messages (the costliest nearest-recording search);
  - a recorded request (matched), and a large body sent again (an analysis-cache hit).
Meanwhile `GET /__admin/health` is timed every second and the server's RSS sampled every 5 s.

The server runs with `--analysis-cache-bytes` set to `--cache-mib`. Memory is bounded when the
growth of RSS over the run stays under that bound plus what the requests in flight hold (each
worker's body, about 12 times its size while analysed; `--max-body-bytes` is 8 MiB). Exit 1
otherwise. Prints the peak.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from compare_replay import free_port, one_interaction_cassette, pick_interaction, rss_kib, wait_for  # noqa: E402

MIB = 1 << 20


def post(port, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", data=body,
                                     headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


def large_request(rng, target_bytes):
    """A distinct chat request of about target_bytes, in messages of about 16 KiB."""
    nonce = rng.getrandbits(64)
    words = ["alpha", "beta", "gamma", "delta", "docstring", "return", "value", "parameter"]
    messages = [{"role": "system", "content": f"soak {nonce}"}]
    size = 0
    while size < target_bytes:
        content = " ".join(rng.choice(words) for _ in range(2700)) + f" {nonce} {len(messages)}"
        messages.append({"role": "user" if len(messages) % 2 else "assistant", "content": content})
        size += len(content) + 40
    return json.dumps({"model": "gpt-4o-mini", "messages": messages}).encode()


def many_messages_request(rng):
    nonce = rng.getrandbits(64)
    messages = [{"role": "user" if index % 2 else "assistant", "content": f"line {index} of {nonce}"} for index in range(4000)]
    return json.dumps({"model": "gpt-4o-mini", "messages": messages}).encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docharness", required=True)
    parser.add_argument("--cassettes", required=True)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--cache-mib", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()

    _, request_json, answer_json = pick_interaction(options.cassettes)
    work = one_interaction_cassette("docharness-soak-", request_json, answer_json)
    matched_body = json.dumps(request_json).encode()

    port = free_port()
    server = subprocess.Popen([options.docharness, "serve", "--cassettes", work, "--port", str(port),
                               "--analysis-cache-bytes", str(options.cache_mib * MIB)], stderr=subprocess.DEVNULL)
    stop = threading.Event()
    counts = {"large unmatched": 0, "medium unmatched": 0, "4,000 messages": 0, "matched": 0, "resent": 0}
    statuses = {}
    lock = threading.Lock()
    health_ms = []
    try:
        wait_for(port)
        assert post(port, matched_body) == 200, "the recorded request was not replayed"
        start_rss = rss_kib(server.pid)

        def worker(seed):
            rng = random.Random(seed)
            last_large = None
            while not stop.is_set():
                pick = rng.random()
                if pick < 0.3:
                    kind, body = "large unmatched", large_request(rng, rng.randint(1 * MIB, int(7.5 * MIB)))
                    last_large = body
                elif pick < 0.6:
                    kind, body = "medium unmatched", large_request(rng, rng.randint(50 * 1024, 300 * 1024))
                    last_large = body
                elif pick < 0.75:
                    kind, body = "4,000 messages", many_messages_request(rng)
                elif pick < 0.9 or last_large is None:
                    kind, body = "matched", matched_body
                else:
                    kind, body = "resent", last_large
                status = post(port, body)
                with lock:
                    counts[kind] += 1
                    statuses[status] = statuses.get(status, 0) + 1

        def health():
            while not stop.is_set():
                began = time.monotonic()
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/__admin/health", timeout=600).read()
                    health_ms.append((time.monotonic() - began) * 1000)
                except OSError:
                    pass
                stop.wait(1)

        threads = [threading.Thread(target=worker, args=(seed,), daemon=True) for seed in range(options.workers)]
        threads.append(threading.Thread(target=health, daemon=True))
        for thread in threads:
            thread.start()
        samples = [start_rss]
        ended = time.monotonic() + options.seconds
        while time.monotonic() < ended:
            time.sleep(5)
            samples.append(rss_kib(server.pid))
            if server.poll() is not None:
                sys.exit(f"the server exited with {server.returncode} during the soak")
        stop.set()
        for thread in threads:
            thread.join(timeout=600)
        samples.append(rss_kib(server.pid))

        peak = max(samples)
        allowance_kib = (options.cache_mib * MIB + options.workers * 12 * 8 * MIB) // 1024
        health_ms.sort()
        p99 = health_ms[int(len(health_ms) * 0.99) - 1] if health_ms else float("nan")
        print(f"\nsoak: {options.seconds} s, {options.workers} clients of mixed distinct large requests, "
              f"--analysis-cache-bytes {options.cache_mib} MiB")
        print("requests: " + ", ".join(f"{name} {count}" for name, count in counts.items())
              + "; statuses: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))
        print(f"RSS: start {start_rss // 1024} MiB, peak {peak // 1024} MiB, end {samples[-1] // 1024} MiB; "
              f"growth at peak {(peak - start_rss) // 1024} MiB, bound {allowance_kib // 1024} MiB "
              f"(cache {options.cache_mib} MiB + {options.workers} bodies in flight x 12 x 8 MiB)")
        print(f"/__admin/health during the soak: {len(health_ms)} checks, median {health_ms[len(health_ms) // 2]:.1f} ms, "
              f"p99 {p99:.1f} ms, max {health_ms[-1]:.1f} ms" if health_ms else "/__admin/health: no answer")
        print(json.dumps({"soak_memory": {"seconds": options.seconds, "rss_kib": samples, "peak_kib": peak,
                                          "bound_kib": start_rss + allowance_kib, "counts": counts,
                                          "health_ms_p99": p99}}))
        if peak - start_rss > allowance_kib:
            sys.exit(f"soak: RSS grew {(peak - start_rss) // 1024} MiB, more than the {allowance_kib // 1024} MiB bound")
        print("soak: memory stayed within the bound")
    finally:
        stop.set()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
