"""The real-cliff table from `make cliff-local`: per run, what the llama.cpp server (a 512-token
context) did with the requests DocHarness sized — read from the run's report.json (every symbol's
outcome and error) and its cassette (every answered request's max_tokens and the server's usage).

Usage: cliff_table.py CONTEXT NAME=REPORTS_DIR,CASSETTE …
"""
import json
import statistics
import sys


def main() -> None:
    context = int(sys.argv[1])
    print("| budgeted with | symbols | requests answered | rejected by the server (HTTP 400, prompt > context) "
          "| crossed (prompt + max_tokens > context) | refused before sending (no room) | headroom min / median |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for argument in sys.argv[2:]:
        name, paths = argument.split("=", 1)
        reports, cassette = paths.split(",")
        report = json.load(open(f"{reports}/report.json"))
        symbols = report["symbols"]
        errors = [s.get("error") or "" for s in symbols if s.get("outcome") != "generated"]
        rejected = sum(1 for e in errors if "HTTP 400" in e)
        refused = sum(1 for e in errors if "leaves no response budget" in e)
        interactions = json.load(open(cassette))["interactions"]
        headroom, crossed = [], 0
        for interaction in interactions:
            body = interaction["request"]["body"]
            usage = interaction["response"]["body"].get("usage") or {}
            asked = body.get("max_tokens") or body.get("max_completion_tokens") or 0
            room = context - usage.get("prompt_tokens", 0) - asked
            headroom.append(room)
            crossed += room < 0
        print(f"| {name} | {len(symbols)} | {len(interactions)} | {rejected} | {crossed} | {refused} "
              f"| {min(headroom)} / {statistics.median(headroom):g} |")


if __name__ == "__main__":
    main()
