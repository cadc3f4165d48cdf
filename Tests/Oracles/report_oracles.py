#!/usr/bin/env python3
"""Oracles for the report files of `docharness check`.

  sarif-schema DIR          extract the SARIF 2.1.0 JSON schema from the sarif-pydantic sdist on
                            PyPI (which ships it) into DIR (idempotent; never committed)
  validate-sarif SCHEMA F   validate a SARIF file with jsonschema (all but the results whole; the first
                            20 results of each rule and shape); prints the errors
  render-markdown F         render Markdown as GitHub would (markdown-it-py, CommonMark + GFM tables)
                            and print what came out: tables (rows, cells per row), links, code blocks
"""
import json
import os
import subprocess
import sys
import tarfile
import tempfile

SARIF_SDIST = "sarif-pydantic==0.6.2"
PER_RULE = 20
SCHEMA_NAME = "sarif-schema-2.1.0.json"


def sarif_schema(directory):
    target = os.path.join(directory, SCHEMA_NAME)
    if os.path.exists(target):
        return
    os.makedirs(directory, exist_ok=True)
    with tempfile.TemporaryDirectory() as download:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q",
                        "--disable-pip-version-check", "-d", download, SARIF_SDIST], check=True)
        sdist = next(os.path.join(download, f) for f in os.listdir(download) if f.endswith(".tar.gz"))
        with tarfile.open(sdist) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith("/" + SCHEMA_NAME))
            data = archive.extractfile(member).read()
    schema = json.loads(data)
    assert schema.get("title", "").startswith("Static Analysis Results Format (SARIF) Version 2.1.0"), schema.get("title")
    with open(target + ".partial", "wb") as handle:
        handle.write(data)
    os.rename(target + ".partial", target)
    print(f"extracted {SCHEMA_NAME} from {SARIF_SDIST} into {directory}")


def validate_sarif(schema_path, path):
    import jsonschema
    with open(schema_path) as handle:
        schema = json.load(handle)
    with open(path) as handle:
        document = json.load(handle)
    # Every part of the document but the results is validated whole; of the results (tens of
    # thousands over the standard library, alike in shape), the first PER_RULE of each rule and
    # kind of location: the same schema paths, a tenth of the time.
    total = 0
    for run in document.get("runs", []):
        kept, seen = [], {}
        for result in run.get("results", []):
            total += 1
            shape = (result.get("ruleId"), result.get("level"), tuple(sorted(result)),
                     tuple(sorted(result.get("locations", [{}])[0].get("physicalLocation", {}))) if result.get("locations") else ())
            seen[shape] = seen.get(shape, 0) + 1
            if seen[shape] <= PER_RULE:
                kept.append(result)
        run["results"] = kept
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:20]:
        print(f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message[:300]}")
    validated = sum(len(run.get("results", [])) for run in document.get("runs", []))
    print(json.dumps({"valid": not errors, "errors": len(errors), "results": total, "results_validated": validated}))
    return 0 if not errors else 1


def render_markdown(path):
    from markdown_it import MarkdownIt
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(text)
    tables, links, fences = [], [], []
    row = None
    current = None
    for token in tokens:
        if token.type == "table_open":
            current = []
        elif token.type == "tr_open":
            row = 0
        elif token.type in ("th_open", "td_open"):
            row += 1
        elif token.type == "tr_close":
            current.append(row)
        elif token.type == "table_close":
            tables.append({"rows": len(current), "cells": sorted(set(current))})
            current = None
        elif token.type == "fence":
            fences.append(token.info)
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open":
                    links.append(child.attrs.get("href"))
    html = parser.render(text)
    print(json.dumps({"bytes": len(text.encode("utf-8")), "tables": tables, "links": len(links),
                      "line_links": sum(1 for link in links if "#L" in link), "fences": fences,
                      "details": html.count("<details>"), "sample_links": links[:3]}))
    return 0


def main():
    command = sys.argv[1]
    if command == "sarif-schema":
        sarif_schema(sys.argv[2])
        return 0
    if command == "validate-sarif":
        return validate_sarif(sys.argv[2], sys.argv[3])
    if command == "render-markdown":
        return render_markdown(sys.argv[2])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
