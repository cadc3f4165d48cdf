#!/usr/bin/env python3
"""Token ids from Hugging Face `tokenizers` for a tokenizer.json.

  hf_tokenizer_oracle.py TOKENIZER.json INPUT.jsonl
Each input line is a JSON string; prints one JSON array of ids per line
(`encode(text, add_special_tokens=False)`: added tokens in the text are split out, nothing is
added around it).
"""
import json
import sys

from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as handle:
    for line in handle:
        print(json.dumps(tokenizer.encode(json.loads(line), add_special_tokens=False).ids))
