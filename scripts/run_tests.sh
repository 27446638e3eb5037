#!/usr/bin/env bash
# `make test`: C++ unit tests, then the end-to-end suite driving the real server with pyspark.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
# The Makefile exports the platform settings (from .env or defaults) for `make up`; tests start
# their own servers on free ports, and real Spark refuses to start with SPARK_REMOTE set.
unset SPARK_REMOTE ICEBERG_CATALOG WAREHOUSE_PATH RUN_DIR HOST PORT CATALOG_HOST CATALOG_PORT \
  LOG_LEVEL
status=0
# Style is part of the build's contract: .clang-format is enforced, not advisory.
if ! git ls-files '*.h' '*.cc' | xargs clang-format --dry-run --Werror; then
  echo "clang-format: files above need \`make format\`"
  status=1
fi
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" || status=1
SPARKLING_BIN="$PWD/$BUILD_DIR/bin/sparkling" .venv/bin/python -m pytest test/e2e -q -p no:cacheprovider || status=1
exit $status
