# Sparkling: a native Spark Connect server. `make run` and `make test` install what is missing.
SHELL := /bin/bash
BUILD_DIR ?= build
PYTHON := .venv/bin/python
SPARKLING := $(BUILD_DIR)/bin/sparkling
HOST ?= 127.0.0.1
PORT ?= 15002
RUN_DIR := .run
JOBS ?= $(shell nproc)

.PHONY: help setup build up start stop restart status logs run test test-unit test-e2e \
        test-differential sql-golden bench format format-check clean

help:
	@echo "make run        build, start the server on $(HOST):$(PORT) and run the demo script"
	@echo "make test       build and run every test (C++ unit tests + end-to-end with pyspark)"
	@echo "make up|stop|status|logs   server lifecycle (background process, log in $(RUN_DIR)/)"
	@echo "make bench      benchmarks beside real Spark 4.1.1 (writes docs/benchmarks.md)"
	@echo "make clean      remove build outputs, the Python environment and server state"

setup: .venv/.bootstrapped

.venv/.bootstrapped: scripts/bootstrap.sh pyproject.toml uv.lock
	./scripts/bootstrap.sh
	touch $@

$(BUILD_DIR)/build.ninja: CMakeLists.txt .venv/.bootstrapped
	cmake -G Ninja -S . -B $(BUILD_DIR) -DSPARKLING_PYTHON=$(CURDIR)/$(PYTHON) >/dev/null

build: setup $(BUILD_DIR)/build.ninja
	ninja -C $(BUILD_DIR) -j $(JOBS)

up start: build
	@scripts/server.sh start $(SPARKLING) $(HOST) $(PORT)

stop:
	@scripts/server.sh stop

restart: stop up

status:
	@scripts/server.sh status

logs:
	@tail -f $(RUN_DIR)/sparkling.log

run: up
	SPARK_REMOTE=sc://$(HOST):$(PORT) $(PYTHON) examples/quickstart.py

test: build
	bash scripts/run_tests.sh $(BUILD_DIR)

test-unit: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

test-e2e: build
	SPARKLING_BIN=$(CURDIR)/$(SPARKLING) $(PYTHON) -m pytest test/e2e -q

# Runs every SQL test file against Sparkling and real Spark 4.1.1 side by side (needs Java).
test-differential: build
	SPARKLING_BIN=$(CURDIR)/$(SPARKLING) $(PYTHON) -m pytest test/e2e/test_sql_files.py -q --differential

# Rewrites the expected results of test/sql/*.test from real Spark 4.1.1 (needs Java).
sql-golden: setup
	$(PYTHON) test/e2e/sqltest.py --regenerate test/sql/*.test

bench: build
	SPARKLING_BIN=$(CURDIR)/$(SPARKLING) $(PYTHON) bench/connect_bench.py --write docs/benchmarks.md

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

format-check:
	git ls-files '*.h' '*.cc' | xargs clang-format --dry-run --Werror

clean: stop
	rm -rf $(BUILD_DIR) build-* .venv .tools $(RUN_DIR)
