"""`make bench`, open-weight part: a GGUF model's tokenizer and chat template against their peers.

Same input, same run, one core (this process and docharness pinned to CPU 0), release build:

1. Tokenizing: about 20 MB of mixed text (standard library sources, generated multilingual text)
   with SmolLM2's vocabulary — `docharness tokens --tokenizer FILE.gguf` (minus its GGUF load,
   timed on an empty file) against Hugging Face `tokenizers` (Rust) built from the same GGUF's
   tokens and merges with SmolLM2's pre-tokenizer (digits apart, then GPT-2's byte-level split).
   The token counts must be equal.
2. Rendering: the model's chat template over the requests of corpora/cassettes-smollm2 (repeated
   to a few thousand) — `docharness prompt --timing` (in-process time per render, the fastest of
   five passes, the fastest of three processes) against Python jinja2 in llama-cpp-python's environment (per render, in-process,
   the fastest of five passes). Each side renders from variables already built from the same
   JSONL file, one object per line: Python's from json.loads, docharness's from its parsed
   requests (that step is timed apart and printed too).

Prints both ratios (peer time / DocHarness time: above 1 means DocHarness is faster).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import gguf
import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from tokenizers import Tokenizer, decoders, models, pre_tokenizers

sys.path.insert(0, os.path.dirname(__file__))
from compare_tiktoken import mixed_text  # noqa: E402


def field(reader, key):
    value = reader.fields[key]
    if len(value.data) == 1 and value.types[0] == gguf.GGUFValueType.STRING:
        return bytes(value.parts[value.data[0]]).decode("utf-8")
    return [bytes(value.parts[index]).decode("utf-8") for index in value.data]


def hf_tokenizer(reader):
    tokens = field(reader, "tokenizer.ggml.tokens")
    merges = [tuple(line.split(" ", 1)) for line in field(reader, "tokenizer.ggml.merges")]
    tokenizer = Tokenizer(models.BPE({token: index for index, token in enumerate(tokens)}, merges, ignore_merges=False))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                       pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
    tokenizer.decoder = decoders.ByteLevel()
    return tokenizer


def chunks(text, size=1 << 16):
    """Pieces of about `size` characters cut where docharness cuts files (TextChunks): after a
    newline between a visible ASCII character and an ASCII letter, where every split pattern cuts."""
    cut = re.compile(r"(?<=[!-~])\n(?=[A-Za-z])")
    start = 0
    while start < len(text):
        match = cut.search(text, start + size)
        end = len(text) if match is None else match.end()
        yield text[start:end]
        start = end


def requests_of(cassettes, repeat):
    requests = []
    for name in sorted(os.listdir(cassettes)):
        if name.endswith(".json"):
            with open(os.path.join(cassettes, name), encoding="utf-8") as handle:
                for interaction in json.load(handle).get("interactions", []):
                    body = interaction["request"]["body"]
                    requests.append(json.loads(body) if isinstance(body, str) else body)
    return requests * repeat


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docharness", required=True)
    parser.add_argument("--gguf", required=True)
    parser.add_argument("--cassettes", required=True)
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=20)
    arguments = parser.parse_args()
    os.sched_setaffinity(0, {0})
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    pinned = ["taskset", "-c", "0", arguments.docharness]
    reader = gguf.GGUFReader(arguments.gguf)

    text = mixed_text(arguments.megabytes * 1_000_000)
    tokenizer = hf_tokenizer(reader)
    with tempfile.TemporaryDirectory() as scratch:
        path, empty = os.path.join(scratch, "mixed.txt"), os.path.join(scratch, "empty.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        open(empty, "w").close()
        megabytes = len(text.encode()) / 1e6
        start = time.perf_counter()
        theirs = sum(len(tokenizer.encode(chunk, add_special_tokens=False).ids) for chunk in chunks(text))
        hf_seconds = time.perf_counter() - start
        load = min(timed(pinned + ["tokens", "--tokenizer", arguments.gguf, empty])[0] for _ in range(3))
        seconds, result = timed(pinned + ["tokens", "--tokenizer", arguments.gguf, path])
        ours = int(result.stdout.split()[0])
        print(f"open-weight tokenizer: {megabytes:.1f} MB of mixed text, SmolLM2's GGUF vocabulary, one core")
        print(f"  HF tokenizers {hf_seconds:.2f} s ({megabytes / hf_seconds:.1f} MB/s); docharness {seconds - load:.2f} s "
              f"({megabytes / (seconds - load):.1f} MB/s; + {1000 * load:.0f} ms GGUF load and process start)")
        print(f"  ratio (HF tokenizers / docharness): {hf_seconds / (seconds - load):.2f}x; tokens equal: {ours == theirs} ({ours})")

        requests = requests_of(arguments.cassettes, arguments.repeat)
        requests_path = os.path.join(scratch, "requests.jsonl")
        with open(requests_path, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(request) + "\n" for request in requests)
        environment = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
        environment.globals["raise_exception"] = lambda message: (_ for _ in ()).throw(jinja2.exceptions.TemplateError(message))
        template = environment.from_string(field(reader, "tokenizer.chat_template"))
        # Both sides: the fastest of five passes over the requests, each rendered from variables
        # already built from the same file's lines (json.loads' objects here, docharness's template
        # values there): one object per line on both sides, not the same few objects repeated,
        # which would sit in the cache where the other side's do not.
        with open(requests_path, encoding="utf-8") as handle:
            loaded = [json.loads(line) for line in handle]
        passes = []
        for _ in range(5):
            start = time.perf_counter()
            for request in loaded:
                template.render(messages=request["messages"], add_generation_prompt=True, bos_token="", eos_token="",
                                tools=request.get("tools"), functions=None, function_call=None, tool_choice=None)
            passes.append((time.perf_counter() - start) / len(requests) * 1e6)
        jinja_each = min(passes)
        # docharness: the fastest of three processes (each the fastest of its five passes) — where a
        # process's allocations land in memory moves its figure by up to a sixth from run to run.
        runs = []
        for _ in range(3):
            _, result = timed(pinned + ["prompt", "--tokenizer", arguments.gguf, "--timing", requests_path])
            match = re.search(r"rendered (\d+) prompts in .*? \(([\d.]+) µs each, (\d+) bytes\); built their variables in .*? \(([\d.]+) µs each\); "
                              r"tokenized in .*? \(([\d.]+) µs each\)", result.stderr)
            runs.append((float(match.group(2)), int(match.group(3)), float(match.group(4)), float(match.group(5))))
        ours_each, prompt_bytes, variables_each, tokenize_each = min(runs)
        print(f"chat template: SmolLM2's, {len(requests)} requests of corpora/cassettes-smollm2 ({prompt_bytes} bytes of prompt each), one core")
        print(f"  Python jinja2 {jinja_each:.1f} µs per render; docharness {ours_each:.1f} µs per render "
              f"(+ {variables_each:.1f} µs building the variables from the request, + {tokenize_each:.1f} µs tokenizing the prompt)")
        print(f"  ratio (jinja2 / docharness): {jinja_each / ours_each:.1f}x; with docharness's variables built: {jinja_each / (ours_each + variables_each):.1f}x")


if __name__ == "__main__":
    sys.exit(main())
