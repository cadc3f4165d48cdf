#!/usr/bin/env python3
"""Encodes texts with Python tiktoken, pointed at DocHarness's verified vocabulary files.

  tiktoken_oracle.py ENCODING VOCAB_DIR INPUT.jsonl
Reads one JSON value per line — a string, or {"b64": …} raw bytes decoded as UTF-8 with
errors="replace" — and prints one JSON array of token ids per line (`encode_ordinary`). tiktoken's download cache is pre-filled from VOCAB_DIR under the names it
expects (sha1 of the official URL), so nothing is fetched from the network.
"""
import base64
import hashlib
import json
import os
import shutil
import sys
import tempfile

encoding_name, vocab_dir, input_path = sys.argv[1:4]
cache = tempfile.mkdtemp(prefix="tiktoken-cache-")
url = f"https://openaipublic.blob.core.windows.net/encodings/{encoding_name}.tiktoken"
shutil.copyfile(os.path.join(vocab_dir, f"{encoding_name}.tiktoken"),
                os.path.join(cache, hashlib.sha1(url.encode()).hexdigest()))
os.environ["TIKTOKEN_CACHE_DIR"] = cache
import tiktoken  # noqa: E402  (after the cache is set)

encoding = tiktoken.get_encoding(encoding_name)
with open(input_path, encoding="utf-8") as handle:
    for line in handle:
        value = json.loads(line)
        if isinstance(value, dict):
            value = base64.b64decode(value["b64"]).decode("utf-8", errors="replace")
        print(json.dumps(encoding.encode_ordinary(value)))
shutil.rmtree(cache, ignore_errors=True)
