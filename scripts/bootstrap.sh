#!/usr/bin/env bash
# Installs what building and testing Sparkling needs on a Debian 12 machine, skipping what is
# already there: Debian packages, the `uv` tool, and the locked Python environment (.venv).
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git curl
  python3 python3-venv
  protobuf-compiler libprotobuf-dev libgrpc++-dev protobuf-compiler-grpc
  libzstd-dev zlib1g-dev liblz4-dev libsnappy-dev libsqlite3-dev libpcre2-dev uuid-dev
  nlohmann-json3-dev libcpp-httplib-dev libfmt-dev libspdlog-dev libyaml-cpp-dev libcli11-dev
  libhowardhinnant-date-dev libgtest-dev libgmock-dev libbenchmark-dev clang-format
)
UV_VERSION=0.13.9

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Java runs the reference Spark (differential tests, benchmarks, spark-pipelines).
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# uv lives in a private tool environment so the system Python stays untouched.
UV=.tools/bin/uv
if [ ! -x "$UV" ] || [ "$("$UV" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  echo "bootstrap: installing uv $UV_VERSION"
  /usr/bin/python3 -m venv .tools
  .tools/bin/pip install -q "uv==$UV_VERSION"
fi

# The project environment, exactly as locked. Never download interpreters: use Debian's.
export UV_PYTHON_DOWNLOADS=never
# Byte-compiled once here, so that every later client start skips compiling pyspark and pandas.
"$UV" sync --frozen --quiet --compile-bytecode --python /usr/bin/python3

# Extra jars for the reference Spark (Iceberg's Spark runtime), only where Java can run them.
if command -v java >/dev/null 2>&1; then scripts/fetch_jars.sh; fi
