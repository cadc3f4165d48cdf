#!/usr/bin/env python3
"""Reads a JUnit XML file with junitparser and prints the counts it finds, case by case, as JSON."""
import json
import sys

from junitparser import Error, Failure, JUnitXml, Skipped

xml = JUnitXml.fromfile(sys.argv[1])
counts = {"suites": 0, "tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for suite in xml:
    counts["suites"] += 1
    for case in suite:
        counts["tests"] += 1
        for result in case.result:
            if isinstance(result, Failure):
                counts["failures"] += 1
            elif isinstance(result, Error):
                counts["errors"] += 1
            elif isinstance(result, Skipped):
                counts["skipped"] += 1
print(json.dumps(counts, sort_keys=True))
