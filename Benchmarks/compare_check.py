"""`make bench`, part three: `docharness check` against ruff, pydoclint and interrogate, same tree.

The tree is the Python standard library without its tests and site-packages (the oracle corpus
`.cache/oracle-corpora/stdlib`). Each tool runs on it with its docstring checks; the table shows
the best wall time of a few runs, peak memory (from /usr/bin/time), and the ratios the issue
sets: docharness no slower than `ruff check --select D --no-cache`, at most half the time of
`ruff check --select D,DOC --preview --no-cache` (issue 19), and at least 20 times faster than
pydoclint.
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
        # Issue 19's bar: ruff with its pydoclint port (DOC, preview) as well as pydocstyle (D).
        ("ruff check --select D,DOC --preview --no-cache",
         best([os.path.join(venv_bin, "ruff"), "check", "--select", "D,DOC", "--preview", "--no-cache", "--isolated", "-q", tree], arguments.runs)),
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
    ruff_doc = rows[4][1][0]
    pydoclint = rows[6][1][0]
    print(f"docharness / ruff D: {ours / ruff:.2f} (all cores), {ours_one / ruff_one:.2f} (one core)")
    print(f"docharness / ruff D,DOC --preview: {ours / ruff_doc:.2f} (all cores; issue 19's bar: at most 0.5)")
    print(f"pydoclint / docharness: {pydoclint / ours:.1f}x")
    ok = ours <= ruff and pydoclint / ours >= 20 and ours / ruff_doc <= 0.5
    print("bar (no slower than ruff D, at most half of ruff D,DOC, 20x faster than pydoclint):", "met" if ok else "NOT met")

    # What writing the report files adds to the same run: each case interleaved with a plain
    # check round after round, the median of the per-round ratios (this machine drifts by tens
    # of percent within minutes; pairs drift together). Twice: into an empty folder (a CI job)
    # and over the previous round's files (a developer re-running), which on ext4 also pays
    # for dropping the old files' pages and for the rename's early flush.
    import shutil
    import statistics
    import tempfile
    names = {"--json": "report.json", "--junit": "junit.xml", "--markdown": "summary.md", "--sarif": "report.sarif"}
    cases = [[flag] for flag in names] + [list(names)]
    rounds = max(6, arguments.runs * 2)
    with tempfile.TemporaryDirectory() as scratch:
        print(f"report files (median of {rounds} paired rounds)   {'size MB':>8} {'new files':>10} {'replacing':>10}")
        added = {}
        sizes = {}
        for mode in ("new", "replace"):
            ratios = {tuple(case): [] for case in cases}
            for _ in range(rounds):
                for case in cases:
                    folder = os.path.join(scratch, mode)
                    if mode == "new":
                        shutil.rmtree(folder, ignore_errors=True)
                    os.makedirs(folder, exist_ok=True)
                    extra = [item for flag in case for item in (flag, os.path.join(folder, names[flag]))]
                    plain, _ = run([arguments.docharness, "check", tree])
                    seconds, _ = run([arguments.docharness, "check", tree] + extra)
                    ratios[tuple(case)].append(seconds / plain - 1)
                    sizes[tuple(case)] = sum(os.path.getsize(os.path.join(folder, names[flag])) for flag in case)
            for case, values in ratios.items():
                added.setdefault(case, {})[mode] = statistics.median(values)
        for case in cases:
            label = "check " + (case[0] if len(case) == 1 else "with all four")
            print(f"{label:48} {sizes[tuple(case)] / 1e6:8.1f} {100 * added[tuple(case)]['new']:+9.1f}% {100 * added[tuple(case)]['replace']:+9.1f}%")
        each = max(added[tuple(case)]["new"] for case in cases[:-1])
        print("bar (each report adds under 10% to check, new files):", "met" if each < 0.10 else "NOT met")

    # What recording the run in the history adds (issue 22: under 5%), paired rounds as above.
    # "again" is the steady state of CI: the store already holds the tree's files, so only the
    # run and its links are written (the store is content addressed per file); "first" records
    # into an empty store every round.
    with tempfile.TemporaryDirectory() as scratch:
        store = os.path.join(scratch, "history.sqlite")
        subprocess.run([arguments.docharness, "check", tree, "--history-store", store], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        history = {"again": [], "first": []}
        for index in range(rounds):
            plain, _ = run([arguments.docharness, "check", tree])
            seconds, _ = run([arguments.docharness, "check", tree, "--history-store", store])
            history["again"].append(seconds / plain - 1)
            fresh = os.path.join(scratch, f"fresh-{index}.sqlite")
            plain, _ = run([arguments.docharness, "check", tree])
            seconds, _ = run([arguments.docharness, "check", tree, "--history-store", fresh])
            history["first"].append(seconds / plain - 1)
        again, first = statistics.median(history["again"]), statistics.median(history["first"])
        print(f"check --history (median of {rounds} paired rounds): {100 * again:+.1f}% into a store holding the tree, "
              f"{100 * first:+.1f}% into an empty store; {os.path.getsize(store) / 1e6:.1f} MB after {rounds + 1} runs")
        print("bar (recording adds under 5% to check, store holding the tree):", "met" if again < 0.05 else "NOT met")

    # Start-up, what a pre-commit hook pays per commit: one small file, and --version, against
    # ruff on the same file (the median of many runs, interleaved so drift hits both alike).
    small = min((os.path.join(d, f) for d, _, fs in os.walk(tree) for f in fs if f.endswith(".py")
                 and os.path.getsize(os.path.join(d, f)) > 2000), key=os.path.getsize)
    ruff_binary = os.path.join(venv_bin, "ruff")
    pairs = [("--version", [arguments.docharness, "--version"], [ruff_binary, "--version"]),
             (f"check one file ({os.path.getsize(small)} bytes)", [arguments.docharness, "check", "-q", "--exit-zero", small],
              [ruff_binary, "check", "--select", "D", "--no-cache", "--isolated", "-q", "--exit-zero", small])]
    print(f"{'start-up (median of 40 interleaved runs)':48} {'docharness ms':>14} {'ruff ms':>8} {'ratio':>6}")
    for label, ours_command, ruff_command in pairs:
        timings = {"ours": [], "ruff": []}
        for _ in range(40):
            for key, command in (("ours", ours_command), ("ruff", ruff_command)):
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                timings[key].append(time.perf_counter() - start)
        mine, theirs = statistics.median(timings["ours"]), statistics.median(timings["ruff"])
        print(f"{label:48} {1000 * mine:14.1f} {1000 * theirs:8.1f} {mine / theirs:6.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
