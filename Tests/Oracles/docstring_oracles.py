#!/usr/bin/env python3
"""Oracles for `docharness check`: pydoclint agreement and interrogate coverage.

Subcommands:
  stdlib-tree DIR                copy the standard library without tests and site-packages to DIR
  fetch DIR                      download the NumPy-style (xarray) and Google-style (absl-py)
                                 projects from PyPI into DIR (idempotent)
  pydoclint --docharness BIN --style S TREE
                                 compare missing/extra parameters, missing returns, yields and
                                 raises with pydoclint, symbol by symbol
  interrogate --docharness BIN TREE [--knobs]
                                 compare per-file docstring coverage with interrogate

Each prints a summary and exits 1 when the agreement is below the bar (95%, or exact for
coverage). `--report FILE` writes the details as JSON.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

PROJECTS = {
    # name: (requirement, style, package folder inside the wheel)
    "xarray": ("xarray==2024.11.0", "numpy", "xarray"),
    "absl": ("absl-py==2.1.0", "google", "absl"),
}

CATEGORIES = ["missing-parameter", "extra-parameter", "missing-return", "missing-yield", "missing-raise"]
OURS = {"DH101": "missing-parameter", "DH102": "extra-parameter", "DH104": "missing-return",
        "DH105": "missing-yield", "DH106": "missing-raise"}


def fetch(directory):
    os.makedirs(directory, exist_ok=True)
    for name, (requirement, _, _) in PROJECTS.items():
        target = os.path.join(directory, name)
        if os.path.isdir(target):
            continue
        with tempfile.TemporaryDirectory() as download:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                            "-q", "--disable-pip-version-check", "-d", download, requirement], check=True)
            wheel = next(os.path.join(download, f) for f in os.listdir(download) if f.endswith(".whl"))
            staging = target + ".partial"
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(staging)
            os.rename(staging, target)
        print(f"fetched {requirement} into {target}")


def stdlib_tree(directory):
    """Copies the standard library's .py files, without site-packages and test folders, to DIR."""
    import shutil
    import sysconfig
    source = sysconfig.get_paths()["stdlib"]
    if os.path.isdir(directory):
        return directory
    staging = directory + ".partial"
    shutil.rmtree(staging, ignore_errors=True)
    count = 0
    for root, folders, files in os.walk(source):
        folders[:] = sorted(f for f in folders if f not in ("site-packages", "test", "tests", "idle_test", "__pycache__"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            relative = os.path.relpath(os.path.join(root, name), source)
            target = os.path.join(staging, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(root, name), target)
            count += 1
    os.rename(staging, directory)
    print(f"copied {count} standard-library files into {directory}")
    return directory


def run_docharness(binary, tree, style, config_text=""):
    with tempfile.TemporaryDirectory() as scratch:
        config = os.path.join(scratch, "docharness.toml")
        with open(config, "w") as handle:
            handle.write(f'style = "{style}"\nfail-under = 0\n' + config_text)
        report = os.path.join(scratch, "report.json")
        completed = subprocess.run([binary, "check", tree, "--config", config, "--json", report, "--format", "github"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if completed.returncode not in (0, 1, 3):
            sys.exit(f"docharness failed ({completed.returncode}): {completed.stderr}")
        with open(report) as handle:
            return json.load(handle)


# pydoclint ---------------------------------------------------------------------------------------

LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<code>DOC\d+): (?P<message>.*)$")


def bracket_list(message, label):
    match = re.search(re.escape(label) + r": \[(.*?)\]", message)
    if not match or not match.group(1).strip():
        return []
    return [part.strip().split(":")[0].strip() for part in match.group(1).split(",") if part.strip()]


def pydoclint_findings(tree, style):
    command = [os.path.join(os.path.dirname(sys.executable), "pydoclint"), "--style", style, "-q", "-sfn", "True",
               "--arg-type-hints-in-signature", "False", "--arg-type-hints-in-docstring", "False",
               "--check-return-types", "False", "--check-yield-types", "False", "--check-class-attributes", "False",
               "--skip-checking-short-docstrings", "False", "--check-style-mismatch", "False",
               "--allow-init-docstring", "True", "--check-arg-order", "False", "--exclude", r"\.git|\.tox", tree]
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    findings = {}
    for line in (completed.stdout + "\n" + completed.stderr).splitlines():
        match = LINE.match(line.strip())  # pydoclint prints violations on stderr
        if not match:
            continue
        key = (os.path.realpath(match["path"]), int(match["line"]))
        code, message = match["code"], match["message"]
        categories = findings.setdefault(key, set())
        if code == "DOC001":
            # pydoclint could not parse the docstring and skips its checks: not a symbol it checks.
            categories.add("unparsed")
        elif code == "DOC101":
            categories.add("missing-parameter")
        elif code == "DOC102":
            categories.add("extra-parameter")
        elif code == "DOC103":
            if bracket_list(message, "Arguments in the function signature but not in the docstring"):
                categories.add("missing-parameter")
            if bracket_list(message, "Arguments in the docstring but not in the function signature"):
                categories.add("extra-parameter")
        elif code == "DOC201":
            categories.add("missing-return")
        elif code == "DOC402":
            categories.add("missing-yield")
        elif code == "DOC501":
            categories.add("missing-raise")
        elif code == "DOC503":
            documented = set(bracket_list(message, "Raised exceptions in the docstring"))
            raised = set(bracket_list(message, "Raised exceptions in the body"))
            if {name.split(".")[-1] for name in raised} - {name.split(".")[-1] for name in documented}:
                categories.add("missing-raise")
    return findings, completed


def compare_pydoclint(binary, tree, style, report_path, bar):
    ours = run_docharness(binary, tree, style)
    theirs, _ = pydoclint_findings(tree, style)
    agree = {category: 0 for category in CATEGORIES}
    flagged_by_either = {category: 0 for category in CATEGORIES}
    flagged_by_both = {category: 0 for category in CATEGORIES}
    disagreements = []
    symbols = 0
    unparsed = 0
    for file in ours["files"]:
        path = os.path.realpath(file["path"])
        for symbol in file["symbols"]:
            if symbol["kind"] not in ("function", "method") or not symbol["documented"]:
                continue
            other = theirs.get((path, symbol["line"]), set())
            if "unparsed" in other:
                unparsed += 1
                continue
            symbols += 1
            mine = {OURS[f["code"]] for f in symbol["findings"] if f["code"] in OURS}
            for category in CATEGORIES:
                a, b = category in mine, category in other
                if a == b:
                    agree[category] += 1
                if a or b:
                    flagged_by_either[category] += 1
                if a and b:
                    flagged_by_both[category] += 1
                if a != b:
                    disagreements.append({"path": file["path"], "line": symbol["line"], "symbol": symbol["qualname"],
                                          "category": category, "docharness": a, "pydoclint": b,
                                          "messages": [f["message"] for f in symbol["findings"] if OURS.get(f["code"]) == category]})
    pairs = symbols * len(CATEGORIES)
    overall = sum(agree.values()) / pairs if pairs else 1.0
    print(f"{tree} ({style}): {symbols} documented functions compared, {pairs} symbol-category pairs "
          f"({unparsed} left out: pydoclint could not parse their docstring, DOC001)")
    for category in CATEGORIES:
        share = agree[category] / symbols if symbols else 1.0
        positive = flagged_by_both[category] / flagged_by_either[category] if flagged_by_either[category] else 1.0
        print(f"  {category:18} agreement {100 * share:6.2f}%   flagged by either {flagged_by_either[category]:6}   "
              f"by both {flagged_by_both[category]:6} ({100 * positive:5.1f}%)")
    print(f"  overall agreement {100 * overall:.2f}% (bar {100 * bar:.0f}%)")
    if report_path:
        with open(report_path, "w") as handle:
            json.dump({"tree": tree, "style": style, "symbols": symbols, "unparsed": unparsed, "agreement": overall,
                       "categories": {c: {"agree": agree[c], "either": flagged_by_either[c], "both": flagged_by_both[c]}
                                      for c in CATEGORIES},
                       "disagreements": disagreements}, handle, indent=1)
    return overall >= bar


# interrogate --------------------------------------------------------------------------------------

KNOBS = {
    "ignore-init-method": "ignore_init_method", "ignore-init-module": "ignore_init_module",
    "ignore-magic": "ignore_magic", "ignore-module": "ignore_module",
    "ignore-nested-functions": "ignore_nested_functions", "ignore-nested-classes": "ignore_nested_classes",
    "ignore-private": "ignore_private", "ignore-semiprivate": "ignore_semiprivate",
    "ignore-property-decorators": "ignore_property_decorators", "ignore-setters": "ignore_property_setters",
    "ignore-overloaded-functions": "ignore_overloaded_functions",
}


def interrogate_coverage(tree, knobs):
    from interrogate import config as interrogate_config
    from interrogate import coverage as interrogate_coverage
    settings = {KNOBS[k]: True for k in knobs}
    configuration = interrogate_config.InterrogateConfig(**settings)
    measured = interrogate_coverage.InterrogateCoverage(paths=[tree], conf=configuration).get_coverage()
    per_file = {os.path.realpath(r.filename): (r.total, r.covered) for r in measured.file_results}
    return per_file, measured.total, measured.covered


def compare_interrogate(binary, tree, knobs, report_path):
    config_text = "[coverage]\n" + "".join(f"{k} = true\n" for k in knobs) if knobs else ""
    ours = run_docharness(binary, tree, "google", config_text)
    theirs, total, covered = interrogate_coverage(tree, knobs)
    mismatches = []
    our_total = our_covered = 0
    for file in ours["files"]:
        if file["diagnostics"]:
            continue
        path = os.path.realpath(file["path"])
        mine = (file["aggregate"]["symbols"], file["aggregate"]["documented"])
        other = theirs.get(path, (0, 0))
        our_total += mine[0]
        our_covered += mine[1]
        if mine != other:
            mismatches.append({"path": file["path"], "docharness": mine, "interrogate": other})
    ours_percent = 100 * our_covered / our_total if our_total else 100.0
    theirs_percent = 100 * covered / total if total else 100.0
    label = ", ".join(knobs) if knobs else "defaults"
    print(f"{tree} ({label}): docharness {our_covered}/{our_total} = {ours_percent:.2f}%, "
          f"interrogate {covered}/{total} = {theirs_percent:.2f}%, {len(mismatches)} files differ")
    for mismatch in mismatches[:10]:
        print(f"  {mismatch['path']}: docharness {mismatch['docharness']}, interrogate {mismatch['interrogate']}")
    if report_path:
        with open(report_path, "w") as handle:
            json.dump({"tree": tree, "knobs": knobs, "mismatches": mismatches}, handle, indent=1)
    return not mismatches and (our_total, our_covered) == (total, covered)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fetch")
    f.add_argument("directory")
    t = sub.add_parser("stdlib-tree")
    t.add_argument("directory")
    p = sub.add_parser("pydoclint")
    p.add_argument("--docharness", required=True)
    p.add_argument("--style", required=True)
    p.add_argument("--bar", type=float, default=0.95)
    p.add_argument("--report")
    p.add_argument("tree")
    i = sub.add_parser("interrogate")
    i.add_argument("--docharness", required=True)
    i.add_argument("--knob", action="append", default=[], choices=sorted(KNOBS))
    i.add_argument("--report")
    i.add_argument("tree")
    arguments = parser.parse_args()
    if arguments.command == "fetch":
        fetch(arguments.directory)
        return 0
    if arguments.command == "stdlib-tree":
        stdlib_tree(arguments.directory)
        return 0
    if arguments.command == "pydoclint":
        return 0 if compare_pydoclint(arguments.docharness, arguments.tree, arguments.style, arguments.report, arguments.bar) else 1
    return 0 if compare_interrogate(arguments.docharness, arguments.tree, arguments.knob, arguments.report) else 1


if __name__ == "__main__":
    sys.exit(main())
