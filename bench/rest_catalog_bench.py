"""Iceberg REST catalog and table-scan benchmarks (issue 4).

Against one Sparkling server on loopback with a temporary warehouse:
- REST commit latency (p50/p95) of a small append: an `add-snapshot` commit (guarded by
  assert-ref-snapshot-id, as Java and pyiceberg send it) reusing a manifest list Sparkling wrote,
  and of a `set-properties` commit; loadTable latency;
- commits per second on one table from N concurrent clients (appends that retry on 409, and
  property commits that never conflict);
- scan of a 10-million-row Iceberg table written by Sparkling: `SELECT count(*), sum(x) ...
  WHERE` through pyspark, against DuckDB reading the same Parquet files, or, when the duckdb
  package is not installed, pyarrow.dataset over the same files (said so in the report).

Prints a Markdown table; `--write FILE` also writes it. Every loop is bounded.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import pathlib
import platform
import random
import statistics
import sys
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "test" / "e2e"))
from servers import SparklingServer  # noqa: E402

NS = "bench"
TARGET_COMMIT_P50_MS = 5.0  # issue 4's target on local disk
LAKEKEEPER_P50 = "82–114 ms"  # published (Postgres + MinIO), anchors-perf.md


class Client:
    """One keep-alive HTTP connection to the REST catalog (as pyiceberg's requests session)."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method: str, path: str, body=None):
        data = json.dumps(body) if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read()
        return response.status, (json.loads(text) if text else None)

    def close(self):
        self.conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def append_commit(metadata: dict, manifest_list: str) -> dict:
    """An append as a client sends it: a new snapshot on top of main, guarded by main's id."""
    parent = metadata.get("current-snapshot-id")
    if parent is not None and parent < 0:
        parent = None
    snapshot_id = random.getrandbits(62) + 1
    snapshot = {
        "snapshot-id": snapshot_id,
        "sequence-number": metadata["last-sequence-number"] + 1,
        "timestamp-ms": int(time.time() * 1000),
        "manifest-list": manifest_list,
        "summary": {"operation": "append"},
        "schema-id": metadata["current-schema-id"],
    }
    if parent is not None:
        snapshot["parent-snapshot-id"] = parent
    return {
        "requirements": [
            {"type": "assert-table-uuid", "uuid": metadata["table-uuid"]},
            {"type": "assert-ref-snapshot-id", "ref": "main", "snapshot-id": parent},
        ],
        "updates": [
            {"action": "add-snapshot", "snapshot": snapshot},
            {"action": "set-snapshot-ref", "ref-name": "main", "type": "branch",
             "snapshot-id": snapshot_id},
        ],
    }


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000.0


def bench_rest(server: SparklingServer, spark, commits: int, loads: int, clients: int,
               per_client: int) -> list[tuple[str, str, str, str]]:
    port = server.catalog_port
    spark.sql(f"CREATE TABLE {NS}.commits (id BIGINT)")
    spark.sql(f"INSERT INTO {NS}.commits VALUES (1)").collect()
    client = Client(port)
    path = f"/v1/namespaces/{NS}/tables/commits"
    status, loaded = client.call("GET", path)
    assert status == 200, loaded
    metadata = loaded["metadata"]
    current = metadata["current-snapshot-id"]
    manifest_list = next(s["manifest-list"] for s in metadata["snapshots"]
                         if s["snapshot-id"] == current)

    # Sequential appends (each commit's response carries the metadata for the next one).
    latencies = []
    for _ in range(commits):
        body = append_commit(metadata, manifest_list)
        start = time.perf_counter()
        status, result = client.call("POST", path, body)
        latencies.append((time.perf_counter() - start) * 1000.0)
        assert status == 200, result
        metadata = result["metadata"]
    append_p50, append_p95 = statistics.median(latencies), percentile(latencies, 0.95)

    prop_latencies = []
    for i in range(commits):
        body = {"requirements": [], "updates": [
            {"action": "set-properties", "updates": {"bench.counter": str(i)}}]}
        start = time.perf_counter()
        status, result = client.call("POST", path, body)
        prop_latencies.append((time.perf_counter() - start) * 1000.0)
        assert status == 200, result
    prop_p50, prop_p95 = statistics.median(prop_latencies), percentile(prop_latencies, 0.95)

    load_latencies = []
    for _ in range(loads):
        start = time.perf_counter()
        status, _ = client.call("GET", path + "?snapshots=all")
        load_latencies.append((time.perf_counter() - start) * 1000.0)
        assert status == 200
    load_p50, load_p95 = statistics.median(load_latencies), percentile(load_latencies, 0.95)
    snapshots_now = len(metadata["snapshots"])
    client.close()

    # N concurrent clients appending to one table: reload on 409 and retry (bounded).
    spark.sql(f"CREATE TABLE {NS}.contended (id BIGINT)")
    spark.sql(f"INSERT INTO {NS}.contended VALUES (1)").collect()
    cpath = f"/v1/namespaces/{NS}/tables/contended"
    conflicts = [0]
    landed = [0]
    lock = threading.Lock()

    def appender():
        c = Client(port)
        try:
            for _ in range(per_client):
                for _attempt in range(1000):
                    status, loaded = c.call("GET", cpath)
                    status, result = c.call("POST", cpath,
                                            append_commit(loaded["metadata"], manifest_list))
                    if status == 200:
                        with lock:
                            landed[0] += 1
                        break
                    assert status == 409, result
                    with lock:
                        conflicts[0] += 1
        finally:
            c.close()

    def run(target) -> float:
        threads = [threading.Thread(target=target, daemon=True) for _ in range(clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        return time.perf_counter() - start

    elapsed = run(appender)
    append_rate = landed[0] / elapsed

    def setter():
        c = Client(port)
        try:
            for i in range(per_client):
                status, result = c.call("POST", cpath, {"updates": [
                    {"action": "set-properties",
                     "updates": {f"k{threading.get_ident() % 1000}": str(i)}}]})
                assert status == 200, result
        finally:
            c.close()

    elapsed_props = run(setter)
    props_rate = clients * per_client / elapsed_props
    attempts = landed[0] + conflicts[0]

    return [
        ("REST append commit (add-snapshot), p50", f"{append_p50:.2f} ms",
         f"target ≤ {TARGET_COMMIT_P50_MS:.0f} ms; Lakekeeper p50 {LAKEKEEPER_P50}",
         f"{commits} sequential commits, keep-alive connection, table with up to "
         f"{snapshots_now} snapshots"),
        ("REST append commit (add-snapshot), p95", f"{append_p95:.2f} ms",
         "Lakekeeper p95 138–229 ms", ""),
        ("REST set-properties commit, p50 / p95", f"{prop_p50:.2f} / {prop_p95:.2f} ms", "", ""),
        ("REST loadTable, p50 / p95", f"{load_p50:.2f} / {load_p95:.2f} ms", "",
         f"metadata with {snapshots_now} snapshots"),
        (f"Appends/s on one table, {clients} clients", f"{append_rate:.0f} commits/s",
         "1–2 commits/s practical ceiling on object stores (iceberg.md §4)",
         f"{landed[0]} landed, {conflicts[0]} 409s ({conflicts[0] / max(1, attempts):.0%} of "
         "attempts), each retried after a reload"),
        (f"Property commits/s on one table, {clients} clients", f"{props_rate:.0f} commits/s", "",
         "no requirement: serialized by the server, never 409"),
    ]


def bench_scan(server: SparklingServer, spark, rows: int, runs: int) -> list[tuple[str, ...]]:
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    table = f"{NS}.scan"
    load_ms = timed(lambda: spark.sql(
        f"CREATE TABLE {table} USING iceberg AS SELECT id AS x, CAST(id % 100 AS INT) AS k, "
        f"CAST(id * 0.5 AS DOUBLE) AS d FROM range({rows})").collect())
    query = f"SELECT count(*) AS n, sum(x) AS s FROM {table} WHERE k < 10"
    expected = spark.sql(query).collect()[0]
    sparkling = [timed(lambda: spark.sql(query).collect()) for _ in range(runs)]

    files = [r.file_path for r in spark.sql(f"SELECT file_path FROM {table}.files").collect()]
    paths = [f.removeprefix("file://") for f in files]
    total_bytes = sum(os.path.getsize(p) for p in paths)

    anchor_name = "DuckDB"
    try:
        import duckdb  # noqa: F401

        con = duckdb.connect()
        file_list = ", ".join(f"'{p}'" for p in paths)
        sql = (f"SELECT count(*), sum(x) FROM read_parquet([{file_list}]) WHERE k < 10")

        def anchor():
            return con.execute(sql).fetchone()
    except ImportError:
        anchor_name = "pyarrow.dataset (duckdb not installed)"
        dataset = ds.dataset(paths, format="parquet")

        def anchor():
            filtered = dataset.to_table(columns=["x"], filter=ds.field("k") < 10, use_threads=True)
            return filtered.num_rows, pc.sum(filtered["x"]).as_py()

    result = anchor()
    assert (result[0], result[1]) == (expected.n, expected.s), (result, expected)
    anchors = [timed(anchor) for _ in range(runs)]
    ours, theirs = statistics.median(sparkling), statistics.median(anchors)
    return [
        (f"Scan {rows / 1e6:.0f}M rows: count(*), sum(x) WHERE k < 10 (pyspark → Sparkling)",
         f"{ours:.0f} ms", f"{anchor_name}: {theirs:.0f} ms",
         f"median of {runs}; ratio {ours / theirs:.2f}x; {len(paths)} Parquet files, "
         f"{total_bytes / 1e6:.0f} MB"),
        (f"Write {rows / 1e6:.0f}M rows (CTAS through pyspark)", f"{load_ms:.0f} ms", "", ""),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--loads", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--per-client", type=int, default=50)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", metavar="FILE", help="also write the Markdown report here")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    server = SparklingServer().start()
    try:
        spark = SparkSession.builder.remote(server.url).create()
        spark.sql(f"CREATE NAMESPACE {NS}")
        rows = bench_rest(server, spark, args.commits, args.loads, args.clients,
                          args.per_client)
        rows += bench_scan(server, spark, args.rows, args.runs)
        spark.stop()
    finally:
        server.stop()

    header = (f"# Iceberg REST catalog and scan benchmark\n\n"
              f"{datetime.date.today()} · {platform.node()} · {os.cpu_count()} CPUs · "
              f"{platform.platform()} · warehouse on local disk ({server.warehouse})\n\n")
    lines = ["| measure | Sparkling | anchor / target | notes |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    report = header + "\n".join(lines) + "\n"
    print(report)
    if args.write:
        pathlib.Path(args.write).write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
