"""`make bench`, part two: docharness against CPython's own parser, in the same run.

Parses every .py file of the Python standard library (site-packages excluded) with
`ast.parse` in one Python process, and lists the same files with the release `docharness symbols`
(one worker, then one per core); prints MB/s and the ratios. Then shows that a 50 MB generated
file and a 10 MB single line go through in linear time (ms per MB constant as the size doubles).
"""

import argparse
import ast
import os
import subprocess
import sys
import sysconfig
import tempfile
import time


def stdlib_files():
    root = sysconfig.get_paths()["stdlib"]
    paths = []
    for directory, _, files in os.walk(root):
        if "site-packages" in directory.split(os.sep):
            continue
        paths += [os.path.join(directory, f) for f in files if f.endswith(".py")]
    return sorted(paths)


def best_of(runs, action):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def cpython_parse(paths):
    for path in paths:
        with open(path, "rb") as handle:
            source = handle.read()
        try:
            ast.parse(source)
        except (SyntaxError, ValueError):
            pass


def docharness(binary, arguments):
    subprocess.run([binary, "symbols", "--format", "json", *arguments], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docharness", required=True, help="the release docharness binary")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    paths = stdlib_files()
    megabytes = sum(os.path.getsize(p) for p in paths) / 2**20
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths))
    print(f"Python standard library: {len(paths)} files, {megabytes:.1f} MB, best of {args.runs}")
    cpython = best_of(args.runs, lambda: cpython_parse(paths))
    one = best_of(args.runs, lambda: docharness(args.docharness, ["--jobs", "1", *paths]))
    cores = os.cpu_count() or 1
    many = best_of(args.runs, lambda: docharness(args.docharness, paths))
    print(f"  CPython ast.parse (1 process)          {cpython:7.2f} s  {megabytes / cpython:7.1f} MB/s")
    print(f"  docharness symbols --jobs 1 (JSON out) {one:7.2f} s  {megabytes / one:7.1f} MB/s  "
          f"{cpython / one:5.1f}x faster")
    print(f"  docharness symbols, {cores} cores          {many:7.2f} s  {megabytes / many:7.1f} MB/s  "
          f"{cpython / many:5.1f}x faster")
    if one >= cpython:
        print("FAIL: docharness is not faster than CPython's parser")
        sys.exit(1)

    unit = '''class Repository:
    """Store and fetch records."""

    def fetch(self, key: str, *, default=None) -> dict | None:
        """Return the record for ``key``."""
        for shard in self.shards:
            if key in shard:
                return shard[key]
        raise KeyError(f"{key!r} not found")


'''
    print("Linear time (ms per MB should stay flat as the size doubles):")
    with tempfile.TemporaryDirectory() as directory:
        for label, sizes, make in [
            ("generated file", [12.5, 25, 50], lambda size: unit * int(size * 2**20 / len(unit))),
            ("one line", [2.5, 5, 10],
             lambda size: "values = [" + ", ".join(str(i) for i in range(int(size * 2**20 / 9))) + "]\n"),
        ]:
            for size in sizes:
                path = os.path.join(directory, "input.py")
                with open(path, "w") as handle:
                    handle.write(make(size))
                actual = os.path.getsize(path) / 2**20
                seconds = best_of(args.runs, lambda: docharness(args.docharness, ["--jobs", "1", path]))
                print(f"  {label:15} {actual:6.1f} MB  {seconds * 1000:8.0f} ms  {seconds * 1000 / actual:6.1f} ms/MB")


if __name__ == "__main__":
    main()
