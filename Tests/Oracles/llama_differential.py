"""Token counts of DocHarness's open-weight tokenizer against llama.cpp's own, on a seeded mixed corpus.

Usage (the model venv's Python, which has llama-cpp-python):
  llama_differential.py --docharness BIN --megabytes N GGUF…

The corpus: Python source from the standard library, CJK, Arabic, emoji ZWJ sequences, combining
marks, whitespace runs, random code points of every plane, and text decoded from random bytes with
U+FFFD replacement — in 64 KiB files. Each file is counted by llama.cpp
(`Llama(vocab_only=True).tokenize(text, add_bos=False, special=True)`) and by
`docharness tokens --tokenizer GGUF --format json`; prints one row per vocabulary and exits 1 when
any file differs.
"""
import argparse
import json
import pathlib
import random
import subprocess
import sys
import sysconfig
import tempfile

from llama_cpp import Llama


def corpus(megabytes: float) -> list:
    rng = random.Random(20261203)
    stdlib = sorted(pathlib.Path(sysconfig.get_paths()["stdlib"]).glob("*.py"))
    pieces = []
    size = 0
    target = int(megabytes * (1 << 20))
    kinds = ["code", "cjk", "arabic", "emoji", "combining", "whitespace", "random", "bytes"]
    while size < target:
        kind = kinds[len(pieces) % len(kinds)]
        if kind == "code":
            text = rng.choice(stdlib).read_text(encoding="utf-8", errors="replace")[:65536]
        elif kind == "cjk":
            text = "".join(chr(rng.choice([rng.randint(0x4E00, 0x9FFF), rng.randint(0x3040, 0x30FF), rng.randint(0xAC00, 0xD7A3), 0x3002, 0xFF0C, 0x20]))
                           for _ in range(20000))
        elif kind == "arabic":
            text = "".join(chr(rng.choice([rng.randint(0x0621, 0x064A), rng.randint(0x0660, 0x0669), 0x20, 0x060C, 0x0640, rng.randint(0x064B, 0x0652)]))
                           for _ in range(30000))
        elif kind == "emoji":
            parts = ["\U0001F468\u200D\U0001F469\u200D\U0001F467", "\U0001F3F3\uFE0F\u200D\U0001F308", "\U0001F44D\U0001F3FD", "\u2764\uFE0F", " ", "a", "1"]
            text = "".join(rng.choice(parts) for _ in range(15000))
        elif kind == "combining":
            text = "".join(rng.choice("aeiouncZ ") + "".join(chr(rng.randint(0x0300, 0x036F)) for _ in range(rng.randint(0, 4))) for _ in range(20000))
        elif kind == "whitespace":
            text = "".join(rng.choice([" " * rng.randint(1, 40), "\t" * rng.randint(1, 5), "\n" * rng.randint(1, 5), "\r\n", "\u00A0", "\u3000", "\u2003", "x", "'s", "'LL", "123456"]) for _ in range(20000))
        elif kind == "random":
            text = "".join(chr(c) for c in (rng.choice([rng.randint(0x20, 0x7E), rng.randint(0xA0, 0x7FF), rng.randint(0x800, 0xD7FF), rng.randint(0xE000, 0xFFFD), rng.randint(0x10000, 0x3FFFF)]) for _ in range(20000)))
        else:
            text = bytes(rng.randint(0, 255) for _ in range(40000)).decode("utf-8", errors="replace").replace("\x00", "")
        pieces.append(text)
        size += len(text.encode("utf-8"))
    return pieces


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docharness", required=True)
    parser.add_argument("--megabytes", type=float, default=5)
    parser.add_argument("models", nargs="+")
    arguments = parser.parse_args()
    folder = pathlib.Path(tempfile.mkdtemp(prefix="llama-differential-"))
    files = []
    for index, text in enumerate(corpus(arguments.megabytes)):
        path = folder / f"{index:04d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    total_bytes = sum(path.stat().st_size for path in files)
    print(f"corpus: {len(files)} files, {total_bytes / (1 << 20):.2f} MiB")
    failed = False
    for model in arguments.models:
        llama = Llama(model_path=model, vocab_only=True, verbose=False)
        expected = [len(llama.tokenize(path.read_bytes(), add_bos=False, special=True)) for path in files]
        result = subprocess.run([arguments.docharness, "tokens", "--tokenizer", model, "--format", "json", *map(str, files)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(f"| {pathlib.Path(model).name} | error: {result.stderr.strip()[:200]} |")
            failed = True
            continue
        actual = [row["tokens"] for row in json.loads(result.stdout)["files"]]
        differing = [(path.name, e, a) for path, e, a in zip(files, expected, actual) if e != a]
        failed |= bool(differing)
        print(f"| {pathlib.Path(model).name} | {len(files)} files | {sum(expected)} tokens | {len(files) - len(differing)} equal |"
              + (f" differ: {differing[:3]}" if differing else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
