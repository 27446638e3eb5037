"""Spark Connect benchmarks: Sparkling beside real Spark 4.1.1, same machine, same client.

Measures, for each server: cold start until `spark.sql("select 1").collect()` returns,
resident memory when idle with one session, the round trip of `spark.sql("select 1").collect()`
(p50/p99) and of `df.schema` (p50). Writes a Markdown report with each figure, Spark's figure
and the ratio. Loopback only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import datetime
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "test" / "e2e"))
from servers import ReferenceSparkServer, SparklingServer, java_available  # noqa: E402


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its descendants (spark-submit execs a JVM)."""
    total = 0
    pending = [pid]
    while pending:
        p = pending.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as f:
                pending.extend(int(c) for c in f.read().split())
        except FileNotFoundError:
            continue
    return total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(server, iterations: int) -> dict:
    from pyspark.sql import SparkSession

    t0 = time.monotonic()
    server.start(timeout=180)
    # Cold start: until the first query answers (port open is not enough for a JVM).
    deadline = t0 + 180
    while True:
        try:
            spark = SparkSession.builder.remote(server.url).create()
            spark.sql("select 1").collect()
            break
        except Exception:  # noqa: BLE001 - still starting
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cold_start = time.monotonic() - t0

    for _ in range(20):  # warm up both sides before timing round trips
        spark.sql("select 1").collect()
    sql_times = []
    for _ in range(iterations):
        t = time.perf_counter()
        spark.sql("select 1").collect()
        sql_times.append(time.perf_counter() - t)
    schema_times = []
    base = spark.range(10)
    for i in range(iterations):
        df = base.select("id")  # a new DataFrame each time: the client caches schemas
        t = time.perf_counter()
        _ = df.schema
        schema_times.append(time.perf_counter() - t)
    time.sleep(1.0)
    rss = tree_rss_kib(server.proc.pid)
    spark.stop()
    return {
        "cold_start_s": cold_start,
        "idle_rss_mib": rss / 1024,
        "select1_p50_ms": percentile(sql_times, 0.5) * 1000,
        "select1_p99_ms": percentile(sql_times, 0.99) * 1000,
        "schema_p50_ms": percentile(schema_times, 0.5) * 1000,
    }


ROWS = [
    ("Cold start to first `select 1` result", "cold_start_s", "s", "≤ 0.1 s", lambda v: v <= 0.1),
    ("Resident memory, idle, one session", "idle_rss_mib", "MiB", "≤ 40 MB", lambda v: v <= 40 * 1e6 / 2**20),
    ("`spark.sql(\"select 1\").collect()` p50", "select1_p50_ms", "ms", "≤ 2 ms", lambda v: v <= 2),
    ("`spark.sql(\"select 1\").collect()` p99", "select1_p99_ms", "ms", "—", None),
    ("`df.schema` round trip p50", "schema_p50_ms", "ms", "≤ 1 ms", lambda v: v <= 1),
]


def report(ours: dict, spark: dict | None, iterations: int) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`bench/connect_bench.py`) on {datetime.date.today().isoformat()}: "
        f"{platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}. The client is the "
        "pinned pyspark 4.1.1 in both columns; real Spark 4.1.1 is the Spark Connect server from the "
        f"same wheel's jars (`local[2]`, Java 17). Round trips: {iterations} timed iterations after "
        "20 warm-up ones, on loopback.",
        "",
        "| measure | Sparkling | Spark 4.1.1 | Sparkling / Spark | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for title, key, unit, target, check in ROWS:
        ours_v = ours[key]
        theirs = f"{spark[key]:.3g} {unit}" if spark else "not run (no Java)"
        ratio = f"{ours_v / spark[key]:.3g}" if spark and spark[key] else "—"
        met = "—" if check is None else ("yes" if check(ours_v) else "no")
        lines.append(f"| {title} | {ours_v:.3g} {unit} | {theirs} | {ratio} | {target} | {met} |")
    lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--write", type=pathlib.Path, help="Markdown file to write")
    parser.add_argument("--no-spark", action="store_true", help="skip the real Spark side")
    args = parser.parse_args()

    ours_server = SparklingServer()
    try:
        ours = measure(ours_server, args.iterations)
    finally:
        ours_server.stop()
    spark = None
    if not args.no_spark and java_available():
        ref = ReferenceSparkServer()
        try:
            spark = measure(ref, args.iterations)
        finally:
            ref.stop()
    text = report(ours, spark, args.iterations)
    print(text)
    if args.write:
        args.write.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
