"""SQL test files: one file per feature in test/sql/*.test, run through a Spark Connect client.

Format (a small sqllogictest dialect):

    # comment
    statement ok
    CREATE TEMPORARY VIEW t AS SELECT * FROM VALUES (1, 'a') AS t(x, y)

    statement error TABLE_OR_VIEW_NOT_FOUND
    DROP VIEW nope

    query            <- rows compared in order (the query has ORDER BY); `query rowsort` sorts
    SELECT x + 1 AS y FROM t
    ----
    y:int            <- the result schema, Spark's simpleString per column
    2                <- one line per row, values joined by " | "

    query error DIVIDE_BY_ZERO
    SELECT 1 / 0

Records are separated by blank lines. Expected results are written by real Spark 4.1.1
(`make sql-golden`, which runs this module with --regenerate), never by hand, so a file
states what Spark does. `make test-differential` compares live against real Spark instead.
The reference is Spark with Iceberg's runtime and spark_catalog an Iceberg REST catalog, as in
the environment Sparkling replaces (and as Sparkling's own spark_catalog is).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import decimal
import logging
import pathlib
import shutil
import subprocess
import sys
import tempfile

# pyspark logs every server error as JSON on stderr; the tests assert on errors instead.
logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)


@dataclasses.dataclass
class Record:
    kind: str  # "statement" or "query"
    sql: str
    line: int
    rowsort: bool = False
    expect_error: str | None = None  # error class expected, or None
    expected: list[str] | None = None  # schema line + rows (queries only)


def parse(path: pathlib.Path) -> list[Record]:
    records: list[Record] = []
    lines = path.read_text().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line or line.startswith("#"):
            i += 1
            continue
        header = line.split()
        start = i + 1
        if header[0] not in ("statement", "query"):
            raise ValueError(f"{path}:{i + 1}: expected 'statement' or 'query', got {line!r}")
        rec = Record(kind=header[0], sql="", line=start)
        if len(header) >= 3 and header[1] == "error":
            rec.expect_error = header[2]
        elif header[0] == "query" and len(header) >= 2 and header[1] == "rowsort":
            rec.rowsort = True
        elif header[0] == "statement" and header[1:] != ["ok"]:
            raise ValueError(f"{path}:{start}: bad header {line!r}")
        i += 1
        sql_lines = []
        while i < len(lines) and lines[i].strip() and lines[i].strip() != "----":
            sql_lines.append(lines[i])
            i += 1
        rec.sql = "\n".join(sql_lines)
        if i < len(lines) and lines[i].strip() == "----":
            i += 1
            expected = []
            while i < len(lines) and lines[i].strip():
                expected.append(lines[i].rstrip())
                i += 1
            rec.expected = expected
        records.append(rec)
    return records


def render_value(v) -> str:
    from pyspark.sql import Row

    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat(sep=" ") if isinstance(v, datetime.datetime) else v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return "X'" + v.hex().upper() + "'"
    if isinstance(v, Row):
        return "{" + ", ".join(f"{k}: {render_value(x)}" for k, x in v.asDict().items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(render_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{render_value(k)} -> {render_value(x)}" for k, x in v.items()) + "}"
    return str(v)


def run_record(spark, rec: Record) -> list[str]:
    """Runs one record; returns its outcome as lines: ["error CLASS"] or schema + rows."""
    from pyspark.errors import PySparkException

    try:
        df = spark.sql(rec.sql)
        if rec.kind == "statement":
            df.collect()
            return ["ok"]
        rows = df.collect()
        schema = ", ".join(f"{f.name}:{f.dataType.simpleString()}" for f in df.schema.fields)
        lines = [" | ".join(render_value(v) for v in row) for row in rows]
        if rec.rowsort:
            lines.sort()
        return [schema, *lines]
    except PySparkException as e:
        condition = e.getCondition() if hasattr(e, "getCondition") else None
        return [f"error {condition or type(e).__name__}"]


def expected_outcome(rec: Record) -> list[str]:
    if rec.expect_error:
        return [f"error {rec.expect_error}"]
    if rec.kind == "statement":
        return ["ok"]
    return rec.expected or []


def write_file(path: pathlib.Path, records: list[Record], outcomes: list[list[str]]) -> None:
    """Rewrites `path` with the expected sections replaced by `outcomes` (comments kept)."""
    lines = path.read_text().splitlines()
    out: list[str] = []
    by_line = {rec.line: (rec, outcome) for rec, outcome in zip(records, outcomes)}
    i = 0
    while i < len(lines):
        if (i + 1) in by_line and lines[i].split() and lines[i].split()[0] in ("statement", "query"):
            rec, outcome = by_line[i + 1]
            error = outcome[0][len("error "):] if outcome and outcome[0].startswith("error ") else None
            if rec.kind == "statement":
                out.append(f"statement error {error}" if error else "statement ok")
            elif error:
                out.append(f"query error {error}")
            else:
                out.append("query rowsort" if rec.rowsort else "query")
            out.extend(rec.sql.splitlines())
            if rec.kind == "query" and not error:
                out.append("----")
                out.extend(outcome)
            i += 1
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        out.append(lines[i])
        i += 1
    path.write_text("\n".join(out) + "\n")


class ReferenceIcebergSpark:
    """Real Spark 4.1.1 as the environment Sparkling replaces has it: spark_catalog is an Iceberg
    SparkCatalog over an Iceberg REST catalog (here `sparkling catalog` on a temporary warehouse,
    which only stores metadata: every SQL semantic under test is real Spark's and Iceberg's)."""

    def __init__(self):
        from servers import ICEBERG_SPARK_RUNTIME, ReferenceSparkServer, free_port, iceberg_rest_conf

        self.catalog_port = free_port()
        self.warehouse = pathlib.Path(tempfile.mkdtemp(prefix="reference-warehouse-"))
        self.catalog_proc: subprocess.Popen | None = None
        self.spark = ReferenceSparkServer(
            jars=[ICEBERG_SPARK_RUNTIME],
            conf=iceberg_rest_conf(f"http://127.0.0.1:{self.catalog_port}"))

    @property
    def url(self) -> str:
        return self.spark.url

    def start(self) -> "ReferenceIcebergSpark":
        from servers import sparkling_binary, wait_for_port

        self.catalog_proc = subprocess.Popen(
            [str(sparkling_binary()), "catalog", "--port", str(self.catalog_port),
             "--warehouse", str(self.warehouse)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.catalog_port, self.catalog_proc, 20)
        try:
            self.spark.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        self.spark.stop()
        if self.catalog_proc and self.catalog_proc.poll() is None:
            self.catalog_proc.terminate()
            self.catalog_proc.wait(timeout=10)
        shutil.rmtree(self.warehouse, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regenerate", action="store_true",
                        help="write expected results from real Spark 4.1.1")
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    from pyspark.sql import SparkSession

    if not args.regenerate:
        parser.error("only --regenerate is supported from the command line; tests run via pytest")
    server = ReferenceIcebergSpark().start()
    try:
        for path in args.files:
            records = parse(path)
            spark = SparkSession.builder.remote(server.url).create()
            outcomes = [run_record(spark, rec) for rec in records]
            spark.stop()
            write_file(path, records, outcomes)
            print(f"{path}: {len(records)} records")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
