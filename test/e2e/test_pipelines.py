"""Spark Declarative Pipelines against Sparkling: the real pipelines CLI shipped with pyspark
(`python -m pyspark.pipelines.cli` with SPARK_REMOTE, and the `spark-pipelines` script) runs
projects written to temporary directories against the server."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from servers import ROOT, SparklingServer, java_available

VENV_BIN = pathlib.Path(sys.executable).parent
EXAMPLE = ROOT / "examples" / "pipeline"
FLOW_EVENT = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: (Flow .*|Run is .*)$")


@pytest.fixture(scope="module")
def server():
    """A server of this module's own: pipelines create namespaces and tables that other tests
    listing the catalog must not see."""
    srv = SparklingServer().start()
    yield srv
    code = srv.stop()
    assert code == 0, f"server exit code {code} on SIGTERM\n{srv.log()[-4000:]}"


@pytest.fixture(scope="module")
def remote(server):
    return server.url


def run_cli(remote: str, project: pathlib.Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m pyspark.pipelines.cli <args>` in `project` against the server."""
    env = dict(os.environ, SPARK_REMOTE=remote)
    return subprocess.run([sys.executable, "-m", "pyspark.pipelines.cli", *args], cwd=project,
                          env=env, capture_output=True, text=True, timeout=timeout)


def events(result: subprocess.CompletedProcess) -> list[str]:
    """The flow and run events the CLI printed, without their timestamps."""
    return [m.group(1) for line in result.stdout.splitlines() if (m := FLOW_EVENT.match(line))]


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def write_project(root: pathlib.Path, files: dict[str, str], spec: str | None = None,
                  storage: pathlib.Path | None = None) -> pathlib.Path:
    """A pipeline project: spark-pipeline.yml (storage under `root` unless given) + files."""
    storage = storage or root / "storage"
    root.mkdir(parents=True, exist_ok=True)
    (root / "spark-pipeline.yml").write_text(spec if spec is not None else textwrap.dedent(f"""\
        name: test_pipeline
        storage: file://{storage}
        libraries:
          - glob:
              include: transformations/**
        """))
    for name, text in files.items():
        path = root / "transformations" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def create_databases(spark, *names: str) -> None:
    for name in names:
        spark.sql(f"CREATE DATABASE IF NOT EXISTS spark_catalog.{name}")


def snapshot_count(spark, table: str) -> int:
    return spark.sql(f"SELECT count(*) FROM {table}.snapshots").collect()[0][0]


def table_exists(spark, table: str) -> bool:
    database, name = table.rsplit(".", 1)
    return any(row.tableName == name for row in spark.sql(f"SHOW TABLES IN {database}").collect())


# ---- The seed's four materialized views (examples/pipeline) ----

SEED_TABLES = ["spark_catalog.raw.source_numbers", "spark_catalog.stg.stg_numbers",
               "spark_catalog.dw.fct_filtered_evens", "spark_catalog.mrt.mrt_final_stats"]


@pytest.fixture()
def seed_project(tmp_path, spark):
    project = tmp_path / "pipeline"
    shutil.copytree(EXAMPLE, project)
    spec = project / "spark-pipeline.yml"
    spec.write_text(re.sub(r"storage: .*", f"storage: file://{tmp_path / 'storage'}",
                           spec.read_text()))
    for table in SEED_TABLES:
        spark.sql(f"DROP TABLE IF EXISTS {table}")
    create_databases(spark, "raw", "stg", "dw", "mrt")
    return project


def test_seed_pipeline_dry_run_writes_nothing(remote, spark, seed_project):
    result = run_cli(remote, seed_project, "dry-run")
    assert result.returncode == 0, output(result)
    assert events(result) == ["Run is COMPLETED."]
    assert not any(table_exists(spark, table) for table in SEED_TABLES)


def test_seed_pipeline_run_builds_and_refreshes_all_four(remote, spark, seed_project):
    result = run_cli(remote, seed_project, "run")
    assert result.returncode == 0, output(result)
    expected = [f"Flow {t} is QUEUED." for t in SEED_TABLES]
    for table in SEED_TABLES:  # a chain: each flow runs after the one it reads
        expected += [f"Flow {table} is PLANNING.", f"Flow {table} is STARTING.",
                     f"Flow {table} is RUNNING.", f"Flow {table} has COMPLETED."]
    expected.append("Run is COMPLETED.")
    assert events(result) == expected
    assert "Loading pipeline spec from" in result.stdout
    assert spark.table("spark_catalog.mrt.mrt_final_stats").collect()[0].total_sum == 2450
    assert spark.table("spark_catalog.raw.source_numbers").columns == ["number"]
    assert dict(spark.table("spark_catalog.stg.stg_numbers").dtypes) == {"id": "bigint"}
    assert spark.table("spark_catalog.dw.fct_filtered_evens").count() == 50
    assert all(snapshot_count(spark, table) == 1 for table in SEED_TABLES)

    again = run_cli(remote, seed_project, "run")
    assert again.returncode == 0, output(again)
    assert events(again)[-1] == "Run is COMPLETED."
    assert all(snapshot_count(spark, table) == 2 for table in SEED_TABLES)
    assert spark.table("spark_catalog.mrt.mrt_final_stats").collect()[0].total_sum == 2450
    assert spark.table("spark_catalog.dw.fct_filtered_evens").count() == 50


@pytest.mark.skipif(not java_available(), reason="spark-pipelines needs Java")
def test_spark_pipelines_script_with_remote(remote, spark, seed_project):
    env = dict(os.environ, PATH=f"{VENV_BIN}:{os.environ.get('PATH', '')}")
    env.pop("SPARK_REMOTE", None)
    result = subprocess.run([str(VENV_BIN / "spark-pipelines"), "run", "--spec",
                             str(seed_project / "spark-pipeline.yml"), "--remote", remote],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, output(result)
    assert events(result)[-1] == "Run is COMPLETED."
    assert spark.table("spark_catalog.mrt.mrt_final_stats").collect()[0].total_sum == 2450


def test_init_project_runs_unchanged(remote, spark, tmp_path):
    spark.sql("DROP TABLE IF EXISTS spark_catalog.default.example_python_materialized_view")
    spark.sql("DROP TABLE IF EXISTS spark_catalog.default.example_sql_materialized_view")
    created = run_cli(remote, tmp_path, "init", "--name", "demo")
    assert created.returncode == 0, output(created)
    result = run_cli(remote, tmp_path / "demo", "run")
    assert result.returncode == 0, output(result)
    assert "Flow spark_catalog.default.example_sql_materialized_view has COMPLETED." in events(result)
    rows = spark.table("spark_catalog.default.example_sql_materialized_view").orderBy("id").collect()
    assert [row.id for row in rows] == [0, 2, 4, 6, 8]


# ---- SQL files ----

def test_sql_only_pipeline(remote, spark, tmp_path):
    create_databases(spark, "sqlonly")
    project = write_project(tmp_path, {
        "orders.sql": """\
            -- raw orders, then a view and two aggregates
            USE sqlonly;
            CREATE MATERIALIZED VIEW orders COMMENT 'all orders' AS
              SELECT id, id % 3 AS customer, CAST(id * 10 AS DECIMAL(10, 2)) AS amount
              FROM range(1, 13);
            CREATE TEMPORARY VIEW big_orders AS SELECT * FROM orders WHERE amount > 50;
            SET spark.sql.ansi.enabled = true;
            """,
        "totals.sql": """\
            CREATE MATERIALIZED VIEW sqlonly.customer_totals AS
              WITH per_customer AS (
                SELECT customer, sum(amount) AS total, count(*) AS n FROM sqlonly.orders GROUP BY customer)
              SELECT * FROM per_customer;
            CREATE MATERIALIZED VIEW sqlonly.big_order_count AS SELECT count(*) AS n FROM big_orders;
            """})
    result = run_cli(remote, project, "run")
    assert result.returncode == 0, output(result)
    totals = {r.customer: (float(r.total), r.n)
              for r in spark.table("sqlonly.customer_totals").collect()}
    assert totals == {0: (300.0, 4), 1: (220.0, 4), 2: (260.0, 4)}
    assert spark.table("sqlonly.big_order_count").collect()[0].n == 7
    assert not table_exists(spark, "sqlonly.big_orders")  # temporary views stay in the run
    order = events(result)
    assert order.index("Flow spark_catalog.sqlonly.orders has COMPLETED.") < order.index(
        "Flow spark_catalog.sqlonly.customer_totals is STARTING.")


def test_mixed_sql_and_python_pipeline(remote, spark, tmp_path):
    create_databases(spark, "mixed")
    project = write_project(tmp_path, {
        "customers.py": """\
            from pyspark import pipelines as dp
            from pyspark.sql import SparkSession, functions as F

            spark = SparkSession.active()

            @dp.materialized_view(name="mixed.customers", comment="ten customers")
            def customers():
                return spark.range(10).select(F.col("id").alias("customer_id"),
                                              F.concat(F.lit("c"), F.col("id")).alias("name"))

            @dp.temporary_view
            def vip_customers():
                return spark.sql("SELECT * FROM mixed.customer_orders WHERE orders >= 2")

            @dp.materialized_view(name="mixed.vip_names")
            def vip_names():
                return spark.table("vip_customers").select("name").orderBy("name")
            """,
        "orders.sql": """\
            CREATE MATERIALIZED VIEW mixed.customer_orders AS
              SELECT c.customer_id, c.name, count(*) AS orders
              FROM mixed.customers c JOIN (SELECT id % 4 AS customer_id FROM range(9)) o
                ON c.customer_id = o.customer_id
              GROUP BY c.customer_id, c.name;
            """})
    result = run_cli(remote, project, "run")
    assert result.returncode == 0, output(result)
    assert [r.name for r in spark.table("mixed.vip_names").collect()] == ["c0", "c1", "c2", "c3"]


# ---- Streaming tables over a landing folder ----

STREAMING_PIPELINE = {
    "ingest.py": """\
        from pyspark import pipelines as dp
        from pyspark.sql import SparkSession, functions as F

        spark = SparkSession.active()
        LANDING = "{landing}"

        @dp.table(name="stream.raw_sales", comment="CSV batches as they land")
        def raw_sales():
            return (spark.readStream.format("csv").option("header", "true")
                    .schema("sale_id INT, region STRING, amount DOUBLE").load(LANDING))
        """,
    "report.sql": """\
        CREATE STREAMING TABLE stream.big_sales AS
          SELECT sale_id, amount FROM STREAM(stream.raw_sales) WHERE amount >= 100;
        CREATE MATERIALIZED VIEW stream.sales_by_region AS
          SELECT region, count(*) AS sales, sum(amount) AS total
          FROM stream.raw_sales GROUP BY region;
        """,
}


def drop_batch(landing: pathlib.Path, name: str, rows: list[tuple]) -> None:
    text = "sale_id,region,amount\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows)
    (landing / f".{name}.tmp").write_text(text)  # hidden until complete, as Spark expects
    (landing / f".{name}.tmp").rename(landing / name)


def by_region(spark) -> dict:
    return {r.region: (r.sales, r.total) for r in spark.table("stream.sales_by_region").collect()}


def test_streaming_table_ingests_each_file_once(remote, spark, tmp_path):
    create_databases(spark, "stream")
    for table in ("raw_sales", "big_sales", "sales_by_region"):
        spark.sql(f"DROP TABLE IF EXISTS stream.{table}")
    landing = tmp_path / "landing"
    landing.mkdir()
    files = {name: text.replace("{landing}", str(landing)) for name, text in STREAMING_PIPELINE.items()}
    project = write_project(tmp_path / "project", files)

    drop_batch(landing, "batch1.csv", [(1, "north", 50.0), (2, "south", 150.0)])
    first = run_cli(remote, project, "run")
    assert first.returncode == 0, output(first)
    assert "Flow spark_catalog.stream.raw_sales has COMPLETED." in events(first)
    assert spark.table("stream.raw_sales").count() == 2
    assert by_region(spark) == {"north": (1, 50.0), "south": (1, 150.0)}
    assert [r.sale_id for r in spark.table("stream.big_sales").collect()] == [2]

    drop_batch(landing, "batch2.csv", [(3, "north", 200.0), (4, "east", 10.0), (5, "east", 120.0)])
    second = run_cli(remote, project, "run")
    assert second.returncode == 0, output(second)
    assert spark.table("stream.raw_sales").count() == 5
    assert by_region(spark) == {"north": (2, 250.0), "south": (1, 150.0), "east": (2, 130.0)}
    assert sorted(r.sale_id for r in spark.table("stream.big_sales").collect()) == [2, 3, 5]

    third = run_cli(remote, project, "run")  # nothing new landed: nothing appended
    assert third.returncode == 0, output(third)
    assert spark.table("stream.raw_sales").count() == 5
    assert spark.table("stream.big_sales").count() == 3

    checkpoints = tmp_path / "project" / "storage" / "_checkpoints" / "spark_catalog" / "stream"
    assert (checkpoints / "raw_sales" / "raw_sales" / "0").is_dir()
    refreshed = run_cli(remote, project, "run", "--full-refresh-all")
    assert refreshed.returncode == 0, output(refreshed)
    assert (checkpoints / "raw_sales" / "raw_sales" / "1").is_dir()
    assert spark.table("stream.raw_sales").count() == 5
    assert sorted(r.sale_id for r in spark.table("stream.big_sales").collect()) == [2, 3, 5]
    assert by_region(spark) == {"north": (2, 250.0), "south": (1, 150.0), "east": (2, 130.0)}


# ---- Bad input: a clear error naming the dataset, a non-zero exit, earlier tables intact ----

GOOD_TABLE = """\
    from pyspark import pipelines as dp
    from pyspark.sql import SparkSession

    spark = SparkSession.active()

    @dp.materialized_view(name="bad.good_table")
    def good_table():
        return spark.range(3)
    """


@pytest.fixture()
def bad_db(spark):
    create_databases(spark, "bad")
    spark.sql("DROP TABLE IF EXISTS bad.good_table")
    return spark


def run_good_then(remote, project_root: pathlib.Path, files: dict[str, str], spark,
                  fails_before_writing: bool = True, **kwargs):
    """Runs a pipeline holding only bad.good_table, then the same pipeline with `files` added;
    returns the second run, after checking that bad.good_table kept its rows (and, when the
    failure is found before any flow runs, was not written at all)."""
    good = write_project(project_root, {"good.py": GOOD_TABLE}, **kwargs)
    first = run_cli(remote, good, "run")
    assert first.returncode == 0, output(first)
    write_project(project_root, files, **kwargs)
    result = run_cli(remote, project_root, "run")
    assert result.returncode != 0, output(result)
    assert spark.table("bad.good_table").count() == 3
    assert snapshot_count(spark, "bad.good_table") == (1 if fails_before_writing else 2)
    return result


def test_sql_syntax_error(remote, bad_db, tmp_path):
    result = run_good_then(remote, tmp_path, {"broken.sql": """\
        CREATE MATERIALIZED VIEW bad.broken AS SELEC 1;
        """}, bad_db)
    assert "PARSE_SYNTAX_ERROR" in output(result)
    assert "SELEC" in output(result)


def test_python_function_raising(remote, bad_db, tmp_path):
    result = run_good_then(remote, tmp_path, {"broken.py": """\
        from pyspark import pipelines as dp

        @dp.materialized_view(name="bad.exploding")
        def exploding():
            raise ValueError("the source system is down")
        """}, bad_db)
    assert "ValueError: the source system is down" in output(result)
    assert "exploding" in output(result)


def test_unknown_table_reference(remote, bad_db, tmp_path):
    result = run_good_then(remote, tmp_path, {"broken.sql": """\
        CREATE MATERIALIZED VIEW bad.orphan AS SELECT * FROM bad.does_not_exist;
        CREATE MATERIALIZED VIEW bad.orphan_child AS SELECT * FROM bad.orphan;
        """}, bad_db)
    text = output(result)
    assert "Failed to resolve flow: 'spark_catalog.bad.orphan'." in text
    assert "TABLE_OR_VIEW_NOT_FOUND" in text and "does_not_exist" in text
    assert "Failed to resolve flow due to upstream failure: 'spark_catalog.bad.orphan_child'." in text
    assert "Flows with errors: spark_catalog.bad.orphan" in text


def test_cycle(remote, bad_db, tmp_path):
    result = run_good_then(remote, tmp_path, {"cycle.sql": """\
        CREATE MATERIALIZED VIEW bad.ping AS SELECT * FROM bad.pong;
        CREATE MATERIALIZED VIEW bad.pong AS SELECT * FROM bad.ping;
        """}, bad_db)
    text = output(result)
    assert "Circular dependencies are not supported in a pipeline" in text
    assert "bad.ping" in text and "bad.pong" in text


def test_batch_query_for_streaming_table(remote, bad_db, tmp_path):
    result = run_good_then(remote, tmp_path, {"batch.sql": """\
        CREATE STREAMING TABLE bad.not_streaming AS SELECT * FROM bad.good_table;
        """}, bad_db)
    text = output(result)
    assert "INVALID_FLOW_QUERY_TYPE.BATCH_RELATION_FOR_STREAMING_TABLE" in text
    assert "not_streaming" in text


def test_malformed_spec(remote, tmp_path):
    project = write_project(tmp_path, {"good.py": GOOD_TABLE}, spec=textwrap.dedent(f"""\
        name: broken
        storage: file://{tmp_path}/storage
        libraries:
          - glob:
              include: transformations/**
        schedule: hourly
        """))
    result = run_cli(remote, project, "run")
    assert result.returncode != 0
    assert "PIPELINE_SPEC_UNEXPECTED_FIELD" in output(result) and "schedule" in output(result)


def test_relative_storage_root(remote, bad_db, tmp_path):
    project = write_project(tmp_path, {"good.py": GOOD_TABLE}, spec=textwrap.dedent("""\
        name: broken
        storage: pipeline-storage
        libraries:
          - glob:
              include: transformations/**
        """))
    result = run_cli(remote, project, "run")
    assert result.returncode != 0
    assert "PIPELINE_STORAGE_ROOT_INVALID" in output(result)


def test_unwritable_storage(remote, bad_db, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the storage directory should be")
    landing = tmp_path / "landing"
    landing.mkdir()
    drop_batch(landing, "batch1.csv", [(1, "north", 5.0)])
    result = run_good_then(remote, tmp_path / "project", {"ingest.py": f"""\
        from pyspark import pipelines as dp
        from pyspark.sql import SparkSession

        spark = SparkSession.active()

        @dp.table(name="bad.landed")
        def landed():
            return spark.readStream.format("csv").option("header", "true").schema(
                "sale_id INT, region STRING, amount DOUBLE").load("{landing}")
        """}, bad_db, fails_before_writing=False, storage=blocker / "storage")
    text = output(result)
    assert "Flow 'spark_catalog.bad.landed' has FAILED." in text
    assert "Cannot write pipeline storage" in text and str(blocker) in text


def test_csv_rows_not_fitting_the_schema(remote, bad_db, tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    drop_batch(landing, "batch1.csv", [(1, "north", 5.0), (2, "south", "lots")])
    spec = textwrap.dedent(f"""\
        name: strict_ingest
        storage: file://{tmp_path}/storage
        libraries:
          - glob:
              include: transformations/**
        configuration:
          spark.sql.pipelines.maxFlowRetryAttempts: "1"
          spark.sql.pipelines.execution.watchdog.minRetryTime: "0.2s"
        """)
    result = run_good_then(remote, tmp_path / "project", {"ingest.py": f"""\
        from pyspark import pipelines as dp
        from pyspark.sql import SparkSession

        spark = SparkSession.active()

        @dp.table(name="bad.strict_sales")
        def strict_sales():
            return (spark.readStream.format("csv").option("header", "true").option("mode", "FAILFAST")
                    .schema("sale_id INT, region STRING, amount DOUBLE").load("{landing}"))

        @dp.materialized_view(name="bad.strict_totals")
        def strict_totals():
            return spark.read.table("bad.strict_sales").groupBy("region").count()
        """}, bad_db, fails_before_writing=False, spec=spec)
    text = output(result)
    # One retry, then the run fails; the reader of the failed table is skipped.
    assert text.count("Flow 'spark_catalog.bad.strict_sales' has FAILED.") == 2
    assert "Flow 'spark_catalog.bad.strict_totals' SKIPPED due to upstream failure(s)." in text
    assert "MALFORMED_RECORD_IN_PARSING" in text and '"lots"' in text and "`amount`" in text
    assert not table_exists(bad_db, "bad.strict_totals")
    assert bad_db.table("bad.strict_sales").count() == 0
