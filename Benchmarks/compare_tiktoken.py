"""`make bench`, part four: token counting against Python tiktoken (Rust core), same input, same run.

Builds about 100 MB of mixed text — the standard library's sources, then generated multilingual
text (CJK, Arabic, Devanagari, Cyrillic, emoji, combining marks, digits, punctuation, whitespace) —
and counts it single-threaded with tiktoken's `encode_ordinary` and with `docharness tokens`
(which also loads the vocabulary and reads the file). Prints MB/s for both encodings and the ratio,
then the vocabulary load time (`docharness tokens` on an empty file).
"""
import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time


def mixed_text(target):
    parts, size = [], 0
    root = sysconfig.get_paths()["stdlib"]
    for directory, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".py") and size < target * 0.6:
                with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
                parts.append(text)
                size += len(text.encode())
    rng = random.Random(7)
    pools = [[chr(c) for c in range(0x4E00, 0x4E00 + 400)], [chr(c) for c in range(0x0621, 0x064A)],
             [chr(c) for c in range(0x0905, 0x0939)], [chr(c) for c in range(0x0410, 0x0450)],
             list("abcdefghijklmnopqrstuvwxyz"), list("0123456789"), list("!\"#$%&'()*+,-./:;<=>?@[]^_{|}~"),
             ["👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "😀"], ["e\u0301", "n\u0303"], [" ", "  ", "\n", "\t", "\r\n"]]
    while size < target:
        line = "".join(rng.choice(rng.choice(pools)) * rng.randint(1, 6) for _ in range(200)) + "\n"
        parts.append(line)
        size += len(line.encode())
    return "".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docharness", required=True)
    parser.add_argument("--megabytes", type=int, default=100)
    arguments = parser.parse_args()
    cache = os.environ.get("DOCHARNESS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "docharness")
    tiktoken_cache = tempfile.mkdtemp()
    for name in ("cl100k_base", "o200k_base"):
        url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
        shutil.copyfile(os.path.join(cache, f"{name}.tiktoken"), os.path.join(tiktoken_cache, hashlib.sha1(url.encode()).hexdigest()))
    os.environ["TIKTOKEN_CACHE_DIR"] = tiktoken_cache
    import tiktoken

    text = mixed_text(arguments.megabytes * 1_000_000)
    data = text.encode()
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "mixed.txt")
        with open(path, "wb") as handle:
            handle.write(data)
        empty = os.path.join(scratch, "empty.txt")
        open(empty, "w").close()
        megabytes = len(data) / 1e6
        print(f"input: {megabytes:.1f} MB of mixed text (standard library sources and generated multilingual text)")
        print(f"{'encoding':12} {'tiktoken MB/s':>14} {'docharness MB/s':>16} {'ratio':>7} {'tokens equal':>13}")
        for name in ("cl100k_base", "o200k_base"):
            encoding = tiktoken.get_encoding(name)
            start = time.perf_counter()
            theirs = len(encoding.encode_ordinary(text))
            tiktoken_seconds = time.perf_counter() - start
            start = time.perf_counter()
            output = subprocess.run([arguments.docharness, "tokens", "--encoding", name, path], capture_output=True, text=True, check=True)
            ours_seconds = time.perf_counter() - start
            ours = int(output.stdout.split()[0])
            print(f"{name:12} {megabytes / tiktoken_seconds:14.1f} {megabytes / ours_seconds:16.1f} "
                  f"{tiktoken_seconds / ours_seconds:6.2f}x {str(ours == theirs):>13}")
            load = min(_timed([arguments.docharness, "tokens", "--encoding", name, empty]) for _ in range(3))
            print(f"{'':12} vocabulary load + process start: {1000 * load:.0f} ms")
    shutil.rmtree(tiktoken_cache, ignore_errors=True)


def _timed(command):
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
