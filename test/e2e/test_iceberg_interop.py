"""Iceberg interoperability (issue 4): tables Sparkling writes are read by pyiceberg and by real
Spark 4.1.1 with Iceberg's Spark runtime, and tables those engines write are read by Sparkling,
all through Sparkling's Iceberg REST catalog.

One Sparkling server per module (its own warehouse); the real Spark server (needs Java and the
runtime jar from scripts/fetch_jars.sh) starts at module start and boots while the pyiceberg
tests run.
"""

from __future__ import annotations

import datetime
import decimal
import pathlib

import pyarrow as pa
import pytest
from conftest import new_session
from servers import (ICEBERG_SPARK_RUNTIME, ReferenceSparkServer, SparklingServer,
                     iceberg_rest_conf, java_available)

NS = "interop"

# name -> (columns, partitioning, rows inserted by one INSERT ... VALUES)
SPARKLING_TABLES = {
    "plain": (
        "id BIGINT, name STRING, price DOUBLE, amount DECIMAL(10,2), flag BOOLEAN, d DATE, "
        "ts TIMESTAMP, small INT",
        "",
        "(1, 'a', 1.5, 12.34, true, DATE'2024-01-15', TIMESTAMP'2024-01-15 10:00:00', 7), "
        "(2, 'bb', NULL, -5.00, false, DATE'2024-02-20', "
        "TIMESTAMP'2024-02-20 23:59:59.123456', -3), "
        "(3, NULL, 3.25, NULL, NULL, NULL, NULL, NULL)",
    ),
    "nested": (
        "id INT, st STRUCT<a: INT, b: STRING>, arr ARRAY<BIGINT>, m MAP<STRING, INT>, "
        "ntz TIMESTAMP_NTZ, bin BINARY, f FLOAT, sm SMALLINT",
        "",
        "(1, named_struct('a', 1, 'b', 'x'), array(1L, 2L), map('k', 1), "
        "TIMESTAMP_NTZ'2024-01-01 12:00:00', X'0102', 1.5, 2), "
        "(2, NULL, array(), map(), NULL, NULL, NULL, NULL), "
        "(3, named_struct('a', NULL, 'b', 'y'), array(3L, NULL), map('a', 1, 'b', NULL), "
        "TIMESTAMP_NTZ'1969-07-20 20:17:40', X'', -0.25, -32768)",
    ),
    "by_identity": (
        "id INT, category STRING",
        "PARTITIONED BY (category)",
        "(1, 'x'), (2, 'y'), (3, 'x'), (4, NULL)",
    ),
    "by_bucket": (
        "id BIGINT, label STRING",
        "PARTITIONED BY (bucket(4, id))",
        ", ".join(f"({i}, 'l{i}')" for i in range(0, 40)),
    ),
    "by_truncate": (
        "id INT, word STRING",
        "PARTITIONED BY (truncate(2, word))",
        "(1, 'apple'), (2, 'apricot'), (3, 'banana'), (4, NULL), (5, 'b')",
    ),
    "by_days": (
        "id INT, ts TIMESTAMP",
        "PARTITIONED BY (days(ts))",
        "(1, TIMESTAMP'2024-01-01 01:00:00'), (2, TIMESTAMP'2024-01-02 02:30:00'), "
        "(3, TIMESTAMP'1969-12-31 23:00:00'), (4, NULL)",
    ),
    "by_months": (
        "id INT, d DATE",
        "PARTITIONED BY (months(d))",
        "(1, DATE'2024-01-01'), (2, DATE'2024-03-02'), (3, DATE'1969-12-31'), "
        "(4, DATE'2024-03-31')",
    ),
}


# --- comparing rows ------------------------------------------------------------------------


def _value(v):
    # Engines spell the UTC zone differently (UTC, Etc/UTC, +00:00); compare instants.
    if isinstance(v, datetime.datetime) and v.tzinfo is not None:
        return v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return v


def rows_of(table: pa.Table) -> list[tuple]:
    rows = [tuple(_value(v) for v in row.values()) for row in table.to_pylist()]
    return sorted(rows, key=lambda r: tuple((v is None, str(v)) for v in r))


def assert_same_rows(actual: pa.Table, expected: pa.Table) -> None:
    assert actual.column_names == expected.column_names
    assert rows_of(actual) == rows_of(expected)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sparkling():
    srv = SparklingServer().start()
    yield srv
    code = srv.stop()
    assert code == 0, f"server exit code {code} on SIGTERM\n{srv.log()[-4000:]}"


@pytest.fixture(scope="module")
def reference_boot(sparkling):
    """Real Spark with Iceberg's runtime, its spark_catalog on our REST catalog; launched early."""
    if not java_available():
        yield None
        return
    srv = ReferenceSparkServer(jars=[ICEBERG_SPARK_RUNTIME],
                               conf=iceberg_rest_conf(sparkling.catalog_url)).launch()
    yield srv
    srv.stop()


@pytest.fixture(scope="module", autouse=True)
def _boot_reference_early(reference_boot):
    yield


@pytest.fixture(scope="module")
def spark(sparkling):
    session = new_session(sparkling.url)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def real_spark(reference_boot):
    if reference_boot is None:
        pytest.skip("Java is not installed: real Spark 4.1.1 with the Iceberg runtime cannot start")
    try:
        reference_boot.wait_ready(timeout=150)
    except Exception as e:  # noqa: BLE001 - show the JVM's own log
        raise RuntimeError(f"real Spark did not start: {e}\n{reference_boot.log()[-6000:]}") from e
    session = new_session(reference_boot.url)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def catalog(sparkling):
    from pyiceberg.catalog import load_catalog

    return load_catalog("interop", type="rest", uri=sparkling.catalog_url)


@pytest.fixture(scope="module")
def sparkling_tables(spark):
    spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {NS}")
    for name, (columns, partitioning, values) in SPARKLING_TABLES.items():
        spark.sql(f"CREATE TABLE {NS}.{name} ({columns}) USING iceberg {partitioning}")
        spark.sql(f"INSERT INTO {NS}.{name} VALUES {values}")
    return sorted(SPARKLING_TABLES)


def snapshot_ids(spark, table: str) -> list[int]:
    rows = spark.sql(f"SELECT snapshot_id FROM {table}.snapshots ORDER BY committed_at").collect()
    return [r.snapshot_id for r in rows]


# --- a. pyiceberg reads what Sparkling wrote ------------------------------------------------


def test_pyiceberg_lists_sparkling_namespaces_and_tables(catalog, sparkling_tables):
    assert (NS,) in catalog.list_namespaces()
    assert ("default",) in catalog.list_namespaces()
    listed = sorted(name for _, name in catalog.list_tables(NS))
    assert listed == sparkling_tables


@pytest.mark.parametrize("name", sorted(SPARKLING_TABLES))
def test_pyiceberg_scans_sparkling_table(catalog, spark, sparkling_tables, name):
    table = catalog.load_table(f"{NS}.{name}")
    expected_partitioning = SPARKLING_TABLES[name][1]
    assert table.spec().is_unpartitioned() == (expected_partitioning == "")
    scanned = table.scan().to_arrow()
    assert scanned.num_rows > 0
    assert_same_rows(scanned, spark.table(f"{NS}.{name}").toArrow())

    # Per-file statistics as pyiceberg decodes them agree with the data (readers answer
    # COUNT/MIN/MAX and prune from them).
    files = table.inspect.files().to_pylist()
    assert sum(f["record_count"] for f in files) == scanned.num_rows
    for field in table.schema().fields:
        if not field.field_type.is_primitive:
            continue
        column = scanned[field.name]
        metrics = [f["readable_metrics"][field.name] for f in files]
        assert sum(m["value_count"] for m in metrics) == scanned.num_rows, field.name
        assert sum(m["null_value_count"] for m in metrics) == column.null_count, field.name
        present = [v for v in column.to_pylist() if v is not None]
        if not present or isinstance(present[0], (bytes, float)):
            continue
        lowers = [m["lower_bound"] for m in metrics if m["lower_bound"] is not None]
        uppers = [m["upper_bound"] for m in metrics if m["upper_bound"] is not None]
        assert _value(min(lowers)) == _value(min(present)), field.name
        assert _value(max(uppers)) == _value(max(present)), field.name


def test_pyiceberg_prunes_sparkling_partitions(catalog, spark, sparkling_tables):
    from pyiceberg.expressions import EqualTo

    table = catalog.load_table(f"{NS}.by_identity")
    scan = table.scan(row_filter=EqualTo("category", "x"))
    files = list(scan.plan_files())
    # Identity partitions x, y and null were written as separate files; only x's is planned.
    assert len(files) == 1
    assert sorted(scan.to_arrow()["id"].to_pylist()) == [1, 3]


def test_pyiceberg_reads_sparkling_row_level_changes(catalog, spark, sparkling_tables):
    t = f"{NS}.changes"
    spark.sql(f"CREATE TABLE {t} (id INT, v STRING, n BIGINT) USING iceberg "
              "PARTITIONED BY (bucket(2, id))")
    spark.sql(f"INSERT INTO {t} SELECT CAST(id AS INT), concat('v', id), id * 10 FROM range(0, 12)")
    steps = [
        f"DELETE FROM {t} WHERE id < 3",
        f"UPDATE {t} SET v = 'updated', n = n + 1 WHERE id % 2 = 0",
        f"""MERGE INTO {t} AS target
            USING (SELECT * FROM VALUES (5, 'm5', 0L), (7, 'gone', 0L), (20, 'm20', 200L)
                   AS s(id, v, n)) AS source
            ON target.id = source.id
            WHEN MATCHED AND source.v = 'gone' THEN DELETE
            WHEN MATCHED THEN UPDATE SET v = source.v
            WHEN NOT MATCHED THEN INSERT *""",
    ]
    for step in [None, *steps]:
        if step:
            spark.sql(step)
        expected = spark.table(t).toArrow()
        assert_same_rows(catalog.load_table(t).scan().to_arrow(), expected)
    final = sorted(r.id for r in spark.table(t).collect())
    assert final == [3, 4, 5, 6, 8, 9, 10, 11, 20]


def test_pyiceberg_snapshots_match_sparkling_snapshots_table(catalog, spark):
    t = f"{NS}.changes"
    if not catalog.table_exists(t):
        pytest.skip("depends on test_pyiceberg_reads_sparkling_row_level_changes")
    inspected = catalog.load_table(t).inspect.snapshots().to_pylist()
    ours = spark.sql(f"SELECT snapshot_id, parent_id, operation, committed_at FROM {t}.snapshots"
                     ).collect()
    assert len(inspected) == len(ours) == 4
    by_id = {r.snapshot_id: r for r in ours}
    assert sorted(by_id) == sorted(s["snapshot_id"] for s in inspected)
    for snap in inspected:
        row = by_id[snap["snapshot_id"]]
        assert row.parent_id == snap["parent_id"]
        assert row.operation == snap["operation"]
        committed = snap["committed_at"]
        if committed.tzinfo is not None:
            committed = committed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        assert row.committed_at == committed
    oldest = min(inspected, key=lambda s: s["committed_at"])
    assert oldest["operation"] == "append" and oldest["parent_id"] is None


# --- b. Sparkling reads what pyiceberg wrote ------------------------------------------------


def _pyiceberg_schema():
    from pyiceberg.schema import Schema
    from pyiceberg.types import (DateType, DecimalType, DoubleType, LongType, NestedField,
                                 StringType, TimestamptzType)

    return Schema(
        NestedField(1, "id", LongType(), required=False),
        NestedField(2, "category", StringType(), required=False),
        NestedField(3, "price", DoubleType(), required=False),
        NestedField(4, "amount", DecimalType(9, 2), required=False),
        NestedField(5, "day", DateType(), required=False),
        NestedField(6, "ts", TimestamptzType(), required=False),
    )


def _pyiceberg_rows(ids: range, category: str) -> pa.Table:
    utc = datetime.timezone.utc
    return pa.table({
        "id": pa.array(list(ids), pa.int64()),
        "category": pa.array([category] * len(ids), pa.string()),
        "price": pa.array([i * 0.5 for i in ids], pa.float64()),
        "amount": pa.array([decimal.Decimal(i).scaleb(-2) for i in ids], pa.decimal128(9, 2)),
        "day": pa.array([datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 40) for i in ids],
                        pa.date32()),
        "ts": pa.array([datetime.datetime(2024, 1, 1, tzinfo=utc) + datetime.timedelta(hours=i)
                        for i in ids], pa.timestamp("us", tz="UTC")),
    })


def test_sparkling_reads_pyiceberg_tables_and_time_travels(catalog, spark):
    from pyiceberg.expressions import EqualTo
    from pyiceberg.partitioning import PartitionField, PartitionSpec
    from pyiceberg.transforms import IdentityTransform

    catalog.create_namespace_if_not_exists("pyi")
    # pyiceberg writes other transforms only with the optional pyiceberg-core package.
    spec = PartitionSpec(
        PartitionField(source_id=2, field_id=1000, transform=IdentityTransform(), name="category"),
        PartitionField(source_id=5, field_id=1001, transform=IdentityTransform(), name="day"),
    )
    table = catalog.create_table("pyi.events", schema=_pyiceberg_schema(), partition_spec=spec)

    first = _pyiceberg_rows(range(0, 30), "a")
    table.append(first)
    first_snapshot = table.current_snapshot().snapshot_id
    assert_same_rows(spark.table("pyi.events").toArrow(), first)

    second = _pyiceberg_rows(range(30, 50), "b")
    table.append(second)
    assert_same_rows(spark.table("pyi.events").toArrow(), pa.concat_tables([first, second]))

    # Overwrite partition category=a with new rows, then delete some of b's rows.
    table.overwrite(_pyiceberg_rows(range(100, 105), "a"),
                    overwrite_filter=EqualTo("category", "a"))
    table.delete(delete_filter=EqualTo("id", 31))
    table = catalog.load_table("pyi.events")
    assert_same_rows(spark.table("pyi.events").toArrow(), table.scan().to_arrow())
    assert sorted(r.id for r in spark.sql("SELECT id FROM pyi.events").collect()) == (
        [*range(30, 31), *range(32, 50), *range(100, 105)])

    # Partition pruning on pyiceberg's spec gives the same answer.
    assert spark.sql("SELECT count(*) AS c FROM pyi.events WHERE category = 'b'").first().c == 19

    # Time travel to pyiceberg's first snapshot, in SQL and through the reader option.
    travelled = spark.sql(f"SELECT * FROM pyi.events VERSION AS OF {first_snapshot}")
    assert_same_rows(travelled.toArrow(), first)
    assert_same_rows(spark.read.option("snapshot-id", first_snapshot).table("pyi.events").toArrow(),
                     first)
    ids = snapshot_ids(spark, "pyi.events")
    assert ids[0] == first_snapshot and len(ids) == len(table.inspect.snapshots())


def test_sparkling_reads_after_pyiceberg_schema_evolution(catalog, spark):
    from pyiceberg.types import StringType

    catalog.create_namespace_if_not_exists("pyi")
    table = catalog.create_table("pyi.evolving", schema=_pyiceberg_schema())
    table.append(_pyiceberg_rows(range(0, 5), "old"))
    with table.update_schema() as update:
        update.rename_column("category", "kind")
        update.add_column("comment", StringType())
        update.delete_column("price")
    table = catalog.load_table("pyi.evolving")
    newer = _pyiceberg_rows(range(5, 8), "new").drop_columns(["price"]) \
        .rename_columns(["id", "kind", "amount", "day", "ts"]) \
        .append_column("comment", pa.array(["c5", None, "c7"], pa.string()))
    table.append(newer)
    expected = catalog.load_table("pyi.evolving").scan().to_arrow()
    assert expected.column_names == ["id", "kind", "amount", "day", "ts", "comment"]
    assert_same_rows(spark.table("pyi.evolving").toArrow(), expected)
    assert sorted(r.id for r in spark.sql(
        "SELECT id FROM pyi.evolving WHERE kind = 'old'").collect()) == [0, 1, 2, 3, 4]


def test_sparkling_reads_pyiceberg_unpartitioned_table(catalog, spark):
    catalog.create_namespace_if_not_exists("pyi")
    table = catalog.create_table("pyi.plain", schema=_pyiceberg_schema())
    data = _pyiceberg_rows(range(0, 200), "p")
    table.append(data)
    assert_same_rows(spark.table("pyi.plain").toArrow(), data)
    assert spark.sql("SELECT count(*) AS c, sum(id) AS s FROM pyi.plain").first() == (200, 19900)
    # Sparkling appends to pyiceberg's table; pyiceberg sees both writes.
    spark.sql("INSERT INTO pyi.plain SELECT 1000, 'q', 1.0, 1.00, DATE'2024-05-05', "
              "TIMESTAMP'2024-05-05 05:05:05'")
    rows = catalog.load_table("pyi.plain").scan().to_arrow()
    assert rows.num_rows == 201
    assert_same_rows(rows, spark.table("pyi.plain").toArrow())


# --- c. real Spark 4.1.1 with Iceberg's runtime, on Sparkling's REST catalog ----------------


@pytest.mark.parametrize("name", sorted(SPARKLING_TABLES))
def test_real_spark_reads_sparkling_table(real_spark, spark, sparkling_tables, name):
    assert_same_rows(real_spark.table(f"spark_catalog.{NS}.{name}").toArrow(),
                     spark.table(f"{NS}.{name}").toArrow())


def test_real_spark_reads_sparkling_metadata_tables(real_spark, spark, sparkling_tables):
    ours = spark.sql(f"SELECT snapshot_id, operation FROM {NS}.by_bucket.snapshots").collect()
    theirs = real_spark.sql(
        f"SELECT snapshot_id, operation FROM spark_catalog.{NS}.by_bucket.snapshots").collect()
    assert [tuple(r) for r in theirs] == [tuple(r) for r in ours]
    counts = real_spark.sql(
        f"SELECT sum(record_count) AS n, count(*) AS files FROM {NS}.by_bucket.files").first()
    assert counts.n == 40 and counts.files == 4
    # Spark answers aggregates from manifest statistics: they must be exact.
    assert tuple(real_spark.sql(f"SELECT count(*), min(id), max(id) FROM {NS}.by_bucket").first()) \
        == (40, 0, 39)


def test_sparkling_reads_real_spark_partitioned_tables(real_spark, spark):
    real_spark.sql("CREATE NAMESPACE IF NOT EXISTS rs")
    real_spark.sql("""CREATE TABLE rs.events (id BIGINT, kind STRING, amount DECIMAL(12,3),
                      ts TIMESTAMP, d DATE) USING iceberg
                      PARTITIONED BY (days(ts), bucket(3, id), truncate(1, kind))""")
    real_spark.sql("""INSERT INTO rs.events
                      SELECT id, concat(CASE WHEN id % 2 = 0 THEN 'even' ELSE 'odd' END, id % 3),
                             CAST(id AS DECIMAL(12,3)) / 8,
                             TIMESTAMP'2024-03-01 00:00:00' + make_interval(0, 0, 0, 0, id, 0, 0),
                             DATE'2023-12-30' + CAST(id % 5 AS INT)
                      FROM range(0, 60)""")
    real_spark.sql("INSERT INTO rs.events VALUES (100, NULL, NULL, NULL, NULL)")
    assert_same_rows(spark.table("rs.events").toArrow(), real_spark.table("rs.events").toArrow())
    assert spark.sql("SELECT count(*) AS c FROM rs.events WHERE kind = 'even0'").first().c == \
        real_spark.sql("SELECT count(*) AS c FROM rs.events WHERE kind = 'even0'").first().c

    real_spark.sql("CREATE TABLE rs.nested (id INT, st STRUCT<a: INT, b: ARRAY<STRING>>, "
                   "m MAP<STRING, STRUCT<x: DOUBLE>>, ntz TIMESTAMP_NTZ, bin BINARY) USING iceberg")
    real_spark.sql("INSERT INTO rs.nested VALUES "
                   "(1, named_struct('a', 1, 'b', array('p', NULL)), "
                   "map('k', named_struct('x', 0.5)), "
                   "TIMESTAMP_NTZ'2024-02-29 23:59:59.999999', X'00FF'), "
                   "(2, NULL, NULL, NULL, NULL)")
    assert_same_rows(spark.table("rs.nested").toArrow(), real_spark.table("rs.nested").toArrow())

    real_spark.sql("CREATE TABLE rs.monthly (id INT, d DATE) USING iceberg "
                   "PARTITIONED BY (months(d))")
    real_spark.sql("INSERT INTO rs.monthly VALUES (1, DATE'2024-01-31'), (2, DATE'2024-02-01'), "
                   "(3, DATE'1970-01-01'), (4, DATE'1969-12-31')")
    assert_same_rows(spark.table("rs.monthly").toArrow(), real_spark.table("rs.monthly").toArrow())


def _merge_on_read_table(real_spark, name: str, format_version: int) -> None:
    real_spark.sql(f"""CREATE TABLE {name} (id INT, part STRING, v STRING) USING iceberg
                       PARTITIONED BY (part)
                       TBLPROPERTIES ('format-version'='{format_version}',
                                      'write.delete.mode'='merge-on-read',
                                      'write.update.mode'='merge-on-read',
                                      'write.merge.mode'='merge-on-read')""")
    real_spark.sql(f"""INSERT INTO {name}
                       SELECT CAST(id AS INT), CASE WHEN id < 10 THEN 'p0' ELSE 'p1' END,
                              concat('v', id) FROM range(0, 20)""")
    real_spark.sql(f"DELETE FROM {name} WHERE id IN (1, 2, 15)")
    real_spark.sql(f"UPDATE {name} SET v = 'changed' WHERE id IN (4, 16)")


def test_sparkling_reads_real_spark_position_deletes(real_spark, spark):
    real_spark.sql("CREATE NAMESPACE IF NOT EXISTS rs")
    _merge_on_read_table(real_spark, "rs.mor", 2)
    delete_files = real_spark.sql("SELECT count(*) AS c FROM rs.mor.delete_files").first().c
    assert delete_files > 0, "Spark wrote no position delete files"
    expected = real_spark.table("rs.mor").toArrow()
    assert expected.num_rows == 17
    assert_same_rows(spark.table("rs.mor").toArrow(), expected)
    assert sorted(r.id for r in spark.sql("SELECT id FROM rs.mor WHERE v = 'changed'").collect()) \
        == [4, 16]


def test_sparkling_reads_real_spark_deletion_vectors(real_spark, spark):
    real_spark.sql("CREATE NAMESPACE IF NOT EXISTS rs")
    _merge_on_read_table(real_spark, "rs.dv", 3)
    formats = {r.file_format for r in
               real_spark.sql("SELECT file_format FROM rs.dv.delete_files").collect()}
    assert formats == {"PUFFIN"}, f"expected deletion vectors in Puffin files, got {formats}"
    expected = real_spark.table("rs.dv").toArrow()
    assert expected.num_rows == 17
    assert_same_rows(spark.table("rs.dv").toArrow(), expected)


def test_real_spark_reads_sparkling_append_to_its_table(real_spark, spark):
    real_spark.sql("CREATE NAMESPACE IF NOT EXISTS rs")
    real_spark.sql("CREATE TABLE rs.shared (id BIGINT, name STRING) USING iceberg "
                   "PARTITIONED BY (bucket(2, id))")
    real_spark.sql("INSERT INTO rs.shared VALUES (1, 'spark'), (2, 'spark')")
    spark.sql("INSERT INTO rs.shared VALUES (3, 'sparkling'), (4, NULL)")
    theirs = real_spark.table("rs.shared").toArrow()
    assert rows_of(theirs) == [(1, "spark"), (2, "spark"), (3, "sparkling"), (4, None)]
    assert_same_rows(spark.table("rs.shared").toArrow(), theirs)
    ops = [r.operation for r in real_spark.sql(
        "SELECT operation FROM rs.shared.snapshots ORDER BY committed_at").collect()]
    assert ops == ["append", "append"]
    # And Spark appends again on top of Sparkling's snapshot.
    real_spark.sql("INSERT INTO rs.shared VALUES (5, 'spark')")
    assert spark.sql("SELECT count(*) AS c FROM rs.shared").first().c == 5


def test_sparkling_rewrites_real_spark_merge_on_read_tables(real_spark, spark):
    """Sparkling's copy-on-write DELETE/UPDATE/INSERT over tables whose rows Spark deleted with
    position delete files (v2) and deletion vectors (v3); Spark reads Sparkling's result."""
    for name in ("rs.mor", "rs.dv"):
        if not spark.catalog.tableExists(name):
            pytest.skip(f"{name} is written by an earlier test")
        spark.sql(f"DELETE FROM {name} WHERE id IN (0, 19)")
        spark.sql(f"UPDATE {name} SET v = 'sparkling' WHERE id IN (3, 15, 16)")
        spark.sql(f"INSERT INTO {name} VALUES (42, 'p1', 'new')")
        ours = spark.table(name).toArrow()
        assert ours.num_rows == 16
        assert_same_rows(real_spark.table(name).toArrow(), ours)
        assert sorted(r.id for r in real_spark.sql(
            f"SELECT id FROM {name} WHERE v = 'sparkling'").collect()) == [3, 16]
        # Spark deletes again, now from files Sparkling wrote.
        real_spark.sql(f"DELETE FROM {name} WHERE id IN (5, 42)")
        assert_same_rows(spark.table(name).toArrow(), real_spark.table(name).toArrow())
        assert spark.table(name).count() == 14
    # v3 row lineage: every live row has its own _row_id, including the rows Sparkling wrote.
    row_ids = [r[0] for r in real_spark.sql("SELECT _row_id FROM rs.dv").collect()]
    assert len(row_ids) == 14 and None not in row_ids and len(set(row_ids)) == 14


def test_sparkling_reads_after_real_spark_schema_and_partition_evolution(real_spark, spark):
    real_spark.sql("CREATE NAMESPACE IF NOT EXISTS rs")
    real_spark.sql("CREATE TABLE rs.evolving (id INT, name STRING, score FLOAT) USING iceberg "
                   "PARTITIONED BY (bucket(2, id))")
    real_spark.sql("INSERT INTO rs.evolving VALUES (1, 'one', 1.5), (2, 'two', 2.5)")
    real_spark.sql("ALTER TABLE rs.evolving RENAME COLUMN name TO label")
    real_spark.sql("ALTER TABLE rs.evolving ADD COLUMN extra STRING")
    real_spark.sql("ALTER TABLE rs.evolving ALTER COLUMN id TYPE BIGINT")
    real_spark.sql("ALTER TABLE rs.evolving ALTER COLUMN score TYPE DOUBLE")
    real_spark.sql("ALTER TABLE rs.evolving ADD PARTITION FIELD truncate(1, label)")
    real_spark.sql("INSERT INTO rs.evolving VALUES (3, 'three', 3.25, 'x'), (4, NULL, NULL, NULL)")
    real_spark.sql("ALTER TABLE rs.evolving DROP COLUMN score")
    expected = real_spark.table("rs.evolving").toArrow()
    assert expected.column_names == ["id", "label", "extra"]
    assert_same_rows(spark.table("rs.evolving").toArrow(), expected)
    assert [tuple(r) for r in spark.sql(
        "SELECT id, label FROM rs.evolving WHERE label = 'two'").collect()] == [(2, "two")]


def test_real_spark_time_travels_on_sparkling_table(real_spark, spark, sparkling_tables):
    t = f"{NS}.travel"
    spark.sql(f"CREATE TABLE {t} (id INT) USING iceberg")
    spark.sql(f"INSERT INTO {t} VALUES (1), (2)")
    first = snapshot_ids(spark, t)[0]
    committed = spark.sql(f"SELECT committed_at FROM {t}.snapshots").first().committed_at
    spark.sql(f"INSERT INTO {t} VALUES (3)")
    spark.sql(f"DELETE FROM {t} WHERE id = 1")
    assert sorted(r.id for r in real_spark.table(t).collect()) == [2, 3]
    assert sorted(r.id for r in real_spark.sql(
        f"SELECT id FROM {t} VERSION AS OF {first}").collect()) == [1, 2]
    stamp = committed.strftime("%Y-%m-%d %H:%M:%S.%f")
    assert sorted(r.id for r in real_spark.sql(
        f"SELECT id FROM {t} TIMESTAMP AS OF '{stamp}'").collect()) == [1, 2]
    history = real_spark.sql(f"SELECT snapshot_id, is_current_ancestor FROM {t}.history").collect()
    assert len(history) == 3 and history[0].snapshot_id == first
    # A tag Spark creates on Sparkling's snapshot is a time-travel target for Sparkling.
    real_spark.sql(f"ALTER TABLE {t} CREATE TAG first_load AS OF VERSION {first}")
    assert sorted(r.id for r in spark.sql(
        f"SELECT id FROM {t} VERSION AS OF 'first_load'").collect()) == [1, 2]
    assert [r.name for r in spark.sql(f"SELECT name FROM {t}.refs ORDER BY name").collect()] == \
        ["first_load", "main"]


def test_sparkling_reads_real_spark_ctas_and_rtas(real_spark, spark, sparkling_tables):
    real_spark.sql("CREATE NAMESPACE IF NOT EXISTS rs")
    real_spark.sql("CREATE TABLE rs.ctas USING iceberg PARTITIONED BY (k) AS "
                   "SELECT id, CAST(id % 3 AS INT) AS k, repeat('z', CAST(id % 4 AS INT)) AS s "
                   "FROM range(0, 25)")
    assert_same_rows(spark.table("rs.ctas").toArrow(), real_spark.table("rs.ctas").toArrow())
    real_spark.sql("CREATE OR REPLACE TABLE rs.ctas USING iceberg AS SELECT 'replaced' AS s")
    assert [tuple(r) for r in spark.table("rs.ctas").collect()] == [("replaced",)]
    # Sparkling's own CTAS is read by Spark.
    spark.sql(f"CREATE TABLE {NS}.sparkling_ctas USING iceberg PARTITIONED BY (k) AS "
              "SELECT id, CAST(id % 3 AS INT) AS k FROM range(0, 25)")
    assert_same_rows(real_spark.table(f"{NS}.sparkling_ctas").toArrow(),
                     spark.table(f"{NS}.sparkling_ctas").toArrow())


def test_real_spark_maintains_and_merges_into_sparkling_table(real_spark, spark, sparkling_tables):
    """Spark's own procedures and MERGE validate Sparkling's manifests and statistics."""
    t = f"{NS}.maintained"
    spark.sql(f"CREATE TABLE {t} (id BIGINT, grp STRING, v DOUBLE) USING iceberg "
              "PARTITIONED BY (grp)")
    for start in (0, 10, 20):
        spark.sql(f"INSERT INTO {t} SELECT id, CASE WHEN id % 2 = 0 THEN 'e' ELSE 'o' END, "
                  f"id / 4 FROM range({start}, {start + 10})")
    spark.sql(f"ALTER TABLE {t} ADD COLUMN note STRING")
    spark.sql(f"INSERT OVERWRITE {t} SELECT id, grp, v, 'over' FROM {t} WHERE grp = 'o'")
    assert_same_rows(real_spark.table(t).toArrow(), spark.table(t).toArrow())

    rewritten = real_spark.sql(
        f"CALL spark_catalog.system.rewrite_data_files(table => '{t}', "
        "options => map('rewrite-all', 'true'))").first()
    assert rewritten.rewritten_data_files_count > 0
    real_spark.sql(f"""MERGE INTO {t} AS target
                       USING (SELECT * FROM VALUES (1L, 'o', 9.5D, 'merged'), (100L, 'n', 0D, 'new')
                              AS s(id, grp, v, note)) AS source
                       ON target.id = source.id
                       WHEN MATCHED THEN UPDATE SET *
                       WHEN NOT MATCHED THEN INSERT *""")
    real_spark.sql(f"CALL spark_catalog.system.expire_snapshots(table => '{t}', "
                   "older_than => TIMESTAMP '2999-01-01 00:00:00', retain_last => 1)")
    expected = real_spark.table(t).toArrow()
    # INSERT OVERWRITE without PARTITION replaced the whole table with the 15 odd ids.
    assert expected.num_rows == 16
    assert_same_rows(spark.table(t).toArrow(), expected)
    assert len(spark.sql(f"SELECT * FROM {t}.snapshots").collect()) == 1
    assert tuple(spark.sql(f"SELECT count(*), sum(id) FROM {t}").first()) == (16, 225 + 100)


def test_real_spark_catalog_operations_are_seen_by_sparkling(real_spark, spark, sparkling_tables):
    names = {r[0] for r in real_spark.sql("SHOW NAMESPACES").collect()}
    assert {"default", NS} <= names
    tables = {r.tableName for r in real_spark.sql(f"SHOW TABLES IN {NS}").collect()}
    assert set(sparkling_tables) <= tables

    real_spark.sql("CREATE NAMESPACE IF NOT EXISTS ops COMMENT 'made by spark' "
                   "WITH DBPROPERTIES ('owner_team' = 'data')")
    real_spark.sql("ALTER NAMESPACE ops SET DBPROPERTIES ('tier' = 'gold')")
    described = {r[0]: r[1] for r in spark.sql("DESCRIBE NAMESPACE EXTENDED ops").collect()}
    assert described.get("Comment") == "made by spark"
    assert "tier" in described.get("Properties", "") and "gold" in described["Properties"]

    real_spark.sql("CREATE TABLE ops.t1 (id INT) USING iceberg TBLPROPERTIES ('team' = 'x')")
    real_spark.sql("INSERT INTO ops.t1 VALUES (1)")
    real_spark.sql("ALTER TABLE ops.t1 RENAME TO ops.t2")
    assert {r.tableName for r in spark.sql("SHOW TABLES IN ops").collect()} == {"t2"}
    assert [r.id for r in spark.table("ops.t2").collect()] == [1]
    props = {r.key: r.value for r in spark.sql("SHOW TBLPROPERTIES ops.t2").collect()}
    assert props.get("team") == "x"
    real_spark.sql("DROP TABLE ops.t2")
    assert spark.sql("SHOW TABLES IN ops").collect() == []
    # And the other way round: Sparkling drops, Spark no longer finds it.
    spark.sql("CREATE TABLE ops.t3 (id INT) USING iceberg")
    assert real_spark.catalog.tableExists("ops.t3")
    spark.sql("DROP TABLE ops.t3")
    assert not real_spark.catalog.tableExists("ops.t3")


def test_other_engines_read_sparkling_schema_and_partition_evolution(real_spark, spark, catalog,
                                                                   sparkling_tables):
    t = f"{NS}.evolved"
    spark.sql(f"CREATE TABLE {t} (id INT, name STRING, price FLOAT) USING iceberg")
    spark.sql(f"INSERT INTO {t} VALUES (1, 'a', 1.5), (2, 'b', NULL)")
    spark.sql(f"ALTER TABLE {t} RENAME COLUMN name TO label")
    spark.sql(f"ALTER TABLE {t} ADD COLUMN added DATE")
    spark.sql(f"ALTER TABLE {t} ALTER COLUMN id TYPE BIGINT")
    spark.sql(f"ALTER TABLE {t} ALTER COLUMN price TYPE DOUBLE")
    spark.sql(f"ALTER TABLE {t} ADD PARTITION FIELD bucket(2, id)")
    spark.sql(f"INSERT INTO {t} VALUES (3, 'c', 2.25, DATE'2024-06-01'), (4, NULL, NULL, NULL)")
    spark.sql(f"ALTER TABLE {t} DROP COLUMN price")
    ours = spark.table(t).toArrow()
    assert ours.column_names == ["id", "label", "added"]
    assert ours.num_rows == 4
    assert_same_rows(catalog.load_table(t).scan().to_arrow(), ours)
    assert_same_rows(real_spark.table(t).toArrow(), ours)
    assert [tuple(r) for r in real_spark.sql(f"SELECT id, label FROM {t} WHERE id = 3").collect()] \
        == [(3, "c")]


# --- d. the seed's flow -----------------------------------------------------------------------


def test_seed_flow(sparkling, spark, catalog, reference_boot):
    warehouse = pathlib.Path(sparkling.warehouse)
    for ns in ("raw", "stg", "dw", "mrt"):
        spark.sql(f"CREATE NAMESPACE IF NOT EXISTS spark_catalog.{ns} LOCATION '{warehouse / ns}'")
    names = {r[0] for r in spark.sql("SHOW NAMESPACES").collect()}
    assert {"raw", "stg", "dw", "mrt"} <= names

    df = spark.range(0, 100).withColumnRenamed("id", "number")
    df.write.format("iceberg").mode("overwrite").saveAsTable("spark_catalog.raw.source_numbers")
    back = spark.table("spark_catalog.raw.source_numbers")
    assert back.columns == ["number"]
    assert sorted(r.number for r in back.collect()) == list(range(100))

    snapshots = spark.sql("SELECT snapshot_id, committed_at, operation "
                          "FROM spark_catalog.raw.source_numbers.snapshots").collect()
    assert len(snapshots) == 1 and snapshots[0].snapshot_id > 0

    spark.range(0, 10).withColumnRenamed("id", "number").write.format("iceberg") \
        .mode("overwrite").saveAsTable("spark_catalog.raw.source_numbers")
    snapshots = spark.sql("SELECT snapshot_id, committed_at, operation "
                          "FROM spark_catalog.raw.source_numbers.snapshots "
                          "ORDER BY committed_at").collect()
    assert len(snapshots) == 2
    assert snapshots[1].committed_at >= snapshots[0].committed_at
    assert spark.table("spark_catalog.raw.source_numbers").count() == 10

    # The table lives under the namespace's location and other readers see the same rows.
    table = catalog.load_table("raw.source_numbers")
    location = table.location().removeprefix("file://")
    assert pathlib.Path(location).resolve().is_relative_to((warehouse / "raw").resolve())
    assert sorted(table.scan().to_arrow()["number"].to_pylist()) == list(range(10))
    if reference_boot is not None:
        reference_boot.wait_ready(timeout=150)
        real = new_session(reference_boot.url)
        try:
            assert sorted(r.number for r in real.table("spark_catalog.raw.source_numbers")
                          .collect()) == list(range(10))
            assert len(real.sql("SELECT * FROM raw.source_numbers.snapshots").collect()) == 2
            # The same flow on real Spark: its overwrite replaces Sparkling's table through the
            # REST catalog (a staged replace), keeping the history; a new table is a staged create.
            real.range(0, 100).withColumnRenamed("id", "number").write.format("iceberg") \
                .mode("overwrite").saveAsTable("spark_catalog.raw.source_numbers")
            real.table("spark_catalog.raw.source_numbers").write.format("iceberg") \
                .mode("overwrite").saveAsTable("spark_catalog.stg.source_numbers")
        finally:
            real.stop()
        for name in ("raw.source_numbers", "stg.source_numbers"):
            assert sorted(r.number for r in spark.table(f"spark_catalog.{name}").collect()) == \
                list(range(100))
        snapshots = spark.sql("SELECT snapshot_id, committed_at, operation "
                              "FROM spark_catalog.raw.source_numbers.snapshots").collect()
        assert len(snapshots) == 3
        stg = catalog.load_table("stg.source_numbers")
        assert pathlib.Path(stg.location().removeprefix("file://")).resolve().is_relative_to(
            (warehouse / "stg").resolve())
