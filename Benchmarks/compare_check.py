"""`make bench`, part three: `docharness check` against ruff, pydoclint and interrogate, same tree.

The tree is the Python standard library without its tests and site-packages (the oracle corpus
`.cache/oracle-corpora/stdlib`). Each tool runs on it with its docstring checks; the table shows
the best wall time of a few runs, peak memory (from /usr/bin/time), and the ratios the issue
sets: docharness no slower than `ruff check --select D --no-cache`, and at least 20 times faster
than pydoclint.
"""

import argparse
import os
import re
import subprocess
import sys
import time


def run(command, env=None):
    """Wall seconds and peak RSS (MB) of one run."""
    timed = ["/usr/bin/time", "-f", "%M"] + command
    start = time.perf_counter()
    completed = subprocess.run(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    peak = int(re.findall(r"^(\d+)$", completed.stderr, re.M)[-1]) / 1024
    return elapsed, peak


def best(command, runs, env=None):
    results = [run(command, env) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docharness", required=True)
    parser.add_argument("--tree", required=True)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    tree = arguments.tree
    venv_bin = os.path.dirname(sys.executable)
    files = sum(1 for d, _, fs in os.walk(tree) for f in fs if f.endswith(".py"))
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs if f.endswith(".py"))
    print(f"tree: {tree}: {files} files, {size / 1e6:.1f} MB; best of {arguments.runs} runs (pydoclint, interrogate: 1)")
    rows = [
        ("docharness check (all cores)", best([arguments.docharness, "check", tree], arguments.runs)),
        ("docharness check --jobs 1", best([arguments.docharness, "check", "--jobs", "1", tree], arguments.runs)),
        ("ruff check --select D --no-cache (all cores)",
         best([os.path.join(venv_bin, "ruff"), "check", "--select", "D", "--no-cache", "--isolated", "-q", tree], arguments.runs)),
        ("ruff check --select D --no-cache (1 thread)",
         best([os.path.join(venv_bin, "ruff"), "check", "--select", "D", "--no-cache", "--isolated", "-q", tree], arguments.runs,
              env={"RAYON_NUM_THREADS": "1"})),
        ("interrogate", best([os.path.join(venv_bin, "interrogate"), "-q", tree], 1)),
        ("pydoclint", best([os.path.join(venv_bin, "pydoclint"), "-q", tree], 1)),
    ]
    ours = rows[0][1][0]
    ours_one = rows[1][1][0]
    print(f"{'tool':48} {'seconds':>8} {'peak MB':>8} {'vs docharness':>14}")
    for name, (seconds, peak) in rows:
        reference = ours_one if "1 thread" in name or "--jobs 1" in name else ours
        print(f"{name:48} {seconds:8.3f} {peak:8.1f} {seconds / reference:13.1f}x")
    ruff, ruff_one = rows[2][1][0], rows[3][1][0]
    pydoclint = rows[5][1][0]
    print(f"docharness / ruff D: {ours / ruff:.2f} (all cores), {ours_one / ruff_one:.2f} (one core)")
    print(f"pydoclint / docharness: {pydoclint / ours:.1f}x")
    ok = ours <= ruff and pydoclint / ours >= 20
    print("bar (no slower than ruff D, 20x faster than pydoclint):", "met" if ok else "NOT met")

    # What writing the report files adds to the same run.
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        outputs = {
            "--json": os.path.join(scratch, "report.json"), "--junit": os.path.join(scratch, "junit.xml"),
            "--markdown": os.path.join(scratch, "summary.md"), "--sarif": os.path.join(scratch, "report.sarif"),
        }
        print(f"{'report files':48} {'seconds':>8} {'peak MB':>8} {'added':>14}")
        for flag, path in list(outputs.items()) + [("all four", None)]:
            extra = [flag, path] if path else [item for pair in outputs.items() for item in pair]
            seconds, peak = best([arguments.docharness, "check", tree] + extra, arguments.runs)
            size = sum(os.path.getsize(p) for p in outputs.values() if os.path.exists(p)) if not path else os.path.getsize(path)
            print(f"{'check ' + flag:48} {seconds:8.3f} {peak:8.1f} {100 * (seconds - ours) / ours:12.0f}%   ({size / 1e6:.1f} MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
