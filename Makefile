# Sparkling: a native Spark Connect server with an Iceberg REST catalog, driven like the Docker
# environment it replaces. `make run` and `make test` install whatever is missing first.
SHELL := /bin/bash

# Settings, strongest first: the command line (`make up CATALOG_PORT=8182`), the environment,
# .env (KEY=VALUE lines, as in the seed project; ENV_FILE names another), then these defaults.
ENV_FILE ?= .env
ifneq ($(wildcard $(ENV_FILE)),)
$(foreach kv,$(shell sed -nE "s/^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*['\"]?([^'\" ]*).*/\2=\3/p" $(ENV_FILE)),\
  $(eval $(firstword $(subst =, ,$(kv))) ?= $(patsubst $(firstword $(subst =, ,$(kv)))=%,%,$(kv))))
endif
SPARK_REMOTE ?= sc://localhost:15002
ICEBERG_CATALOG ?= spark_catalog
WAREHOUSE_PATH ?= spark-warehouse/iceberg
BUILD_DIR ?= build
RUN_DIR ?= .run
HOST ?= 127.0.0.1
# The Connect port is the one SPARK_REMOTE names (sc://host:PORT[/;params]).
PORT ?= $(firstword $(subst /, ,$(lastword $(subst :, ,$(SPARK_REMOTE)))))
CATALOG_HOST ?= 127.0.0.1
CATALOG_PORT ?= 8181
LOG_LEVEL ?= info
JOBS ?= $(shell nproc)
override WAREHOUSE_PATH := $(abspath $(WAREHOUSE_PATH))
override RUN_DIR := $(abspath $(RUN_DIR))

PYTHON := .venv/bin/python
DEMO := $(PYTHON) dbt/demo.py
# An explicit SPARKLING_BIN (the e2e tests set it) is used as is; otherwise `up` builds first.
ifeq ($(origin SPARKLING_BIN),undefined)
SPARKLING_BIN := $(BUILD_DIR)/bin/sparkling
UP_NEEDS := build
else
UP_NEEDS :=
endif
export SPARK_REMOTE ICEBERG_CATALOG WAREHOUSE_PATH RUN_DIR SPARKLING_BIN HOST PORT CATALOG_HOST \
       CATALOG_PORT LOG_LEVEL

.PHONY: help setup build up start stop restart ps status logs clean distclean clean-warehouse \
        setup-namespaces dbt-seed dbt-run dbt-test dbt-build verify run pipeline quickstart \
        test test-unit test-e2e test-differential sql-golden bench bench-dbt bench-pipeline bench-iceberg \
        format format-check

help:
	@echo "Getting started"
	@echo "  make run               install what is missing, build, start the server, then the demo:"
	@echo "                         clean warehouse, namespaces, dbt seed, dbt run, verify"
	@echo "  make test              every test (C++ unit tests + end-to-end with pyspark and dbt)"
	@echo "Server (one native process: Spark Connect $(SPARK_REMOTE), Iceberg REST :$(CATALOG_PORT))"
	@echo "  make up                build if needed, start in the background, wait until ready"
	@echo "  make start|stop|restart   start without building / stop gracefully / both"
	@echo "  make ps                pid, ports, uptime and memory      make logs   follow the log"
	@echo "  make clean             stop, remove the build, runtime state, warehouse and dbt output"
	@echo "  make distclean         clean, plus the Python environment and tools"
	@echo "Demo steps (server up)"
	@echo "  make clean-warehouse setup-namespaces dbt-seed dbt-run dbt-test dbt-build verify"
	@echo "  make pipeline          spark-pipelines run of examples/pipeline/spark-pipeline.yml"
	@echo "  make quickstart        examples/quickstart.py (a short PySpark session)"
	@echo "Settings: .env or environment: SPARK_REMOTE, ICEBERG_CATALOG, WAREHOUSE_PATH, CATALOG_PORT"

setup: .venv/.bootstrapped

.venv/.bootstrapped: scripts/bootstrap.sh pyproject.toml uv.lock
	./scripts/bootstrap.sh
	touch $@

$(BUILD_DIR)/build.ninja: CMakeLists.txt .venv/.bootstrapped
	cmake -G Ninja -S . -B $(BUILD_DIR) -DSPARKLING_PYTHON=$(CURDIR)/$(PYTHON) >/dev/null

build: setup $(BUILD_DIR)/build.ninja
	ninja -C $(BUILD_DIR) -j $(JOBS)

# ---- server lifecycle ----------------------------------------------------------------------
up: $(UP_NEEDS)
	@scripts/server.sh start

start:
	@scripts/server.sh start

stop:
	@scripts/server.sh stop

restart: stop up

ps status:
	@scripts/server.sh ps

logs:
	@scripts/server.sh logs

clean: stop
	rm -rf $(BUILD_DIR) $(RUN_DIR) $(WAREHOUSE_PATH) dbt/sparkling_dbt/target dbt/sparkling_dbt/logs

distclean: clean
	rm -rf build build-* .venv .tools

# ---- the demo (seed project: dbt medallion pipeline over Spark Connect) ----------------------
clean-warehouse: setup
	@$(DEMO) clean-warehouse

setup-namespaces: setup
	@$(DEMO) setup-namespaces

dbt-seed: setup
	@$(DEMO) seed

dbt-run: setup
	@$(DEMO) run

dbt-test: setup
	@$(DEMO) test

dbt-build: setup
	@$(DEMO) build

verify: setup
	@$(DEMO) verify

# The whole sequence in one Python process, so dbt and pyspark start once.
run: up setup
	@$(DEMO) clean-warehouse setup-namespaces seed run verify

# The pipelines CLI as a Python module: the `spark-pipelines` script runs the same code after
# starting a JVM only to parse its arguments (PIPELINES_CLI=".venv/bin/spark-pipelines" to use it;
# it takes --remote $(SPARK_REMOTE)).
PIPELINES_CLI ?= $(PYTHON) -m pyspark.pipelines.cli
pipeline: setup
	@$(PYTHON) -c 'import sys; sys.path.insert(0, "dbt"); import connection; connection.require_server()'
	$(PYTHON) examples/pipeline/create_databases.py
	$(PIPELINES_CLI) run --spec examples/pipeline/spark-pipeline.yml

quickstart: up setup
	$(PYTHON) examples/quickstart.py

# ---- tests and benchmarks ------------------------------------------------------------------
test: build
	bash scripts/run_tests.sh $(BUILD_DIR)

test-unit: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Tests start their own servers: the platform settings exported above must not reach them.
TEST_ENV := env -u SPARK_REMOTE -u ICEBERG_CATALOG -u WAREHOUSE_PATH -u RUN_DIR -u HOST -u PORT \
            -u CATALOG_HOST -u CATALOG_PORT -u LOG_LEVEL

test-e2e: build
	$(TEST_ENV) SPARKLING_BIN=$(CURDIR)/$(BUILD_DIR)/bin/sparkling $(PYTHON) -m pytest test/e2e -q

# Runs every SQL test file against Sparkling and real Spark 4.1.1 side by side (needs Java).
test-differential: build
	$(TEST_ENV) SPARKLING_BIN=$(CURDIR)/$(BUILD_DIR)/bin/sparkling $(PYTHON) -m pytest test/e2e/test_sql_files.py -q --differential

# Rewrites the expected results of test/sql/*.test from real Spark 4.1.1 (needs Java).
sql-golden: setup
	$(PYTHON) test/e2e/sqltest.py --regenerate test/sql/*.test

bench: build
	SPARKLING_BIN=$(CURDIR)/$(BUILD_DIR)/bin/sparkling $(PYTHON) bench/connect_bench.py --write docs/benchmarks.md

# `make run` end to end and `dbt run` of the demo, beside real Spark 4.1.1 (needs Java).
bench-dbt: build
	SPARKLING_BIN=$(CURDIR)/$(BUILD_DIR)/bin/sparkling $(PYTHON) bench/dbt_bench.py

# `spark-pipelines run` of examples/pipeline, beside real Spark 4.1.1 (needs Java).
bench-pipeline: build
	SPARKLING_BIN=$(CURDIR)/$(BUILD_DIR)/bin/sparkling $(PYTHON) bench/pipeline_bench.py --out docs/pipeline-benchmarks.md

# REST commit latency, commits/s, loadTable and a 10M-row scan (writes docs/iceberg-benchmarks.md).
bench-iceberg: build
	SPARKLING_BIN=$(CURDIR)/$(BUILD_DIR)/bin/sparkling $(PYTHON) bench/rest_catalog_bench.py --write docs/iceberg-benchmarks.md

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

format-check:
	git ls-files '*.h' '*.cc' | xargs clang-format --dry-run --Werror
