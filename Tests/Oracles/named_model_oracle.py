#!/usr/bin/env python3
"""Token ids of DocHarness's named open-weight models, as their reference tokenizers give them.

  named_model_oracle.py VOCAB_DIR INPUT.jsonl
Each input line is {"model": "phi4" | "gpt-oss", "text": ...} (special tokens in the text count as
special tokens) or {"model": ..., "template": FILE, "messages": [...], "tools": [...]?,
"flavor": "llama-cpp-python" | "hf", "date": "YYYY-MM-DD", "variables": {...}} (the chat template
rendered as jinja_oracle.py renders it, then tokenized). Prints {"ids": [...]} (and "prompt" for a
chat) or {"error": ...} per line.

- gpt-oss: tiktoken's own `o200k_harmony` encoding (tiktoken >= 0.11).
- phi4: tiktoken's engine over cl100k_base's ranks with the split Microsoft's Phi-4 tokenizer.json
  declares (Llama 3's pattern) and Phi-4's special tokens (its named markers and the
  `<|dummy_N|>` reservations numbered across the gaps).
tiktoken's download cache is pre-filled from VOCAB_DIR, so nothing is fetched from the network.
"""
import hashlib
import json
import os
import pathlib
import shutil
import sys
import tempfile
from datetime import datetime

vocab_dir, input_path = sys.argv[1:3]
cache = tempfile.mkdtemp(prefix="tiktoken-cache-")
for name in ("cl100k_base", "o200k_base"):
    url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
    shutil.copyfile(os.path.join(vocab_dir, f"{name}.tiktoken"), os.path.join(cache, hashlib.sha1(url.encode()).hexdigest()))
os.environ["TIKTOKEN_CACHE_DIR"] = cache
import tiktoken  # noqa: E402  (after the cache is set)

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import jinja_oracle  # noqa: E402

LLAMA3_SPLIT = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"


def phi4():
    cl100k = tiktoken.get_encoding("cl100k_base")
    named = {"<|endoftext|>": 100257, "<|fim_prefix|>": 100258, "<|fim_middle|>": 100259, "<|fim_suffix|>": 100260,
             "<|im_start|>": 100264, "<|im_end|>": 100265, "<|im_sep|>": 100266, "<|endofprompt|>": 100276}
    free = [i for i in range(100256, 100352) if i not in named.values()]
    specials = dict(named, **{f"<|dummy_{n}|>": i for n, i in enumerate(free)})
    return tiktoken.Encoding("phi4", pat_str=LLAMA3_SPLIT, mergeable_ranks=cl100k._mergeable_ranks, special_tokens=specials)


ENCODINGS = {"phi4": phi4(), "gpt-oss": tiktoken.get_encoding("o200k_harmony")}


def render(case):
    env = jinja_oracle.environment(case.get("flavor", "llama-cpp-python"))
    date = datetime.fromisoformat(case["date"])
    env.globals["strftime_now"] = lambda fmt: date.strftime(fmt)
    template = env.from_string(pathlib.Path(case["template"]).read_text(encoding="utf-8"))
    context = {"messages": case["messages"], "add_generation_prompt": True, "bos_token": case.get("bos_token", ""),
               "eos_token": case.get("eos_token", "")}
    if "tools" in case:
        context["tools"] = case["tools"]
    elif case.get("flavor", "llama-cpp-python") == "llama-cpp-python":
        context.update(tools=None, functions=None, function_call=None, tool_choice=None)
    context.update(case.get("variables", {}))
    return template.render(**context)


def main():
    with open(input_path, encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            encoding = ENCODINGS[case["model"]]
            try:
                if "text" in case:
                    print(json.dumps({"ids": encoding.encode(case["text"], allowed_special="all")}))
                else:
                    prompt = render(case)
                    print(json.dumps({"ids": encoding.encode(prompt, allowed_special="all"), "prompt": prompt}, ensure_ascii=False))
            except Exception as error:  # noqa: BLE001 - the oracle's answer
                print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
