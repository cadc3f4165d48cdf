#!/usr/bin/env bash
# Builds the libFuzzer targets — PythonSyntax (seeded with the bundled corpus) and the TOML
# configuration parser (seeded with TOML samples) — and runs each for $1 seconds (default 60).
# Fails on any crash, trap, stack overflow, sanitizer report or input slower than 10 s.
# The fuzzer is compiled with swiftc in one module with the PythonSyntax sources: SwiftPM renames
# an executable's main, which libFuzzer must provide.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
mkdir -p ../.build-fuzz
binary="../.build-fuzz/PythonSyntaxFuzzer"
sources=$(find ../Sources/PythonSyntax -name '*.swift' | sort)
files_sources=$(find ../Sources/Files -name '*.swift' | sort)
if [ ! -x "$binary" ] || [ -n "$(find ../Sources/PythonSyntax ../Sources/Files PythonSyntaxFuzzer.swift -newer "$binary" -name '*.swift')" ]; then
    # PythonSyntax imports Files (ParallelMap): build it first as a static library and module.
    swiftc -O -swift-version 6 -sanitize=address -parse-as-library -module-name Files -emit-module \
        -emit-module-path ../.build-fuzz/Files.swiftmodule -emit-library -static -o ../.build-fuzz/libFiles.a $files_sources
    swiftc -O -swift-version 6 -sanitize=fuzzer,address -parse-as-library -module-name PythonSyntaxFuzz \
        -I ../.build-fuzz -L ../.build-fuzz -lFiles \
        $sources PythonSyntaxFuzzer.swift -o "$binary" 2>&1 | { grep -v "Cannot export local symbol" || true; }
fi
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
find ../corpora/python -name '*.py' -exec cp {} "$corpus/" \;
"$binary" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -print_final_stats=1 > "$corpus/log" 2>&1 || { tail -40 "$corpus/log"; echo "fuzz: FAILED"; exit 1; }
grep -E '^stat::number_of_executed_units|^Done' "$corpus/log" || true
echo "fuzz: PythonSyntax ${seconds}s without a crash"

toml_binary="../.build-fuzz/TOMLFuzzer"
toml_sources="../Sources/Scoring/Configuration/TOMLParser.swift ../Sources/Scoring/Configuration/TOMLValue.swift"
if [ ! -x "$toml_binary" ] || [ -n "$(find $toml_sources TOMLFuzzer.swift -newer "$toml_binary")" ]; then
    swiftc -O -swift-version 6 -sanitize=fuzzer,address -parse-as-library -module-name TOMLFuzz \
        $toml_sources TOMLFuzzer.swift -o "$toml_binary" 2>&1 | { grep -v "Cannot export local symbol" || true; }
fi
toml_corpus="$(mktemp -d)"
trap 'rm -rf "$corpus" "$toml_corpus"' EXIT
printf '[tool.docharness]\nstyle = "google"\nfail-under = 80\nexclude = ["tests/**", "build"]\n' > "$toml_corpus/a.toml"
printf '[tool.docharness.weights]\ncompleteness = 40.5\n[[x.y]]\nz = { a = [1, 2, [3]], b = """m\nl""" }\nd = 1979-05-27T07:32:00Z\n' > "$toml_corpus/b.toml"
"$toml_binary" "$toml_corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -print_final_stats=1 > "$toml_corpus/log" 2>&1 || { tail -40 "$toml_corpus/log"; echo "fuzz: TOML FAILED"; exit 1; }
grep -E '^stat::number_of_executed_units|^Done' "$toml_corpus/log" || true
echo "fuzz: TOML ${seconds}s without a crash"
