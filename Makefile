# Two commands from a fresh Debian 12 machine: `make run` and `make test`.
BUILD_DIR ?= build
ASAN_BUILD_DIR ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

APT_PACKAGES := build-essential cmake pkg-config ccache \
  libboost-dev libboost-program-options-dev libboost-filesystem-dev \
  libxml2-dev libicu-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev \
  libtomlplusplus-dev nlohmann-json3-dev zlib1g-dev libopencc-dev opencc \
  libsqlite3-dev chromium fonts-wqy-microhei time clang-format \
  pybind11-dev python3-pybind11 python3-dev python3-distributed python3-pytest

# libFuzzer and its runtime, for `make fuzz` only.
FUZZ_PACKAGES := clang libclang-rt-14-dev

# The classifier's trainer, for `make model` only.
MODEL_PACKAGES := python3-xgboost python3-sklearn

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps deps-fuzz deps-model build python run install test test-asan fuzz bench bench-python bench-dask model model-cv clean format

all: build

# Installs only what is missing, so a prepared machine never calls apt-get.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call install_missing,$(APT_PACKAGES))

deps-fuzz: deps
	$(call install_missing,$(FUZZ_PACKAGES))

deps-model: deps
	$(call install_missing,$(MODEL_PACKAGES))

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS)

# The Python package in $(BUILD_DIR)/python: PYTHONPATH=$(BUILD_DIR)/python python3 -c 'import clearpage'
python: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS) --target clearpage_python

# Only the command and its plugins: no test target is built.
RUN_TARGETS := clearpage clearpage_plugins

# The built-in default job (`clearpage validate --print-default`) over samples/.
run: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS) --target $(RUN_TARGETS)
	$(BUILD_DIR)/bin/clearpage run --force
	@echo "output: out/default.jsonl"

# The binary, the plugins, the SDK and share/clearpage/configs/ under PREFIX.
PREFIX ?= /usr/local
install: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS) --target $(RUN_TARGETS)
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)

test-asan: deps
	# No Python package here: an uninstrumented python3 cannot load ASan-built modules.
	cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug -DCLEARPAGE_SANITIZE=ON -DCLEARPAGE_PYTHON=OFF
	cmake --build $(ASAN_BUILD_DIR) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD_DIR) --output-on-failure -j$(JOBS)

FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= fuzz_text_reader fuzz_html_reader fuzz_charset fuzz_date fuzz_job_file fuzz_mojibake

# Each target runs for FUZZ_SECONDS from samples/ and its saved regressions; a crash
# stops `make fuzz` and leaves the input in $(FUZZ_BUILD_DIR)/crashes/<target>/.
fuzz: deps-fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLEARPAGE_FUZZ=ON
	cmake --build $(FUZZ_BUILD_DIR) -j$(JOBS) --target $(FUZZ_TARGETS)
	@for t in $(FUZZ_TARGETS); do \
	  corpus=$(FUZZ_BUILD_DIR)/corpus/$$t; crashes=$(FUZZ_BUILD_DIR)/crashes/$$t; \
	  mkdir -p $$corpus $$crashes; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD_DIR)/bin/$$t $$corpus samples tests/fuzz/regressions/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096 -timeout=10 \
	    -artifact_prefix=$$crashes/ -print_final_stats=1 > $(FUZZ_BUILD_DIR)/$$t.log 2>&1; rc=$$?; \
	  grep -E '^stat::number_of_executed_units|^INFO: Done|ERROR|SUMMARY' $(FUZZ_BUILD_DIR)/$$t.log | tail -n 5; \
	  [ $$rc -eq 0 ] || { tail -n 40 $(FUZZ_BUILD_DIR)/$$t.log; exit $$rc; }; \
	done

# Throughput and memory against a parse-only baseline (docs/scaling.md); BIG=1 adds a 1 GB WARC.gz.
bench: build
	cmake --build $(BUILD_DIR) --target clearpage_bench -j$(JOBS)
	$(BUILD_DIR)/bin/clearpage_bench --clearpage $(BUILD_DIR)/bin/clearpage --config configs/default.toml \
	  --corpus ../shared/corpus/aeb/html --threads $(JOBS) $(if $(BIG),--big)

# The Python package's overhead over the C++ API, and its thread scaling.
bench-python: build
	cmake --build $(BUILD_DIR) --target clearpage_api_bench -j$(JOBS)
	PYTHONPATH=$(BUILD_DIR)/python /usr/bin/python3 bench/python_bench.py \
	  --api-bench $(BUILD_DIR)/bin/clearpage_api_bench --corpus ../shared/corpus/aeb/html

# clearpage.dask on a 2-worker LocalCluster against one process; BIG=1 adds a 1 GB WARC.gz.
bench-dask: build
	PYTHONPATH=$(BUILD_DIR)/python /usr/bin/python3 bench/dask_bench.py \
	  --clearpage $(BUILD_DIR)/bin/clearpage --corpus ../shared/corpus/aeb/html $(if $(BIG),--big)

# Retrains the extract plugin's block classifier from the dev corpora in ../shared and
# rewrites the shipped model and its cross-validation report (minutes; not in `make test`).
MODEL_DIR ?= $(BUILD_DIR)/model
CORPUS ?= ../shared/corpus
model: deps-model build
	cmake --build $(BUILD_DIR) --target clearpage_feature_dump -j$(JOBS)
	mkdir -p $(MODEL_DIR)
	$(BUILD_DIR)/bin/clearpage_feature_dump $(MODEL_DIR)/wcxb $(CORPUS)/wcxb/html/*.html.gz
	$(BUILD_DIR)/bin/clearpage_feature_dump $(MODEL_DIR)/aeb $(CORPUS)/aeb/html/*.html.gz
	$(BUILD_DIR)/bin/clearpage_feature_dump $(MODEL_DIR)/magic-html $(CORPUS)/magic-html/*.html
	$(BUILD_DIR)/bin/clearpage_feature_dump $(MODEL_DIR)/samples samples/html/*.html
	/usr/bin/python3 plugins/extract/model/train.py \
	  --dump wcxb=$(MODEL_DIR)/wcxb:$(CORPUS)/wcxb/ground-truth.json \
	  --dump aeb=$(MODEL_DIR)/aeb:$(CORPUS)/aeb/ground-truth.json \
	  --dump magic-html=$(MODEL_DIR)/magic-html:$(CORPUS)/magic-html \
	  --out plugins/extract/model/block_model.json \
	  --report plugins/extract/model/training_report.txt --oof $(MODEL_DIR)/oof.npy \
	  --feature-check $(MODEL_DIR)/samples --fold-models $(MODEL_DIR)/folds

# The whole default job on each fold's held-out pages with that fold's model (after
# `make model`): body F1 on sites the classifier never saw, as `clearpage eval` counts it.
model-cv: build
	/usr/bin/python3 plugins/extract/model/pipeline_cv.py --clearpage $(BUILD_DIR)/bin/clearpage \
	  --config configs/default.toml --folds $(MODEL_DIR)/folds --out $(MODEL_DIR)/cv.jsonl
	$(BUILD_DIR)/bin/clearpage eval --gold $(CORPUS)/wcxb/ground-truth.json $(MODEL_DIR)/cv.jsonl
	$(BUILD_DIR)/bin/clearpage eval --gold $(CORPUS)/aeb/ground-truth.json $(MODEL_DIR)/cv.jsonl
	$(BUILD_DIR)/bin/clearpage eval --gold $(CORPUS)/magic-html $(MODEL_DIR)/cv.jsonl

format:
	find core sdk plugins tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_BUILD_DIR) out
