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


def tree_pss_kib(pid: int) -> int:
    """Proportional set size: shared library pages count divided by the processes sharing them."""
    total = 0
    pending = [pid]
    while pending:
        p = pending.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as f:
                pending.extend(int(c) for c in f.read().split())
        except FileNotFoundError:
            continue
    return total


def raw_round_trips(server, iterations: int) -> list[float]:
    """`select 1` as pyspark sends it (SqlCommand, then the returned relation) through the bare
    generated gRPC stubs: the server's share of the round trip, without pyspark's Python work."""
    import uuid

    import grpc
    from pyspark.sql.connect.proto import base_pb2, base_pb2_grpc, commands_pb2, relations_pb2

    relation = relations_pb2.Relation(sql=relations_pb2.SQL(query="select 1"))
    command = base_pb2.Plan(command=commands_pb2.Command(
        sql_command=commands_pb2.SqlCommand(input=relation)))
    session_id = str(uuid.uuid4())
    times = []
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub = base_pb2_grpc.SparkConnectServiceStub(channel)

        def execute(plan):
            return list(stub.ExecutePlan(base_pb2.ExecutePlanRequest(
                session_id=session_id, plan=plan, user_context=base_pb2.UserContext(user_id="b"))))

        for i in range(20 + iterations):
            t = time.perf_counter()
            returned = execute(command)[0].sql_command_result.relation
            execute(base_pb2.Plan(root=returned))
            if i >= 20:
                times.append(time.perf_counter() - t)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(server, iterations: int) -> dict:
    from pyspark.sql import SparkSession

    # The client's own imports (pyspark, pandas, pyarrow) happen before the clock starts: the
    # figure is the server's start-up, and the client is the same for both servers.
    import pyspark.sql.connect.session  # noqa: F401

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
    raw_times = raw_round_trips(server, iterations)
    time.sleep(1.0)
    rss = tree_rss_kib(server.proc.pid)
    pss = tree_pss_kib(server.proc.pid)
    spark.stop()
    return {
        "cold_start_s": cold_start,
        "idle_rss_mib": rss / 1024,
        "idle_pss_mib": pss / 1024,
        "select1_p50_ms": percentile(sql_times, 0.5) * 1000,
        "select1_p99_ms": percentile(sql_times, 0.99) * 1000,
        "schema_p50_ms": percentile(schema_times, 0.5) * 1000,
        "raw_select1_p50_ms": percentile(raw_times, 0.5) * 1000,
    }


ROWS = [
    ("Cold start to first `select 1` result", "cold_start_s", "s", "≤ 0.1 s", lambda v: v <= 0.1),
    ("Resident memory, idle, one session", "idle_rss_mib", "MiB", "≤ 40 MB", lambda v: v <= 40 * 1e6 / 2**20),
    ("Proportional memory (PSS), idle, one session", "idle_pss_mib", "MiB", "—", None),
    ("`spark.sql(\"select 1\").collect()` p50", "select1_p50_ms", "ms", "≤ 2 ms", lambda v: v <= 2),
    ("`spark.sql(\"select 1\").collect()` p99", "select1_p99_ms", "ms", "—", None),
    ("same two ExecutePlans through bare gRPC stubs, p50", "raw_select1_p50_ms", "ms", "—", None),
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
    lines += [
        "",
        "Reading the figures:",
        "- Cold start is measured from launching the server process until the first",
        "  `spark.sql(\"select 1\").collect()` returns, with the client's Python imports done beforehand",
        "  (a first `import pyspark.sql.connect.session` with pandas costs the client about 1 s on its",
        "  own, whichever server it talks to).",
        "- Resident memory counts every mapped page of the shared libraries the process touched;",
        "  most of Sparkling's is read-only code of Arrow C++ and gRPC, shared with any other process",
        "  using the same files (pyspark's pyarrow maps the very same `libarrow.so`). PSS divides shared",
        "  pages among their users.",
        "- The pyspark round trip of `spark.sql(\"select 1\").collect()` is two ExecutePlan calls, one",
        "  Config call and four ReleaseExecute calls issued by the client; the bare-stub row times the",
        "  two ExecutePlan calls alone, which is the server's share.",
        "",
    ]
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
