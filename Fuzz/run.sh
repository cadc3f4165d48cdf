#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for $1 seconds (default 60):
#   PythonSyntax  — the Python tokenizer and parser, seeded with the bundled corpus;
#   TOML          — the configuration parser, seeded with TOML samples;
#   ReplayInputs  — what `serve` reads from disk: cassettes (DocHarness JSON, VCR JSON, VCR YAML)
#                   and fault plans, seeded with the bundled cassettes and small real ones.
# Fails on any crash, trap, stack overflow, sanitizer report or input slower than 10 s.
# Each fuzzer is compiled with swiftc in one module with the sources it tests (SwiftPM renames an
# executable's main, which libFuzzer must provide); the modules they import are built first as
# static libraries under .build-fuzz, and rebuilt only when their sources change.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
# FUZZ_BUILD_DIR: where the fuzzers are built (one folder per optimization level);
# FUZZ_OPTIMIZATION: -O (default, more executions per second) or -Onone (compiles in a fraction of
# the time: `make fuzz-smoke`, which runs each fuzzer for seconds).
optimization="${FUZZ_OPTIMIZATION:--O}"
default_out=../.build-fuzz
[ "$optimization" = "-Onone" ] && default_out=../.build-fuzz-onone
out="${FUZZ_BUILD_DIR:-$default_out}"
mkdir -p "$out"
swift_flags=("$optimization" -swift-version 6 -parse-as-library)

# newer_than BINARY PATH...: true when BINARY is missing or any PATH (file or folder) has a newer file.
newer_than() {
    local binary="$1"; shift
    [ ! -e "$binary" ] || [ -n "$(find "$@" -newer "$binary" -type f 2>/dev/null | head -1)" ]
}

# static_module NAME SOURCE_FOLDER [swiftc flags...]: a static library and module for imports.
static_module() {
    local name="$1" folder="$2"; shift 2
    if newer_than "$out/lib$name.a" "$folder"; then
        swiftc "${swift_flags[@]}" -sanitize=address -module-name "$name" -emit-module \
            -emit-module-path "$out/$name.swiftmodule" -emit-library -static -o "$out/lib$name.a" \
            -I "$out" "$@" $(find "$folder" -name '*.swift' | sort)
    fi
}

# run_fuzzer NAME BINARY CORPUS: runs one fuzzer over a seed folder for $seconds.
run_fuzzer() {
    local name="$1" binary="$2" corpus="$3"
    "$binary" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 > "$corpus/../$name.log" 2>&1 || { tail -40 "$corpus/../$name.log"; echo "fuzz: $name FAILED"; exit 1; }
    grep -E '^stat::number_of_executed_units|^Done' "$corpus/../$name.log" || true
    echo "fuzz: $name ${seconds}s without a crash"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# PythonSyntax imports Files (ParallelMap).
static_module Files ../Sources/Files
binary="$out/PythonSyntaxFuzzer"
if newer_than "$binary" ../Sources/PythonSyntax PythonSyntaxFuzzer.swift "$out/libFiles.a"; then
    swiftc "${swift_flags[@]}" -sanitize=fuzzer,address -module-name PythonSyntaxFuzz -I "$out" -L "$out" -lFiles \
        $(find ../Sources/PythonSyntax -name '*.swift' | sort) PythonSyntaxFuzzer.swift -o "$binary" 2>&1 \
        | { grep -v "Cannot export local symbol" || true; }
fi
mkdir "$work/python"
find ../corpora/python -name '*.py' -exec cp {} "$work/python/" \;
run_fuzzer PythonSyntax "$binary" "$work/python"

binary="$out/TOMLFuzzer"
toml_sources="../Sources/Scoring/Configuration/TOMLParser.swift ../Sources/Scoring/Configuration/TOMLValue.swift"
if newer_than "$binary" $toml_sources TOMLFuzzer.swift; then
    swiftc "${swift_flags[@]}" -sanitize=fuzzer,address -module-name TOMLFuzz \
        $toml_sources TOMLFuzzer.swift -o "$binary" 2>&1 | { grep -v "Cannot export local symbol" || true; }
fi
mkdir "$work/toml"
printf '[tool.docharness]\nstyle = "google"\nfail-under = 80\nexclude = ["tests/**", "build"]\n' > "$work/toml/a.toml"
printf '[tool.docharness.weights]\ncompleteness = 40.5\n[[x.y]]\nz = { a = [1, 2, [3]], b = """m\nl""" }\nd = 1979-05-27T07:32:00Z\n' > "$work/toml/b.toml"
run_fuzzer TOML "$binary" "$work/toml"

# ReplayInputs: Replay's sources with the modules Replay imports; Yams's C core (libyaml) is
# compiled with clang and reached through its own module map.
yams=../.build/checkouts/Yams/Sources
[ -d "$yams" ] || { echo "fuzz: $yams is missing; run 'swift build' first (it checks out Yams)"; exit 1; }
if newer_than "$out/libCYaml.a" "$yams/CYaml"; then
    rm -rf "$out/cyaml" && mkdir -p "$out/cyaml"
    for source in "$yams"/CYaml/src/*.c; do
        clang -O1 -fsanitize=address -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" -c "$source" -o "$out/cyaml/$(basename "$source" .c).o"
    done
    ar rcs "$out/libCYaml.a" "$out"/cyaml/*.o
fi
static_module Yams "$yams/Yams" -D SWIFT_PACKAGE -Xcc -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" -suppress-warnings
static_module ChatWire ../Sources/ChatWire
static_module SeededRandom ../Sources/SeededRandom
static_module RateLimits ../Sources/RateLimits
binary="$out/ReplayInputsFuzzer"
if newer_than "$binary" ../Sources/Replay ReplayInputsFuzzer.swift "$out"/libYams.a "$out"/libChatWire.a; then
    swiftc "${swift_flags[@]}" -sanitize=fuzzer,address -module-name ReplayInputsFuzz -I "$out" -L "$out" \
        -I "$yams/CYaml/include" -I ../Sources/CZlib \
        -lFiles -lChatWire -lSeededRandom -lRateLimits -lYams -lCYaml -lz \
        $(find ../Sources/Replay -name '*.swift' | sort) ReplayInputsFuzzer.swift -o "$binary" 2>&1 \
        | { grep -v "Cannot export local symbol" || true; }
fi
# Seeds: the bundled cassettes (DocHarness JSON) and every 37th real cassette under 16 KiB beside
# the repository (about 60, across the projects; read, never copied into it), each behind a 0
# byte; fault plans behind a 1 byte.
mkdir "$work/replay"
seed=0
add_seed() { { printf '\0'; head -c 65000 "$1"; } > "$work/replay/seed$((seed += 1))"; }
for cassette in ../corpora/cassettes/*.json ../corpora/cassettes-smollm2/*.json; do
    [ -f "$cassette" ] && add_seed "$cassette"
done
while IFS= read -r -d '' cassette; do
    add_seed "$cassette"
done < <(find ../../shared/data/cassettes ../../shared/data/cassettes-more \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) \
    -size -16k -print0 2>/dev/null | sort -z | awk 'BEGIN { RS = ORS = "\0" } NR % 37 == 1')
printf '\1{"seed": 7, "requests_per_minute": 60, "context_window": 4096, "context_windows": {"gpt-4o": 128000},\n "faults": [{"status": 429, "retry_after_ms": 250, "first": 2}, {"latency_ms": 400, "jitter_ms": 50, "probability": 0.5, "route": "azure"}, {"drop_after_events": 3, "stream": true, "every": 4, "model": "gpt-4o-mini"}]}\n' > "$work/replay/faults1"
printf '\1{"faults": [{"status": 500}]}' > "$work/replay/faults2"
printf '\0httprr trace v1\n71 60\nPOST https://a/v1/chat/completions HTTP/1.1\r\nContent-Type: application/json\n\r\n{}HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n' > "$work/replay/httprr"
echo "fuzz: ReplayInputs seeds: $(ls "$work/replay" | wc -l)"; run_fuzzer ReplayInputs "$binary" "$work/replay"
