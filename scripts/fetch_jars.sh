#!/usr/bin/env bash
# Downloads the extra jars the reference Spark 4.1.1 server loads (Iceberg's Spark runtime) from
# Maven Central into .tools/jars/, once, and verifies each against its published SHA-1.
# Called by scripts/bootstrap.sh when Java is present; safe to run again (skips verified jars).
set -euo pipefail
cd "$(dirname "$0")/.."

MAVEN=https://repo1.maven.org/maven2
# group path, artifact, version
JARS=(
  "org/apache/iceberg iceberg-spark-runtime-4.1_2.13 1.11.0"
)
DEST=.tools/jars
mkdir -p "$DEST"

for entry in "${JARS[@]}"; do
  read -r group artifact version <<<"$entry"
  name="$artifact-$version.jar"
  url="$MAVEN/$group/$artifact/$version/$name"
  if [ -f "$DEST/$name" ] && [ -f "$DEST/$name.sha1" ] &&
     [ "$(sha1sum "$DEST/$name" | cut -d' ' -f1)" = "$(cut -c1-40 "$DEST/$name.sha1")" ]; then
    continue
  fi
  echo "fetch_jars: downloading $name"
  expected=$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)
  tmp=$(mktemp "$DEST/.$name.XXXXXX")
  trap 'rm -f "$tmp"' EXIT
  curl -fsSL --retry 3 -o "$tmp" "$url"
  actual=$(sha1sum "$tmp" | cut -d' ' -f1)
  if [ "$actual" != "$expected" ]; then
    echo "fetch_jars: SHA-1 mismatch for $name (expected $expected, got $actual)" >&2
    exit 1
  fi
  chmod 644 "$tmp"
  mv "$tmp" "$DEST/$name"
  echo "$expected" >"$DEST/$name.sha1"
  trap - EXIT
done
